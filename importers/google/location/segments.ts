import type { RecordDraft } from "../../types.js";
import { activityTitle, digest, type Fields, type LatLng } from "./values.js";

/**
 * A stay at a place. Keyed by its start, end and place (its coordinates where there is no place
 * id), never in clear, so the Takeout month files and a phone's Timeline export meet.
 */
export function placeVisitRecord(start: Date, end: Date | undefined, placeId: unknown, location: LatLng | undefined, title: string | null, fields: Fields): RecordDraft {
  const where = placeId ?? (location && location.map((degrees) => Math.round(degrees * 1e7)));
  return {
    type: "record",
    kind: "place_visit",
    naturalKey: `place_visit:${span(start, end)}:${digest(where ?? null)}`,
    time: start,
    title,
    fields: { location, place_id: placeId as Fields[string], start_time: start.toISOString(), end_time: end?.toISOString(), ...fields },
  };
}

/** A move between places; a timeline never holds two at once, so the span identifies it. */
export function activitySegmentRecord(start: Date, end: Date | undefined, type: string | undefined, meters: number | undefined, fields: Fields): RecordDraft {
  return {
    type: "record",
    kind: "activity_segment",
    naturalKey: `activity_segment:${span(start, end)}`,
    time: start,
    title: activityTitle(type, meters),
    fields: { activity_type: type, distance_meters: meters, start_time: start.toISOString(), end_time: end?.toISOString(), ...fields },
  };
}

function span(start: Date, end: Date | undefined): string {
  return `${start.toISOString()}/${end?.toISOString() ?? ""}`;
}

/** A trip the phone summarised (`timelineMemory`): its destinations and distance. */
export function tripRecord(start: Date, end: Date | undefined, fields: Fields): RecordDraft {
  return {
    type: "record",
    kind: "trip",
    naturalKey: `trip:${span(start, end)}`,
    time: start,
    title: "Trip",
    fields: { ...fields, start_time: start.toISOString(), end_time: end?.toISOString() },
  };
}
