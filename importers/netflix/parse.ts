/** Value parsers shared by the Netflix importers. */

/** Seconds in an `H:MM:SS` duration, or undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** A point in time and how precisely the source gave it. */
export interface ParsedTime {
  time: Date;
  precision: "day" | "second";
}

const UTC_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp as the full export writes them: `2021-12-05 20:26:31` (UTC by Netflix's cover
 * sheet), `2021-11-27T17:20:06Z`, with fractions or an offset, or a bare `2021-12-06`.
 */
export function parseUtcTime(text: string): ParsedTime | undefined {
  const match = UTC_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const date = utcDate(Number(year), Number(month), Number(day));
  if (!date || Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) return undefined;
  const offsetMinutes = zone && /^[+-]/.test(zone) ? zoneOffsetMinutes(zone) : 0;
  const millis =
    date.getTime() +
    ((Number(hour ?? 0) * 60 + Number(minute ?? 0) - offsetMinutes) * 60 + Number(second ?? 0)) * 1000 +
    Math.round(Number(fraction ?? 0) * 1000);
  return { time: new Date(millis), precision: hour === undefined ? "day" : "second" };
}

function zoneOffsetMinutes(zone: string): number {
  const digits = zone.replace(":", "");
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return zone.startsWith("-") ? -minutes : minutes;
}

/** Midnight UTC of a calendar day, or undefined when the day does not exist. */
function utcDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 April over to 1 May; a real day comes back unchanged.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date;
}

/** How a locale writes the parts of a date. */
export type DateOrder = "year-month-day" | "day-month-year" | "month-day-year";

interface DateParts {
  separator: string;
  first: number;
  second: number;
  third: number;
  yearFirst: boolean;
  /** Digits in the last part: two-digit years need a century. */
  thirdDigits: number;
}

const LOCALE_DATE = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$/;

function dateParts(text: string): DateParts | undefined {
  const match = LOCALE_DATE.exec(text.trim());
  if (!match) return undefined;
  const [, first = "", separator = "", second = "", third = ""] = match;
  return {
    separator,
    first: Number(first),
    second: Number(second),
    third: Number(third),
    yearFirst: first.length === 4,
    thirdDigits: third.length,
  };
}

/** The order a file's dates are read in, and whether it was a guess no date in the file settled. */
export interface DateReading {
  order: DateOrder;
  assumed: boolean;
}

/**
 * What a whole file says about the order of day and month in its dates. One `13/01/22` settles
 * it for every `01/02/22` in the file, which on its own could be either.
 */
export class DateOrderEvidence {
  private dayFirst = 0;
  private monthFirst = 0;
  private separator: string | undefined;

  add(text: string): void {
    const parts = dateParts(text);
    if (!parts || parts.yearFirst) return;
    this.separator ??= parts.separator;
    if (parts.first > 12 && parts.second <= 12) this.dayFirst++;
    else if (parts.second > 12 && parts.first <= 12) this.monthFirst++;
  }

  /**
   * The order the file uses. When no date in it tells, the separator's convention decides:
   * `/` is the US default, while `.` and `-` locales put the day first.
   */
  conclusion(): DateReading {
    if (this.dayFirst > 0 || this.monthFirst > 0) {
      return { order: this.dayFirst >= this.monthFirst ? "day-month-year" : "month-day-year", assumed: false };
    }
    return { order: this.separator === "/" ? "month-day-year" : "day-month-year", assumed: true };
  }
}

/**
 * A calendar day as the account's locale writes it (`1/3/26`, `12/04/2022`, `24.01.23`,
 * `2021-12-15`), read in the file's order unless the year comes first. Two-digit years 00–69 are
 * 20xx, 70–99 19xx. Undefined when the text is no date in that order.
 */
export function parseLocaleDate(text: string, reading: DateReading): ({ date: Date } & DateReading) | undefined {
  const parts = dateParts(text);
  if (!parts) return undefined;
  if (parts.yearFirst) {
    const date = utcDate(parts.first, parts.second, parts.third);
    return date && { date, order: "year-month-day", assumed: false };
  }
  if (parts.thirdDigits !== 2 && parts.thirdDigits !== 4) return undefined;
  const year = parts.thirdDigits === 4 ? parts.third : parts.third + (parts.third < 70 ? 2000 : 1900);
  const [day, month] = reading.order === "month-day-year" ? [parts.second, parts.first] : [parts.first, parts.second];
  const date = utcDate(year, month, day);
  return date && { date, ...reading };
}

/** A show's title split into its parts. */
export interface EpisodeTitle {
  show: string;
  season: string;
  episode?: string;
}

/** Names of a season, in the languages Netflix titles come in. */
const SEASON =
  /^(?:(?:season|series|staffel|stagione|temporada|saison|seizoen|säsong|sæson|sesong|kausi|sezon|sezona|sezóna|évad|part|parte|partie|teil|deel|volume|vol\.|book|chapter|collection)\s+\d+|limited series|miniseries|mini-series|miniserie|minisérie|minissérie|serie limitada|série limitée|serie limitata)$/i;

/**
 * Netflix names an episode `Show: Season 1: Episode`, in the account's language, and names
 * seasons otherwise too (`Limited Series`, `Part 2`, `Book 1`). Only a part that is plainly a
 * season splits a title: `Mission: Impossible – Fallout` stays whole.
 */
export function splitEpisodeTitle(title: string): EpisodeTitle | undefined {
  const parts = title.split(": ");
  // The first part is always (part of) the show's name, so the season is looked for after it.
  const seasonAt = parts.findIndex((part, index) => index > 0 && SEASON.test(part.trim()));
  if (seasonAt === -1) return undefined;
  const episode = parts.slice(seasonAt + 1).join(": ").trim();
  return {
    show: parts.slice(0, seasonAt).join(": ").trim(),
    season: parts[seasonAt]!.trim(),
    episode: episode === "" ? undefined : episode,
  };
}
