import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { viewingHistoryImporter as importer } from "./viewing-history.js";

const read = async (name: string, resume: unknown = null) =>
  readAll(importer, await fileInputFromPath(fixture("netflix", name), name, resume));

const days = (records: { time: Date | null }[]) => records.map((record) => record.time?.toISOString().slice(0, 10));

describe("Netflix viewing history (NetflixViewingHistory.csv)", () => {
  it("reads a US file month-first, because 12/24/25 can only be that", async () => {
    const { records, errors } = await read("NetflixViewingHistory-US.csv");
    expect(records).toHaveLength(5);
    expect(days(records)).toEqual(["2026-01-03", "2025-12-24", "2025-12-05", "2025-11-30", "2025-11-02"]);
    expect(records[2]!.fields).toMatchObject({ date: "2025-12-05", date_as_exported: "12/5/25", date_order: "month-day-year", date_order_assumed: false });
    expect(errors).toEqual([
      { type: "error", at: "row 5", message: 'unreadable date "13/13/25"' },
      { type: "error", at: "row 6", message: "expected 2 fields but found 3" },
    ]);
  });

  it("reads a UK file day-first, because of 25/03/2022", async () => {
    const { records } = await read("NetflixViewingHistory-UK.csv");
    expect(days(records)).toEqual(["2022-04-12", "2022-03-25", "2022-03-01"]);
    expect(records.every((record) => record.fields.date_order === "day-month-year")).toBe(true);
  });

  it("reads a German file with dots and two-digit years", async () => {
    const { records } = await read("NetflixViewingHistory-DE.csv");
    expect(days(records)).toEqual(["2023-01-24", "2023-01-05", "2022-12-31"]);
    expect(records[0]!.fields).toMatchObject({ show: "Dark", season: "Staffel 1", episode: "Geheimnisse" });
    expect(records[1]!.fields).toMatchObject({ show: "Haus des Geldes", season: "Teil 1", episode: "Folge 1" });
  });

  it("reads ISO dates as they are", async () => {
    const { records } = await read("NetflixViewingHistory-ISO.csv");
    expect(records.map((record) => [record.title, record.time])).toEqual([
      ["Squid Game: Season 1: Red Light, Green Light", new Date("2021-12-15T00:00:00Z")],
      ["Don’t Look Up", new Date("2021-12-24T00:00:00Z")],
    ]);
    expect(records[0]!.fields.date_order).toBe("year-month-day");
  });

  it("falls back to the US order for an ambiguous file with slashes, and marks every date as assumed", async () => {
    const { records } = await read("NetflixViewingHistory-ambiguous.csv");
    expect(days(records)).toEqual(["2023-01-02", "2023-03-04", "2023-12-11"]);
    expect(records.every((record) => record.fields.date_order_assumed === true)).toBe(true);
  });

  it("falls back to day-first for an ambiguous file with dots", async () => {
    const file = fileInputFromBuffer("NetflixViewingHistory.csv", 'Title,Date\n"Dark: Staffel 2: Anfänge und Enden","01.02.22"\n');
    const { records } = await readAll(importer, file);
    expect(records[0]!.time).toEqual(new Date("2022-02-01T00:00:00Z"));
    expect(records[0]!.fields).toMatchObject({ date_order: "day-month-year", date_order_assumed: true });
  });

  it("keeps curly apostrophes and splits episodes only where the pattern is clear", async () => {
    const { records } = await read("NetflixViewingHistory-US.csv");
    const byTitle = new Map(records.map((record) => [record.title, record]));
    expect(byTitle.get("Grey’s Anatomy: Season 19: Everything Has Changed")!.fields).toMatchObject({
      title: "Grey’s Anatomy: Season 19: Everything Has Changed",
      show: "Grey’s Anatomy",
      season: "Season 19",
      episode: "Everything Has Changed",
    });
    expect(byTitle.get("The Queen’s Gambit: Limited Series: Openings")!.fields.season).toBe("Limited Series");
    expect(byTitle.get("Star Wars: The Clone Wars: Season 7: Old Friends Not Forgotten")!.fields.show).toBe("Star Wars: The Clone Wars");
    expect(byTitle.get("Glass Onion: A Knives Out Mystery")!.fields.show).toBeUndefined();
    expect(byTitle.get("Stranger Things: Stranger Things 4: Chapter One: The Hellfire Club")!.fields.show).toBeUndefined();
  });

  it("dates records to the day, keyed by day and title so another export adds nothing twice", async () => {
    const { records } = await read("NetflixViewingHistory-US.csv");
    expect(records[0]).toMatchObject({
      kind: "viewing",
      naturalKey: "viewing|2026-01-03|Stranger Things: Stranger Things 4: Chapter One: The Hellfire Club",
      time: new Date("2026-01-03T00:00:00Z"),
      resume: 1,
    });
    expect(records[0]!.fields.time_precision).toBe("day");
    const { records: ukLayout } = await readAll(importer, fileInputFromBuffer("x.csv", 'Title,Date\n"Glass Onion: A Knives Out Mystery","05/12/2025"\n"Other","31/12/2025"\n'));
    expect(ukLayout[0]!.naturalKey).toBe(records[2]!.naturalKey);
  });

  it("resumes after the last stored row, still reading dates in the order the whole file shows", async () => {
    // Row 2 (25/03/2022) is what makes the file day-first; the resumed read starts after it.
    const { records } = await read("NetflixViewingHistory-UK.csv", 2);
    expect(records.map((record) => [record.title, record.time])).toEqual([["Derry Girls: Series 3: The Agreement", new Date("2022-03-01T00:00:00Z")]]);
  });

  it("reports a row without a title", async () => {
    const { records, errors } = await readAll(importer, fileInputFromBuffer("NetflixViewingHistory.csv", 'Title,Date\n"","1/3/26"\n"Dune","1/4/26"\n'));
    expect(records.map((record) => record.title)).toEqual(["Dune"]);
    expect(errors).toEqual([{ type: "error", at: "row 1", message: "no title" }]);
  });

  it("refuses a file without a Date column", async () => {
    await expect(readAll(importer, fileInputFromBuffer("NetflixViewingHistory.csv", "Title,When\nDune,1/4/26\n"))).rejects.toThrow('missing column "Date"');
  });

  it("recognises the file by its columns, and by its name only to break a tie", () => {
    const body = 'Title,Date\n"Dune","1/4/26"\n';
    expect(importer.detect(fileInputFromBuffer("NetflixViewingHistory.csv", body))).toBe(1);
    expect(importer.detect(fileInputFromBuffer("download (3).csv", body))).toBe(0.9);
    expect(importer.detect(fileInputFromBuffer("NetflixViewingHistory.csv", "Title,Date,Rating\nDune,1/4/26,5\n"))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("ViewingActivity.csv", "Profile Name,Start Time,Duration,Title\n"))).toBe(0);
  });
});
