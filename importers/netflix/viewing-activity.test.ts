import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { viewingActivityImporter as importer } from "./viewing-activity.js";

const read = async (path: string, resume: unknown = null) => readAll(importer, await fileInputFromPath(path, path, resume));
const ownFixture = fixture("netflix", "CONTENT_INTERACTION", "ViewingActivity.csv");

describe("Netflix viewing activity (ViewingActivity.csv)", () => {
  it("turns playbacks into viewings and trailers, hooks, teasers into previews", async () => {
    const { records } = await read(ownFixture);
    const viewings = records.filter((record) => record.kind === "viewing");
    const previews = records.filter((record) => record.kind === "preview");
    expect(viewings.map((record) => `${record.fields.profile}: ${record.title}`)).toEqual([
      "Anna: Dark: Season 1: Secrets",
      "Anna: Dark: Season 1: Secrets",
      "Ben: Glass Onion: A Knives Out Mystery",
      "Ben: The Queen’s Gambit: Limited Series: Exchanges",
    ]);
    expect(previews.map((record) => record.fields.supplemental_video_type)).toEqual(["TRAILER", "CINEMAGRAPH", "HOOK", "TEASER_TRAILER"]);
    expect(records).toHaveLength(8);
  });

  it("treats the cover sheet's N/A supplemental type as the title itself", async () => {
    const { records } = await read(ownFixture);
    const gambit = records.find((record) => record.title === "The Queen’s Gambit: Limited Series: Exchanges")!;
    expect(gambit.kind).toBe("viewing");
    expect(gambit.fields.supplemental_video_type).toBeUndefined();
  });

  it("keeps profile, device, country, durations in seconds, bookmarks and the episode's parts", async () => {
    const { records } = await read(ownFixture);
    expect(records[0]).toMatchObject({
      naturalKey: "viewing|Anna|2023-03-04 21:15:02|Dark: Season 1: Secrets",
      time: new Date("2023-03-04T21:15:02Z"),
      title: "Dark: Season 1: Secrets",
      resume: 1,
    });
    expect(records[0]!.fields).toEqual({
      profile: "Anna",
      start_time: "2023-03-04 21:15:02",
      title: "Dark: Season 1: Secrets",
      device_type: "Samsung 2019 UHD TV",
      country: "DE (Germany)",
      duration_seconds: 2832,
      bookmark_seconds: 2832,
      latest_bookmark_seconds: 2832,
      show: "Dark",
      season: "Season 1",
      episode: "Secrets",
    });
  });

  it("marks a playback a later one superseded, and what autoplay started", async () => {
    const { records } = await read(ownFixture);
    const earlier = records.find((record) => record.fields.start_time === "2023-03-03 22:01:00")!;
    expect(earlier.fields).toMatchObject({ latest_view: false, bookmark_seconds: 750 });
    expect(earlier.fields.latest_bookmark).toBeUndefined();
    const glassOnion = records.find((record) => record.title === "Glass Onion: A Knives Out Mystery")!;
    expect(glassOnion.fields).toMatchObject({
      attributes: "Autoplayed: user action: Unspecified;",
      autoplayed: true,
      autoplay_user_action: "Unspecified",
    });
  });

  it("reports an impossible start time and a row cut short, and reads on", async () => {
    const { errors } = await read(ownFixture);
    expect(errors).toEqual([
      { type: "error", at: "row 9", message: 'unreadable start_time "2023-02-30 21:00:00"' },
      { type: "error", at: "row 10", message: "expected 10 fields but found 5" },
    ]);
  });

  it("resumes after the last stored row", async () => {
    const { records } = await read(ownFixture, 6);
    expect(records.map((record) => record.resume)).toEqual([7, 8]);
  });

  it("refuses a file without its core columns", async () => {
    const file = fileInputFromBuffer("ViewingActivity.csv", "Profile Name,Start Time,Title\nAnna,2023-03-04 21:15:02,Dark\n");
    await expect(readAll(importer, file)).rejects.toThrow('missing column "Duration"');
  });

  it("recognises the file by its columns, not by other Netflix files", () => {
    const header = "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n";
    expect(importer.detect(fileInputFromBuffer("ViewingActivity.csv", header))).toBe(1);
    expect(importer.detect(fileInputFromBuffer("renamed.csv", header))).toBeCloseTo(0.95);
    expect(importer.detect(fileInputFromBuffer("ViewingActivity.csv", "Profile Name,Title Name,Country,Utc Title Add Date\n"))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("ViewingActivity.csv", "Title,Date\n"))).toBe(0);
  });
});

describe.skipIf(!hasRealWorld)("Netflix viewing activity, real-world sample", () => {
  it("finds two viewings and keeps the trailer and the hook out of them", async () => {
    const { records, errors } = await read(realWorld("netflix", "CONTENT_INTERACTION", "ViewingActivity.csv"));
    expect(errors).toEqual([]);
    expect(records.filter((record) => record.kind === "viewing").map((record) => [record.fields.profile, record.title, record.time])).toEqual([
      ["davide", "BlacKkKlansman", new Date("2021-12-05T20:26:31Z")],
      ["davide", "Strappare lungo i bordi: Stagione 1: Episodio 4 (Episodio 4)", new Date("2021-11-29T22:39:38Z")],
    ]);
    expect(records.filter((record) => record.kind === "preview").map((record) => [record.fields.profile, record.fields.supplemental_video_type])).toEqual([
      ["Bea", "TRAILER"],
      ["davide", "HOOK"],
    ]);
    expect(records[1]!.fields.duration_seconds).toBe(7774);
    expect(records[2]!.fields).toMatchObject({ show: "Strappare lungo i bordi", season: "Stagione 1", episode: "Episodio 4 (Episodio 4)" });
  });
});
