import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { fixture } from "../../../test/fixtures.js";
import { readAll } from "../../read-all.js";
import { androidTimelineImporter as importer } from "./timeline-android.js";
import { digest } from "./values.js";

const ownFixture = fixture("google", "location", "phone", "Timeline.json");
const read = async (resume: unknown = null) => readAll(importer, await fileInputFromPath(ownFixture, ownFixture, resume));

describe("Google Timeline export from an Android phone (Timeline.json)", () => {
  it("reads segments, raw signals and frequent places", async () => {
    const { records, errors } = await read();
    expect(records.map((record) => [record.kind, record.title, record.time?.toISOString(), record.resume])).toEqual([
      ["place_visit", null, "2024-03-01T08:00:00.000Z", 1],
      ["activity_segment", "Walking 850 m", "2024-03-01T11:30:00.000Z", 2],
      ["location_point", null, "2024-03-01T11:31:00.000Z", 2],
      ["location_point", null, "2024-03-01T11:49:00.000Z", 3],
      ["location_point", null, "2019-01-20T08:00:01.000Z", 5],
      ["detected_activity", null, "2024-03-01T12:00:00.000Z", 6],
      ["wifi_scan", null, "2024-03-01T12:05:00.000Z", 7],
      ["frequent_place", "HOME", undefined, 8],
    ]);
    expect(errors).toEqual([{ type: "error", at: "item 4", message: "the segment has no readable startTime" }]);
  });

  it("keys visits and activities as the Takeout months do, points by time and digested coordinates", async () => {
    const { records } = await read();
    expect(records[0]!.naturalKey).toBe(`place_visit:2024-03-01T08:00:00.000Z/2024-03-01T11:30:00.000Z:${digest("ChIJ2V-Mo_l1nkcRfZixfUq4DAE")}`);
    expect(records[1]!.naturalKey).toBe("activity_segment:2024-03-01T11:30:00.000Z/2024-03-01T11:50:00.000Z");
    expect(records[4]!.naturalKey).toBe(`location_point:2019-01-20T08:00:01.000Z:${digest(481372000, 115755000)}`);
  });

  it("keeps what the phone says about each", async () => {
    const { records } = await read();
    expect(records[0]!.fields).toEqual({
      location: [48.15, 11.58],
      place_id: "ChIJ2V-Mo_l1nkcRfZixfUq4DAE",
      start_time: "2024-03-01T08:00:00.000Z",
      end_time: "2024-03-01T11:30:00.000Z",
      hierarchy_level: 0,
      probability: 0.92,
      candidate_probability: 0.85,
      semantic_type: "WORK",
      start_time_timezone_utc_offset_minutes: 60,
      end_time_timezone_utc_offset_minutes: 60,
    });
    expect(records[1]!.fields).toEqual({
      activity_type: "WALKING",
      distance_meters: 850.4,
      start_time: "2024-03-01T11:30:00.000Z",
      end_time: "2024-03-01T11:50:00.000Z",
      start_location: [48.15, 11.58],
      end_location: [48.1372, 11.5755],
      candidate_probability: 0.9,
      probability: 0.97,
    });
    expect(records[4]!.fields).toEqual({ location: [48.1372, 11.5755], accuracy: 20, altitude: 519.5, source: "WIFI", speed_meters_per_second: 0.5 });
    expect(records[5]!.fields).toEqual({ probable_activities: [{ type: "STILL", confidence: 0.98 }] });
    expect(records[6]!.fields).toEqual({ devices_records: [{ mac: 123456789012345, raw_rssi: -70 }] });
    expect(records[7]!.fields).toEqual({ location: [48.16, 11.59], place_id: "ChIJhome", semantic_type: "HOME" });
  });

  it("re-reads a segment whose records were stored only in part", async () => {
    const { records } = await read(2);
    expect(records.map((record) => record.kind)).toEqual(["location_point", "location_point", "location_point", "detected_activity", "wifi_scan", "frequent_place"]);
  });

  it("recognises the export by its members, in any order", () => {
    expect(importer.detect(fileInputFromBuffer("Timeline.json", '{\n  "semanticSegments": [{'))).toBe(1);
    expect(importer.detect(fileInputFromBuffer("export.json", '{"rawSignals":[{"position":{}}]}'))).toBe(0.95);
    expect(importer.detect(fileInputFromBuffer("Timeline.json", '{"timelineObjects":[]}'))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("Timeline.json", '[{"header":"Maps","title":"x","time":"2020"}]'))).toBe(0);
  });
});
