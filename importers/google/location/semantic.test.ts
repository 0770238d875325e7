import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { fixture } from "../../../test/fixtures.js";
import { readAll } from "../../read-all.js";
import { semanticImporter as importer } from "./semantic.js";
import { digest } from "./values.js";

const ownFixture = fixture("google", "location", "Semantic Location History", "2019", "2019_JANUAR.json");
const read = async (resume: unknown = null) => readAll(importer, await fileInputFromPath(ownFixture, ownFixture, resume));

describe("Google Semantic Location History (YYYY_MONTH.json)", () => {
  it("turns activity segments and place visits into records, in UTC", async () => {
    const { records, errors } = await read();
    expect(records.map((record) => [record.kind, record.title, record.time?.toISOString(), record.fields.end_time, record.resume])).toEqual([
      ["activity_segment", "Walking 1.2 km", "2019-01-20T08:00:00.000Z", "2019-01-20T08:15:00.000Z", 1],
      ["place_visit", "Neues Rathaus", "2019-01-20T08:15:00.000Z", "2019-01-20T16:00:00.000Z", 2],
      ["place_visit", "Leopoldstraße 5, München", "2019-01-31T17:00:00.250Z", "2019-01-31T19:30:00.000Z", 3],
    ]);
    expect(errors).toEqual([
      { type: "error", at: "item 4", message: "expected a placeVisit or an activitySegment" },
      { type: "error", at: "item 5", message: "the activity has no readable start time" },
    ]);
  });

  it("keys a visit by its span and digested place id, an activity by its span", async () => {
    const { records } = await read();
    expect(records[0]!.naturalKey).toBe("activity_segment:2019-01-20T08:00:00.000Z/2019-01-20T08:15:00.000Z");
    expect(records[1]!.naturalKey).toBe(`place_visit:2019-01-20T08:15:00.000Z/2019-01-20T16:00:00.000Z:${digest("ChIJ2V-Mo_l1nkcRfZixfUq4DAE")}`);
    expect(records[2]!.naturalKey).toBe(`place_visit:2019-01-31T17:00:00.250Z/2019-01-31T19:30:00.000Z:${digest([481600000, 115900000])}`);
  });

  it("keeps the place, its candidates and child visits with coordinates in degrees", async () => {
    const { records } = await read();
    expect(records[1]!.fields).toEqual({
      location: [48.15, 11.58],
      place_id: "ChIJ2V-Mo_l1nkcRfZixfUq4DAE",
      start_time: "2019-01-20T08:15:00.000Z",
      end_time: "2019-01-20T16:00:00.000Z",
      address: "Marienplatz 1, 80331 München, Germany",
      name: "Neues Rathaus",
      semantic_type: "TYPE_WORK",
      source_info: { device: digest(1234567890) },
      location_confidence: 93.2,
      place_confidence: "HIGH_CONFIDENCE",
      visit_confidence: 95,
      other_candidate_locations: [{ location: [48.151, 11.581], place_id: "ChIJother", location_confidence: 3.1 }],
      edit_confirmation_status: "NOT_CONFIRMED",
      place_visit_type: "SINGLE_PLACE",
      child_visits: [
        {
          location: { location: [48.1501, 11.5801], place_id: "ChIJchild", name: "Ratskeller" },
          duration: { start_time: "2019-01-20T10:26:40.000Z", end_time: "2019-01-20T11:26:40.000Z" },
        },
      ],
    });
  });

  it("keeps the route's ends, activity guesses and waypoints", async () => {
    const { records } = await read();
    expect(records[0]!.fields).toEqual({
      activity_type: "WALKING",
      distance_meters: 1234,
      start_time: "2019-01-20T08:00:00.000Z",
      end_time: "2019-01-20T08:15:00.000Z",
      start_location: [48.1372, 11.5755],
      start_source_info: { device: digest(1234567890) },
      end_location: [48.15, 11.58],
      end_place_id: "ChIJ2V-Mo_l1nkcRfZixfUq4DAE",
      confidence: "HIGH",
      activities: [
        { activity_type: "WALKING", probability: 91.5 },
        { activity_type: "CYCLING", probability: 5.1 },
      ],
      waypoint_path: { waypoints: [{ location: [48.1372, 11.5755] }, { location: [48.15, 11.58] }], source: "INFERRED", distance_meters: 1250.5 },
    });
  });

  it("resumes after the last stored item", async () => {
    const { records } = await read(2);
    expect(records.map((record) => record.resume)).toEqual([3]);
  });

  it("recognises a month by its shape; the file name only breaks ties", () => {
    expect(importer.detect(fileInputFromBuffer("2019_JANUARY.json", '{\n  "timelineObjects" : [ {'))).toBe(1);
    expect(importer.detect(fileInputFromBuffer("2019_MÄRZ.json", '{"timelineObjects":[]}'))).toBe(1);
    expect(importer.detect(fileInputFromBuffer("month.json", '{"timelineObjects":[]}'))).toBe(0.95);
    expect(importer.detect(fileInputFromBuffer("2019_JANUARY.json", '{"locations":[]}'))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("2019_JANUARY.json", '[{"header":"Maps","title":"x","time":"2020"}]'))).toBe(0);
  });
});
