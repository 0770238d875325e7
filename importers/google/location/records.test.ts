import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { fixture } from "../../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../../test/real-world.js";
import { readAll } from "../../read-all.js";
import { recordsImporter as importer } from "./records.js";
import { digest } from "./values.js";

const ownFixture = fixture("google", "location", "Location History (Timeline)", "Records.json");
const read = async (path: string, resume: unknown = null) => readAll(importer, await fileInputFromPath(path, path, resume));

/** A Records.json of one fix a minute from `from`, `count` of them, with `extra` fixes added. */
function records(from: number, count: number, extra: object[] = []): string {
  const fixes = Array.from({ length: count }, (_, i) => ({ timestampMs: String(from + i * 60_000), latitudeE7: 481372000 + i, longitudeE7: 115755000 - i, accuracy: 10 }));
  return JSON.stringify({ locations: [...fixes, ...extra].sort((a, b) => Number((a as { timestampMs: string }).timestampMs) - Number((b as { timestampMs: string }).timestampMs)) });
}

const readText = (text: string) => readAll(importer, fileInputFromBuffer("Records.json", text));

describe("Google Location History raw fixes (Records.json)", () => {
  it("stores fixes in runs that never span a UTC day, and reports what it cannot read", async () => {
    const { records, errors } = await read(ownFixture);
    expect(records.map((record) => [record.kind, record.title, record.time?.toISOString(), record.fields.count, record.resume])).toEqual([
      ["location_points", "2 location fixes, 2019-01-20 08:00–09:00 UTC", "2019-01-20T08:00:01.000Z", 2, 2],
      ["location_points", "1 location fix, 2023-05-01 08:00–08:00 UTC", "2023-05-01T08:00:00.123Z", 1, 4],
      ["location_points", "1 location fix, 2019-01-20 08:00–08:00 UTC", "2019-01-20T08:00:01.000Z", 1, 6],
    ]);
    expect(errors).toEqual([
      { type: "error", at: "item 3", message: "no readable latitudeE7/longitudeE7" },
      { type: "error", at: "item 5", message: "expected an object with a location" },
    ]);
  });

  it("keeps every fix: time in UTC, coordinates in degrees (old negative ones undone), accuracy, activity guesses", async () => {
    const { records } = await read(ownFixture);
    expect(records[0]!.fields).toEqual({
      first_time: "2019-01-20T08:00:01.000Z",
      last_time: "2019-01-20T09:00:00.000Z",
      count: 2,
      points: [
        {
          time: "2019-01-20T08:00:01.000Z",
          location: [48.1372, 11.5755],
          accuracy: 20,
          activity: [{ time: "2019-01-20T08:00:00.500Z", activity: [{ type: "STILL", confidence: 90 }, { type: "UNKNOWN", confidence: 5 }] }],
        },
        { time: "2019-01-20T09:00:00.000Z", location: [-33.86, 151.2093], accuracy: 65, source: "CELL" },
      ],
    });
  });

  it("keeps the newer members, the device as one field with its number digested", async () => {
    const { records } = await read(ownFixture);
    expect(records[1]!.fields.points).toEqual([
      {
        time: "2023-05-01T08:00:00.123Z",
        location: [48.139, 11.576],
        accuracy: 12,
        altitude: 520,
        vertical_accuracy: 3,
        velocity: 1,
        heading: 270,
        source: "GPS",
        battery_charging: false,
        active_wifi_scan: { accessPoints: [{ mac: "123456789012345", strength: -60, frequencyMhz: 2437 }] },
        device: { id: digest(-1234567890), platform_type: "ANDROID", os_level: 33, form_factor: "PHONE" },
        server_time: "2023-05-01T08:00:02.345Z",
        device_time: "2023-05-01T08:00:01.900Z",
      },
    ]);
  });

  it("keys a run by its start and the digest of its fixes, never a coordinate in clear", async () => {
    const { records } = await read(ownFixture);
    expect(records[0]!.naturalKey).toBe(`location_points:2019-01-20T08:00:01.000Z:${digest("1547971201000,481372000,115755000;1547974800000,-338600000,1512093000")}`);
    expect(records.map((record) => record.naturalKey).join()).not.toMatch(/48\.13|481372/);
  });

  it("makes the same runs from an overlapping later export, so it adds what is new and loses nothing", async () => {
    const start = Date.UTC(2019, 0, 20, 6);
    const first = (await readText(records(start, 2000))).records;
    const late = { timestampMs: String(start + 30_000), latitudeE7: 481000000, longitudeE7: 115000000 };
    const later = (await readText(records(start, 3000, [late]))).records;
    const firstKeys = new Set(first.map((record) => record.naturalKey));
    const laterKeys = new Set(later.map((record) => record.naturalKey));
    // Runs end on their own, some hundreds of fixes long, and at midnight UTC.
    expect(first.every((record) => (record.fields.first_time as string).slice(0, 10) === (record.fields.last_time as string).slice(0, 10))).toBe(true);
    // Only the run the late fix fell into and the run the first export stopped in are stored again.
    const added = later.filter((record) => !firstKeys.has(record.naturalKey));
    expect(first.filter((record) => !laterKeys.has(record.naturalKey))).toHaveLength(2);
    const times = (list: typeof later) => list.flatMap((record) => (record.fields.points as { time: string }[]).map((point) => point.time));
    expect(new Set([...times(first), ...times(added)]).size).toBe(3001);
    // 1001 new fixes, and 176 old ones repeated in the two runs stored again.
    expect([first.length, later.length, added.length, times(added).length]).toEqual([28, 46, 20, 1177]);
  });

  it("tags the fixes highly sensitive", () => {
    expect(importer.fieldSensitivity!.points).toMatchObject({ level: 3, categories: ["location"] });
    expect(importer.fieldSensitivity!.active_wifi_scan!.level).toBe(3);
  });

  it("resumes after the last stored run", async () => {
    const { records } = await read(ownFixture, 2);
    expect(records.map((record) => record.resume)).toEqual([4, 6]);
  });

  it("reads a file cut short up to the cut, then says so", async () => {
    const file = fileInputFromBuffer("Records.json", '{"locations":[{"latitudeE7":1,"longitudeE7":2,"timestampMs":"0"},{"latitudeE7":');
    const items: unknown[] = [];
    await expect(async () => {
      for await (const item of importer.read(file)) items.push(item);
    }).rejects.toThrow("not valid JSON: the file ends inside the document, after item 2 (cut short?)");
    expect(items).toHaveLength(1);
  });

  it("recognises the fixes by their shape, whatever the file is called", () => {
    const head = '{\n  "locations" : [ {\n    "timestampMs" : "1437263846012",\n    "latitudeE7" : 376955289';
    expect(importer.detect(fileInputFromBuffer("Records.json", head))).toBeCloseTo(0.95);
    expect(importer.detect(fileInputFromBuffer("export.json", head))).toBe(0.9);
    expect(importer.detect(fileInputFromBuffer("places.json", '{"locations":[{"name":"x","lat":1}]}'))).toBeLessThan(0.5);
    expect(importer.detect(fileInputFromBuffer("Records.json", '[{"header":"Maps","title":"Searched for x","time":"2020-01-01T00:00:00Z"}]'))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("Records.json", '{"timelineObjects":[]}'))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("Records.json", Buffer.from([0x50, 0x4b, 3, 4, 0, 0xff, 0x7b])))).toBe(0);
  });
});

describe.skipIf(!hasRealWorld)("Google Location History, real-world sample (2019 Takeout)", () => {
  it("reads both fixes of Location History.json into one run", async () => {
    const { records, errors } = await read(realWorld("google", "takeout-2019-json", "Takeout", "Location History", "Location History.json"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    const points = records[0]!.fields.points as { [name: string]: unknown }[];
    expect(points.map((point) => [point.time, point.location, point.accuracy])).toEqual([
      ["2015-07-18T23:57:26.012Z", [37.6955289, -121.9287261], 45],
      ["2015-07-18T23:58:25.529Z", [37.6955454, -121.9287454], 43],
    ]);
    expect(points[1]!.activity).toEqual([
      {
        time: "2015-07-18T23:58:02.066Z",
        activity: [
          { type: "UNKNOWN", confidence: 40 },
          { type: "IN_VEHICLE", confidence: 25 },
          { type: "ON_FOOT", confidence: 21 },
          { type: "UNKNOWN", confidence: 21 },
          { type: "STILL", confidence: 14 },
        ],
      },
    ]);
  });
});
