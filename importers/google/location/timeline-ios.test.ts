import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { fixture } from "../../../test/fixtures.js";
import { readAll } from "../../read-all.js";
import { iosTimelineImporter as importer } from "./timeline-ios.js";
import { digest } from "./values.js";

const ownFixture = fixture("google", "location", "phone", "location-history.json");
const read = async (resume: unknown = null) => readAll(importer, await fileInputFromPath(ownFixture, ownFixture, resume));

describe("Google Timeline export from an iPhone (location-history.json)", () => {
  it("reads visits, activities and path points, numbers given as text", async () => {
    const { records, errors } = await read();
    expect(records.map((record) => [record.kind, record.title, record.time?.toISOString(), record.fields.location, record.resume])).toEqual([
      ["place_visit", null, "2024-03-01T08:00:00.000Z", [48.15, 11.58], 1],
      ["activity_segment", "Walking 850 m", "2024-03-01T11:30:00.000Z", undefined, 2],
      ["location_point", null, "2024-03-01T11:31:00.000Z", [48.15, 11.58], 2],
      ["location_point", null, "2024-03-01T11:49:00.000Z", [48.1372, 11.5755], 3],
      ["trip", "Trip", "2024-03-02T07:00:00.000Z", undefined, 5],
    ]);
    expect(records[4]!.fields).toEqual({
      destinations: [{ identifier: "ChIJdestination" }],
      distance_from_origin_kms: "120",
      start_time: "2024-03-02T07:00:00.000Z",
      end_time: "2024-03-03T19:00:00.000Z",
    });
    expect(errors).toEqual([{ type: "error", at: "item 4", message: "the segment has no readable startTime" }]);
    expect(records[0]!.fields).toEqual({
      location: [48.15, 11.58],
      place_id: "ChIJ2V-Mo_l1nkcRfZixfUq4DAE",
      start_time: "2024-03-01T08:00:00.000Z",
      end_time: "2024-03-01T11:30:00.000Z",
      probability: 0.92,
      candidate_probability: 0.85,
      hierarchy_level: "0",
      semantic_type: "Work",
    });
    expect(records[1]!.fields).toMatchObject({ activity_type: "walking", distance_meters: 850.4, start_location: [48.15, 11.58], end_location: [48.1372, 11.5755] });
  });

  it("keys a visit as the Android export and the Takeout months do", async () => {
    const { records } = await read();
    expect(records[0]!.naturalKey).toBe(`place_visit:2024-03-01T08:00:00.000Z/2024-03-01T11:30:00.000Z:${digest("ChIJ2V-Mo_l1nkcRfZixfUq4DAE")}`);
  });

  it("recognises the array by its segments' keys, never My Activity", () => {
    const head = '[{"endTime":"2024-03-01T12:30:00.000+01:00","startTime":"2024-03-01T09:00:00.000+01:00","visit":{';
    expect(importer.detect(fileInputFromBuffer("location-history.json", head))).toBe(1);
    expect(importer.detect(fileInputFromBuffer("export.json", head))).toBe(0.95);
    expect(importer.detect(fileInputFromBuffer("location-history.json", '[{"header":"Maps","title":"Visited x","time":"2024-03-01T09:00:00Z","startTime":"x","endTime":"y","activity":1}]'))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("location-history.json", '{"semanticSegments":[]}'))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("location-history.json", Buffer.from([0x1f, 0x8b, 8, 0, 0x5b, 0x7b])))).toBe(0);
  });
});
