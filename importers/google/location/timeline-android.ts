import { isObject, jsonStart, streamJsonItems } from "../../json.js";
import type { FileInput, FileSample, Importer, ReadItem, RecordDraft } from "../../types.js";
import { activitySegmentRecord, placeVisitRecord, tripRecord } from "./segments.js";
import { locationSensitivity } from "./sensitivity.js";
import { digest, locationPoint, normalise, otherFields, parseLatLng, parseTime, resumeWithin, type Fields } from "./values.js";

const MEMBERS = ["semanticSegments", "rawSignals", "userLocationProfile"];
const SEGMENT_KNOWN = new Set(["startTime", "endTime", "visit", "activity", "timelinePath", "timelineMemory"]);

/**
 * The Timeline an Android phone exports itself (Maps › Timeline › Export, since 2024):
 * `{"semanticSegments":[…],"rawSignals":[…],"userLocationProfile":{…}}`, in any member order.
 */
export const androidTimelineImporter: Importer = {
  id: "google_location.timeline-android",
  platform: "google_location",
  title: "Google Timeline export (Android)",
  detect,
  read,
  fieldSensitivity: locationSensitivity,
};

function detect(sample: FileSample): number {
  if (!/^\{"(semanticSegments|rawSignals|userLocationProfile)":[[{]/.test(jsonStart(sample.head))) return 0;
  return /^Timeline\.json$/i.test(sample.name) ? 1 : 0.95;
}

async function* read(file: FileInput): AsyncGenerator<ReadItem> {
  for await (const item of streamJsonItems(file, MEMBERS)) {
    if (item.type === "error") {
      yield item;
      continue;
    }
    const at = `item ${item.index}`;
    const value = isObject(item.value) ? item.value : {};
    const read =
      item.member === "semanticSegments" ? segmentRecords(value) : item.member === "rawSignals" ? signalRecords(value) : frequentPlaces(value);
    if (typeof read === "string") yield { type: "error", at, message: read };
    else yield* resumeWithin(read, item.index);
  }
}

function segmentRecords(segment: Record<string, unknown>): RecordDraft[] | string {
  const start = parseTime(segment.startTime);
  const end = parseTime(segment.endTime);
  if (!start) return "the segment has no readable startTime";
  const records: RecordDraft[] = [];
  const zone = otherFields(segment, SEGMENT_KNOWN); // the UTC offsets at start and end
  if (isObject(segment.visit)) {
    const { topCandidate, ...visit } = segment.visit;
    const { placeId, placeLocation, probability, ...candidate } = isObject(topCandidate) ? topCandidate : {};
    const location = parseLatLng(isObject(placeLocation) ? placeLocation.latLng : undefined);
    const fields = { ...(normalise(visit) as Fields), candidate_probability: probability as number, ...(normalise(candidate) as Fields), ...zone };
    records.push(placeVisitRecord(start, end, placeId, location, null, fields));
  }
  if (isObject(segment.activity)) {
    const { start: from, end: to, distanceMeters, topCandidate, ...activity } = segment.activity;
    const { type, probability } = isObject(topCandidate) ? topCandidate : {};
    const fields: Fields = {
      start_location: parseLatLng(isObject(from) ? from.latLng : undefined),
      end_location: parseLatLng(isObject(to) ? to.latLng : undefined),
      candidate_probability: probability as number,
      ...(normalise(activity) as Fields),
      ...zone,
    };
    records.push(activitySegmentRecord(start, end, type as string, distanceMeters as number, fields));
  }
  if (isObject(segment.timelineMemory)) {
    records.push(tripRecord(start, end, { ...(normalise(segment.timelineMemory) as Fields), ...zone }));
  }
  for (const step of Array.isArray(segment.timelinePath) ? segment.timelinePath : []) {
    const time = parseTime(isObject(step) ? step.time : undefined);
    const location = parseLatLng(isObject(step) ? step.point : undefined);
    if (time && location) records.push(locationPoint(time, location, {}));
  }
  return records;
}

/** Raw signals: positions become points like Records.json's; activity guesses and Wi-Fi scans are kept as they are. */
function signalRecords(signal: Record<string, unknown>): RecordDraft[] | string {
  if (isObject(signal.position)) {
    const { LatLng, timestamp, accuracyMeters, altitudeMeters, ...rest } = signal.position;
    const time = parseTime(timestamp);
    const location = parseLatLng(LatLng);
    if (!time || !location) return "the position has no readable timestamp or LatLng";
    return [locationPoint(time, location, { accuracy: accuracyMeters as number, altitude: altitudeMeters as number, ...(normalise(rest) as Fields) })];
  }
  const [kind, value, stamp] = isObject(signal.activityRecord)
    ? (["detected_activity", signal.activityRecord, "timestamp"] as const)
    : isObject(signal.wifiScan)
      ? (["wifi_scan", signal.wifiScan, "deliveryTime"] as const)
      : [];
  const time = kind && parseTime(value[stamp]);
  if (!kind || !time) return "expected a position, an activityRecord or a wifiScan with its time";
  const { time: _time, delivery_time: _delivery, ...fields } = normalise(value) as Fields;
  return [{ type: "record", kind, naturalKey: `${kind}:${time.toISOString()}`, time, title: null, fields }];
}

/** The places the phone learned the user goes to often, home and work labelled. */
function frequentPlaces(profile: Record<string, unknown>): RecordDraft[] {
  const places = Array.isArray(profile.frequentPlaces) ? profile.frequentPlaces.filter(isObject) : [];
  return places.map(({ placeId, placeLocation, label, ...rest }) => ({
    type: "record",
    kind: "frequent_place",
    naturalKey: `frequent_place:${digest(placeId ?? placeLocation ?? null)}`,
    time: null,
    title: typeof label === "string" ? label : null,
    fields: { location: parseLatLng(placeLocation), place_id: placeId as string, semantic_type: label as string, ...(normalise(rest) as Fields) },
  }));
}
