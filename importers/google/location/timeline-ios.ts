import type { FileInput, FileSample, Importer, ReadItem, RecordDraft } from "../../types.js";
import { isObject, jsonArrayKeys, streamJsonItems } from "../../json.js";
import { activitySegmentRecord, placeVisitRecord, tripRecord } from "./segments.js";
import { locationSensitivity } from "./sensitivity.js";
import { locationPoint, normalise, parseLatLng, parseTime, resumeWithin, type Fields } from "./values.js";

/**
 * The Timeline an iPhone exports itself, `location-history.json`: a top-level array of
 * `{startTime, endTime, visit|activity|timelinePath|timelineMemory}`, numbers written as text
 * (`"probability":"0.87"`) and places as `geo:lat,lon` URIs.
 */
export const iosTimelineImporter: Importer = {
  id: "google_location.timeline-ios",
  platform: "google_location",
  title: "Google Timeline export (iOS)",
  detect,
  read,
  fieldSensitivity: locationSensitivity,
};

function detect(sample: FileSample): number {
  const keys = jsonArrayKeys(sample.head);
  // My Activity is an array too, of {header, title, time}: only a segment's own keys count.
  if (!keys || keys.includes("header") || !keys.includes("startTime") || !keys.includes("endTime")) return 0;
  if (!keys.some((key) => ["visit", "activity", "timelinePath", "timelineMemory"].includes(key))) return 0;
  return /^location-history\.json$/i.test(sample.name) ? 1 : 0.95;
}

async function* read(file: FileInput): AsyncGenerator<ReadItem> {
  for await (const item of streamJsonItems(file, [""])) {
    if (item.type === "error") {
      yield item;
      continue;
    }
    const at = `item ${item.index}`;
    const records = isObject(item.value) ? segmentRecords(item.value) : "expected an object";
    if (typeof records === "string") yield { type: "error", at, message: records };
    else yield* resumeWithin(records, item.index);
  }
}

function segmentRecords(segment: Record<string, unknown>): RecordDraft[] | string {
  const start = parseTime(segment.startTime);
  const end = parseTime(segment.endTime);
  if (!start) return "the segment has no readable startTime";
  const records: RecordDraft[] = [];
  if (isObject(segment.visit)) {
    const { topCandidate, probability, ...visit } = segment.visit;
    const { placeID, placeLocation, probability: candidate, ...rest } = isObject(topCandidate) ? topCandidate : {};
    const fields = { probability: number(probability), candidate_probability: number(candidate), ...(normalise({ ...visit, ...rest }) as Fields) };
    records.push(placeVisitRecord(start, end, placeID, parseLatLng(placeLocation), null, fields));
  }
  if (isObject(segment.activity)) {
    const { start: from, end: to, distanceMeters, topCandidate, probability, ...activity } = segment.activity;
    const { type, probability: candidate } = isObject(topCandidate) ? topCandidate : {};
    const fields: Fields = {
      start_location: parseLatLng(from),
      end_location: parseLatLng(to),
      probability: number(probability),
      candidate_probability: number(candidate),
      ...(normalise(activity) as Fields),
    };
    records.push(activitySegmentRecord(start, end, type as string, number(distanceMeters), fields));
  }
  if (isObject(segment.timelineMemory)) {
    records.push(tripRecord(start, end, normalise(segment.timelineMemory) as Fields));
  }
  // Path points carry minutes after the segment's start instead of a time.
  for (const step of Array.isArray(segment.timelinePath) ? segment.timelinePath.filter(isObject) : []) {
    const minutes = number(step.durationMinutesOffsetFromStartTime);
    const location = parseLatLng(step.point);
    if (minutes !== undefined && location) records.push(locationPoint(new Date(start.getTime() + minutes * 60_000), location, {}));
  }
  return records;
}

function number(value: unknown): number | undefined {
  const parsed = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}
