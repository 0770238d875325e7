import { snakeCase } from "../../text.js";
import type { FieldValue, RecordDraft } from "../../types.js";
import { digest as keyDigest } from "../../keys.js";
import { isObject } from "../../json.js";

export type Fields = Record<string, FieldValue | undefined>;
export type LatLng = [latitude: number, longitude: number];

/**
 * Degrees from Google's E7 integers. Some old exports wrote negative coordinates as unsigned
 * 32-bit integers (latitudeE7 4 294 967 296 too high); other parsers undo it the same way.
 */
export function fromE7(latitudeE7: unknown, longitudeE7: unknown): LatLng | undefined {
  if (typeof latitudeE7 !== "number" || typeof longitudeE7 !== "number") return undefined;
  const lat = latitudeE7 > 900_000_000 ? latitudeE7 - 2 ** 32 : latitudeE7;
  const lon = longitudeE7 > 1_800_000_000 ? longitudeE7 - 2 ** 32 : longitudeE7;
  return checked([lat / 1e7, lon / 1e7]);
}

/** Coordinates as the phone's Timeline writes them: `48.1234567°, 11.5°` (Android), `geo:48.1,11.5` (iOS). */
export function parseLatLng(text: unknown): LatLng | undefined {
  if (typeof text !== "string") return undefined;
  const match = /^\s*(?:geo:)?(-?\d+(?:\.\d+)?)°?\s*,\s*(-?\d+(?:\.\d+)?)°?\s*$/.exec(text);
  return match ? checked([Number(match[1]), Number(match[2])]) : undefined;
}

function checked([lat, lon]: LatLng): LatLng | undefined {
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? [lat, lon] : undefined;
}

/** A UTC time from epoch milliseconds (a number or, in old exports, a string of digits) or ISO text. */
export function parseTime(value: unknown): Date | undefined {
  const time =
    typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value)) ? new Date(Number(value)) : typeof value === "string" ? new Date(value) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time : undefined;
}

/** ISO text of a time field, normalised to UTC; the value itself when it is no time. */
export function isoTime(value: unknown): FieldValue | undefined {
  return parseTime(value)?.toISOString() ?? (value as FieldValue | undefined);
}

/** A short digest for natural keys: stable, and no highly sensitive value in clear. */
export function digest(...parts: unknown[]): string {
  return keyDigest(JSON.stringify(parts), 20);
}

/** The members of `item` not in `known`, under snake_case names: what no mapping covers is kept. */
export function otherFields(item: Record<string, unknown>, known: ReadonlySet<string>): Fields {
  const fields: Fields = {};
  for (const [name, value] of Object.entries(item)) {
    if (!known.has(name) && value !== null && value !== undefined && value !== "") fields[snakeCase(name)] = value as FieldValue;
  }
  return fields;
}

/**
 * One fix from a phone's Timeline export (path points, raw positions): a few thousand a file, so
 * one record each, keyed by its time and E7-rounded coordinates (digested) whichever export it
 * comes from. Records.json's millions of fixes are stored in runs instead (records.ts).
 */
export function locationPoint(time: Date, location: LatLng, fields: Fields): RecordDraft {
  const where = digest(Math.round(location[0] * 1e7), Math.round(location[1] * 1e7));
  return { type: "record", kind: "location_point", naturalKey: `location_point:${time.toISOString()}:${where}`, time, title: null, fields: { location, ...fields } };
}

/** `IN_PASSENGER_VEHICLE` or `in passenger vehicle` → `In passenger vehicle`. */
export function activityName(type: string): string {
  const words = type.replace(/_/g, " ").toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Walking 1.2 km", "Cycling 850 m", "Running". */
export function activityTitle(type: string | undefined, meters: number | undefined): string {
  const name = activityName(type ?? "moving");
  if (meters === undefined || !Number.isFinite(meters)) return name;
  return meters >= 1000 ? `${name} ${(meters / 1000).toFixed(1)} km` : `${name} ${Math.round(meters)} m`;
}

/** Records made from one item share its index: all but the last resume at the item itself, so a restart re-reads it whole. */
export function resumeWithin(records: RecordDraft[], index: number): RecordDraft[] {
  records.forEach((record, position) => (record.resume = position === records.length - 1 ? index : index - 1));
  return records;
}

/**
 * A Google location object in the project's terms, recursively: E7 pairs become `location`
 * (or `center`) as `[lat, lon]`, `…TimestampMs`/`…Timestamp` become `…time` in UTC ISO, a device
 * number becomes its digest, and names become snake_case. Nothing else is dropped.
 */
export function normalise(value: unknown): FieldValue {
  if (Array.isArray(value)) return value.map(normalise);
  if (!isObject(value)) return value as FieldValue;
  const result: { [key: string]: FieldValue } = {};
  for (const [name, member] of Object.entries(value)) {
    if (member === null || member === undefined || member === "") continue;
    const pair = E7_PAIRS.find(([lat]) => lat === name);
    if (pair) {
      const location = fromE7(member, value[pair[1]]);
      if (location) result[pair[2]] = location;
      else result[snakeCase(name)] = member as FieldValue;
    } else if (E7_PAIRS.some(([lat, lon]) => lon === name && value[lat] !== undefined)) {
      continue; // read with its latitude
    } else if (/timestamp(Ms)?$/i.test(name)) {
      result[snakeCase(name.replace(/timestamp(Ms)?$/i, "Time")).replace(/^_/, "")] = isoTime(member) ?? null;
    } else if (name === "deviceTag") {
      result.device = digest(member);
    } else {
      result[snakeCase(name)] = normalise(member);
    }
  }
  return result;
}

const E7_PAIRS: [string, string, string][] = [
  ["latitudeE7", "longitudeE7", "location"],
  ["latE7", "lngE7", "location"],
  ["centerLatE7", "centerLngE7", "center"],
];
