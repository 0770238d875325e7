import { plainSpaces } from "./verbs.js";

/**
 * Timestamps of My Activity HTML, as the account's locale writes them: `Mar 8, 2018, 5:14:40 PM`,
 * `6 Oct 2020, 14:32:28 PDT`, `25 mar 2014, 17:21:28 CET`, `06.10.2020, 14:32:28 MESZ`,
 * `6 de out. de 2020 14:32:28 GMT-03:00`.
 *
 * Since 2020 the zone shown is the one in force when the export was made, not at the event
 * (`Jan 15, 2021, 6:54:12 PM BST` in a summer export): Google renders every entry with that one
 * offset and names it. Read as the fixed offset it names, each timestamp is the true instant,
 * whatever the season of the event or of the export (google_takeout_parser gets there by looking
 * up the zone at the file's modification time, which copying loses). Before 2018 there was no
 * zone; like google_takeout_parser we take UTC, and say it was assumed.
 */
export interface HtmlTime {
  time: Date;
  /** True when the timestamp named no zone and UTC was taken. */
  zoneAssumed: boolean;
}

/** Month by the first letters of its name or abbreviation, diacritics removed (en, de, es, it, fr, pt, nl). */
const MONTHS: Record<string, number> = {
  jan: 1, ene: 1, gen: 1,
  feb: 2, fev: 2,
  mar: 3, mrt: 3, mrz: 3,
  apr: 4, abr: 4, avr: 4,
  may: 5, mai: 5, mag: 5, mei: 5,
  jun: 6, giu: 6, juin: 6,
  jul: 7, lug: 7, juil: 7,
  aug: 8, ago: 8, aou: 8,
  sep: 9, set: 9,
  oct: 10, okt: 10, ott: 10, out: 10,
  nov: 11,
  dec: 12, dic: 12, dez: 12,
};

/**
 * Abbreviations Google writes, as fixed offsets in minutes. Where one is ambiguous the reading of
 * the locales that print it wins: CST is US Central (en-US), IST India (en-IN), BST British.
 */
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEZ: 0,
  BST: 60, WEST: 60, WESZ: 60, IST: 330, CET: 60, MEZ: 60, WAT: 60,
  CEST: 120, MESZ: 120, EET: 120, OEZ: 120, SAST: 120, CAT: 120,
  EEST: 180, OESZ: 180, MSK: 180, EAT: 180,
  AST: -240, ADT: -180, NST: -210, NDT: -150,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, BRT: -180, ART: -180,
  WIB: 420, ICT: 420, HKT: 480, SGT: 480, AWST: 480, JST: 540, KST: 540,
  ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

/** `GMT+08:00`, `UTC+2`, `GMT−3:30` (with a real minus sign). */
const OFFSET = /^(?:GMT|UTC)([+\-−])(\d{1,2})(?::?(\d{2}))?$/;

const CLOCK = /(\d{1,2}):(\d{2}):(\d{2})(?:\s*([ap])\.?\s?m\.?)?(?=\s|$)/i;

/** Words between the parts of a date or before the time: "de", "à", "um", "alle", "at", … */
const FILLERS = new Set(["de", "del", "a", "as", "às", "à", "um", "alle", "at", "om", "las", "le", "el"]);

/** The instant an HTML timestamp names, or null when it is not one. */
export function parseHtmlTime(raw: string): HtmlTime | null {
  const text = plainSpaces(raw);
  const clock = CLOCK.exec(text);
  if (!clock) return null;
  const date = parseDate(text.slice(0, clock.index));
  if (!date) return null;
  let hour = Number(clock[1]);
  const meridiem = clock[4]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "p" ? 12 : 0);
  }
  const minute = Number(clock[2]);
  const second = Number(clock[3]);
  if (hour > 23 || minute > 59 || second > 59) return null;

  const zone = text.slice(clock.index + clock[0].length).trim();
  const offset = zone === "" ? 0 : zoneOffset(zone);
  if (offset === undefined) return null;
  const local = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second);
  return { time: new Date(local - offset * 60_000), zoneAssumed: zone === "" };
}

function zoneOffset(zone: string): number | undefined {
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const offset = OFFSET.exec(zone.toUpperCase());
  if (!offset) return undefined;
  const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
  return offset[1] === "+" ? minutes : -minutes;
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The last date read: entries come in order of time, dozens a day. */
let lastDate: { text: string; date: CalendarDate | null } = { text: "", date: null };

function parseDate(text: string): CalendarDate | null {
  if (text !== lastDate.text) lastDate = { text, date: readDate(text) };
  return lastDate.date;
}

function readDate(text: string): CalendarDate | null {
  const trimmed = text.replace(/[\s,]+$/, "");
  const numeric = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (numeric) {
    const [a, b, c] = numeric.slice(1).map(Number) as [number, number, number];
    return validDate(a > 31 ? { year: a, month: b, day: c } : { year: c, month: b, day: a });
  }
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  for (const token of trimmed.toLowerCase().split(/[\s,.]+/)) {
    if (token === "" || FILLERS.has(token)) continue;
    if (/^\d{4}$/.test(token)) year = Number(token);
    else if (/^\d{1,2}$/.test(token)) day = Number(token);
    else {
      const letters = /^[a-z]+$/.test(token) ? token : token.normalize("NFD").replace(/\p{M}/gu, "");
      month = MONTHS[letters.slice(0, 4)] ?? MONTHS[letters.slice(0, 3)];
      if (month === undefined) return null;
    }
  }
  if (year === undefined || month === undefined || day === undefined) return null;
  return validDate({ year, month, day });
}

function validDate(date: CalendarDate): CalendarDate | null {
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day ? date : null;
}
