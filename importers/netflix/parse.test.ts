import { describe, expect, it } from "vitest";
import { DateOrderEvidence, parseDuration, parseLocaleDate, parseUtcTime, splitEpisodeTitle } from "./parse.js";

function readingOf(...dates: string[]) {
  const evidence = new DateOrderEvidence();
  dates.forEach((date) => evidence.add(date));
  return evidence.conclusion();
}

describe("parseDuration", () => {
  it("turns H:MM:SS into seconds and refuses anything else", () => {
    expect(parseDuration("02:09:34")).toBe(7774);
    expect(parseDuration("0:00:08")).toBe(8);
    expect(parseDuration("Not latest view")).toBeUndefined();
    expect(parseDuration("00:61:00")).toBeUndefined();
  });
});

describe("parseUtcTime", () => {
  it("reads the export's timestamp styles as UTC", () => {
    expect(parseUtcTime("2021-12-05 20:26:31")).toEqual({ time: new Date("2021-12-05T20:26:31Z"), precision: "second" });
    expect(parseUtcTime("2021-11-27T17:20:06Z")?.time).toEqual(new Date("2021-11-27T17:20:06Z"));
    expect(parseUtcTime("2023-03-04T21:15:02.250Z")?.time).toEqual(new Date("2023-03-04T21:15:02.250Z"));
    expect(parseUtcTime("2023-03-04T22:15:02+01:00")?.time).toEqual(new Date("2023-03-04T21:15:02Z"));
    expect(parseUtcTime("2021-12-06")).toEqual({ time: new Date("2021-12-06T00:00:00Z"), precision: "day" });
  });

  it("refuses days and hours that do not exist", () => {
    expect(parseUtcTime("2023-02-29 10:00:00")).toBeUndefined();
    expect(parseUtcTime("2023-02-28 24:00:00")).toBeUndefined();
    expect(parseUtcTime("5 Dec 2021")).toBeUndefined();
  });
});

describe("date order of a viewing-history file", () => {
  it("is settled by any day above 12, wherever it sits in the file", () => {
    expect(readingOf("01/02/22", "25/03/22")).toEqual({ order: "day-month-year", assumed: false });
    expect(readingOf("01/02/22", "12/24/25")).toEqual({ order: "month-day-year", assumed: false });
  });

  it("follows the separator's convention when no date tells, and says it assumed", () => {
    expect(readingOf("1/2/23", "3/4/23")).toEqual({ order: "month-day-year", assumed: true });
    expect(readingOf("01.02.23")).toEqual({ order: "day-month-year", assumed: true });
  });

  it("reads two-digit years 00–69 as 20xx and 70–99 as 19xx", () => {
    const us = { order: "month-day-year", assumed: false } as const;
    expect(parseLocaleDate("1/3/69", us)?.date).toEqual(new Date("2069-01-03T00:00:00Z"));
    expect(parseLocaleDate("1/3/70", us)?.date).toEqual(new Date("1970-01-03T00:00:00Z"));
  });

  it("reads year-first dates whatever the file's order", () => {
    const uk = { order: "day-month-year", assumed: true } as const;
    expect(parseLocaleDate("2021-12-15", uk)).toEqual({ date: new Date("2021-12-15T00:00:00Z"), order: "year-month-day", assumed: false });
    expect(parseLocaleDate("12/24/25", uk)).toBeUndefined();
  });
});

describe("splitEpisodeTitle", () => {
  it("splits show, season and episode where a part is plainly a season, in any language", () => {
    expect(splitEpisodeTitle("Grey’s Anatomy: Season 19: Everything Has Changed")).toEqual({
      show: "Grey’s Anatomy",
      season: "Season 19",
      episode: "Everything Has Changed",
    });
    expect(splitEpisodeTitle("Dark: Staffel 1: Geheimnisse")?.season).toBe("Staffel 1");
    expect(splitEpisodeTitle("The Queen’s Gambit: Limited Series: Openings")?.season).toBe("Limited Series");
    expect(splitEpisodeTitle("Avatar: The Last Airbender: Book 1: Water: The Boy in the Iceberg")).toEqual({
      show: "Avatar: The Last Airbender",
      season: "Book 1",
      episode: "Water: The Boy in the Iceberg",
    });
  });

  it("leaves titles whose colons are not a season's alone", () => {
    expect(splitEpisodeTitle("Mission: Impossible – Fallout")).toBeUndefined();
    expect(splitEpisodeTitle("Stranger Things: Stranger Things 4: Chapter One")).toBeUndefined();
    expect(splitEpisodeTitle("Season 1 Trailer: Dark")).toBeUndefined();
  });
});
