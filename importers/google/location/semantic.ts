import { isObject, jsonStart, streamJsonItems } from "../../json.js";
import type { FieldValue, FileInput, FileSample, Importer, ReadItem, RecordDraft } from "../../types.js";
import { activitySegmentRecord, placeVisitRecord } from "./segments.js";
import { locationSensitivity } from "./sensitivity.js";
import { normalise, parseTime, type Fields, type LatLng } from "./values.js";

type Normalised = { [key: string]: FieldValue };

/**
 * `Semantic Location History/2019/2019_JANUARY.json` (month names follow the account language):
 * the Timeline Google drew from the fixes, `{"timelineObjects":[{placeVisit}|{activitySegment}]}`.
 */
export const semanticImporter: Importer = {
  id: "google_location.semantic",
  platform: "google_location",
  title: "Google Semantic Location History",
  detect,
  read,
  fieldSensitivity: locationSensitivity,
};

function detect(sample: FileSample): number {
  if (!/^\{"timelineObjects":\[/.test(jsonStart(sample.head))) return 0;
  return /^\d{4}_[\p{L}]+\.json$/iu.test(sample.name) ? 1 : 0.95;
}

async function* read(file: FileInput): AsyncGenerator<ReadItem> {
  for await (const item of streamJsonItems(file, ["timelineObjects"])) {
    if (item.type === "error") {
      yield item;
      continue;
    }
    const at = `item ${item.index}`;
    const object = isObject(item.value) ? item.value : {};
    const record = isObject(object.placeVisit)
      ? placeVisit(normalise(object.placeVisit) as Normalised)
      : isObject(object.activitySegment)
        ? activitySegment(normalise(object.activitySegment) as Normalised)
        : "expected a placeVisit or an activitySegment";
    if (typeof record === "string") yield { type: "error", at, message: record };
    else yield { ...record, resume: item.index };
  }
}

function placeVisit(visit: Normalised): RecordDraft | string {
  const { location: place, duration, ...rest } = visit;
  const { location, place_id, ...about } = isObject(place) ? (place as Normalised) : {};
  const [start, end] = times(duration);
  if (!start) return "the visit has no readable start time";
  const title = text(about.name) ?? text(about.address) ?? null;
  return placeVisitRecord(start, end, place_id, location as LatLng | undefined, title, { ...about, ...rest });
}

function activitySegment(segment: Normalised): RecordDraft | string {
  const { duration, activity_type, distance, start_location, end_location, ...rest } = segment;
  const [start, end] = times(duration);
  if (!start) return "the activity has no readable start time";
  const meters = typeof distance === "number" ? distance : undefined;
  return activitySegmentRecord(start, end, text(activity_type), meters, { ...ends("start", start_location), ...ends("end", end_location), ...rest });
}

/** `startLocation: {location, placeId, …}` → `start_location`, `start_place_id`, … */
function ends(side: "start" | "end", place: FieldValue | undefined): Fields {
  if (!isObject(place)) return {};
  return Object.fromEntries(Object.entries(place).map(([name, value]) => [name === "location" ? `${side}_location` : `${side}_${name}`, value]));
}

function times(duration: FieldValue | undefined): [Date | undefined, Date | undefined] {
  return isObject(duration) ? [parseTime(duration.start_time), parseTime(duration.end_time)] : [undefined, undefined];
}

function text(value: FieldValue | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
