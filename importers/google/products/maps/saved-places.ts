import { isObject, jsonStart, streamJsonItems } from "../../../json.js";
import type { FieldValue, Importer, ReadItem } from "../../../types.js";
import { compact, takeoutTime, type Fields } from "../shared.js";
import { snakeCase } from "../../../text.js";
import { digest } from "../../../keys.js";

/** All saved places go in one list, whatever the account language names the file. */
const LIST = "Saved places";

/** `Saved Places.json`, German `Gespeicherte Orte.json`, Italian `Luoghi salvati.json`, … */
const NAMES = /^(Saved Places|Gespeicherte Orte|Luoghi salvati|Lieux enregistrés|Sitios guardados|Lugares guardados)\.json$/i;

/**
 * `Maps (your places)/Saved Places.json` (German `Maps (Meine Orte)/Gespeicherte Orte.json`,
 * Italian `Maps (I tuoi luoghi)`): a GeoJSON FeatureCollection, one Feature per starred or saved
 * place. Older exports use title-case properties (`Title`, `Google Maps URL`, `Location{Address,
 * Business Name, Geo Coordinates}`, `Published`, `Updated`), newer ones lowercase (`date`,
 * `google_maps_url`, `location{address, country_code, name}`). A place without a location comes
 * with coordinates `[0,0]` and a `Comment`: those coordinates are not kept.
 */
export const savedPlacesImporter: Importer = {
  id: "google.maps.saved-places",
  platform: "google_maps",
  title: "Google Maps saved places",
  detect(sample) {
    const start = jsonStart(sample.head, 4096);
    const collection = start.startsWith('{"type":"FeatureCollection"') || start.startsWith('{"features":[');
    if (!collection || !/"(GoogleMapsURL|google_maps_url)":/.test(start)) return 0;
    return NAMES.test(sample.name) ? 1 : 0.95;
  },
  async *read(file) {
    for await (const found of streamJsonItems(file, ["features"])) yield found.type === "error" ? found : place(found.value, found.index);
  },
  fieldSensitivity: {
    latitude: { level: 3, categories: ["location"], reason: "precise position of a saved place, which may be home" },
    longitude: { level: 3, categories: ["location"], reason: "precise position of a saved place, which may be home" },
    address: { level: 3, categories: ["location"], reason: "address of a saved place, which may be home" },
    google_maps_url: { level: 3, categories: ["location"], reason: "may hold the place's coordinates" },
  },
};

function place(value: FieldValue, index: number): ReadItem {
  const at = `item ${index}`;
  const properties = isObject(value) ? value.properties : undefined;
  if (!isObject(value) || !isObject(properties)) return { type: "error", at, message: "expected a GeoJSON Feature with properties" };
  const fields: Fields = { list: LIST };
  for (const [name, member] of Object.entries(properties)) {
    // `Location` / `location` holds the place itself; its members become fields of their own.
    if (/^location$/i.test(name) && isObject(member)) Object.assign(fields, locationFields(member));
    else fields[snakeCase(name)] = member;
  }
  fields.latitude ??= coordinate(value.geometry, 1);
  fields.longitude ??= coordinate(value.geometry, 0);
  if (fields.latitude === 0 && fields.longitude === 0) {
    delete fields.latitude;
    delete fields.longitude;
  }

  const timeText = [fields.date, fields.updated, fields.published].find((text) => typeof text === "string") as string | undefined;
  const time = takeoutTime(timeText);
  if (timeText && !time) return { type: "error", at, message: `unreadable date "${timeText}"` };
  const url = typeof fields.google_maps_url === "string" ? fields.google_maps_url : null;
  const title = [fields.title, fields.name, fields.business_name, fields.address].find((text) => typeof text === "string") as string | undefined;
  // The URL names the place (a `cid`, or a query); the coordinates only when there is no URL.
  const identity = url ?? JSON.stringify([title, fields.latitude, fields.longitude]);
  return {
    type: "record",
    kind: "list_item",
    naturalKey: `list_item|${LIST}|#${digest(identity)}`,
    time,
    title: title ?? null,
    url,
    fields: compact(fields),
    resume: index,
  };
}

function locationFields(location: { [key: string]: FieldValue }): Fields {
  const fields: Fields = {};
  for (const [name, member] of Object.entries(location)) {
    if (/^geo coordinates$/i.test(name) && isObject(member)) {
      fields.latitude = numberOf(member.Latitude ?? member.latitude);
      fields.longitude = numberOf(member.Longitude ?? member.longitude);
    } else {
      fields[snakeCase(name)] = member;
    }
  }
  return fields;
}

/** One coordinate of a GeoJSON Point (`[longitude, latitude]`). */
function coordinate(geometry: FieldValue | undefined, axis: 0 | 1): number | undefined {
  const coordinates = isObject(geometry) ? geometry.coordinates : undefined;
  return Array.isArray(coordinates) ? numberOf(coordinates[axis]) : undefined;
}

function numberOf(value: FieldValue | undefined): number | undefined {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}
