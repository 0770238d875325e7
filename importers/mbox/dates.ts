/**
 * Message dates, parsed here rather than by `new Date(text)`: that reads a date without zone in
 * the machine's local time, and mailparser turns a date it cannot read into "now".
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Zone names in minutes east of UTC: RFC 5322's obsolete zones and a few that mailers write anyway. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  BST: 60, CET: 60, MET: 60, CEST: 120, MEST: 120, WEST: 60, EET: 120, EEST: 180,
  MSK: 180, IST: 330, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

/** `[Wed, ]22 Sep 2004 02:03:40 -0700`, seconds and zone optional, a comment after it ignored. */
const RFC5322_DATE = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{4}|[a-z]{1,5})\b)?/i;

/** The asctime date ending a `From ` line: `Wed Sep 22 05:05:28 2004`, Gmail with `+0000` before the year. */
const FROM_LINE_DATE = /([a-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([+-]\d{4}|[a-z]{1,5}))?\s+(\d{4})\s*$/i;

/** A `Date:` header value (RFC 5322, or ISO 8601 with a zone as some tools write); null when unreadable. */
export function parseMessageDate(value: string): Date | null {
  const match = RFC5322_DATE.exec(value);
  if (match) {
    const [, day, month, year, hours, minutes, seconds, zone] = match;
    return utcDate(fullYear(year!), month!, day!, hours!, minutes!, seconds, zone);
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) {
    const date = new Date(value.trim().replace(" ", "T"));
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** The date a `Received:` header ends with, after its last `;`. */
export function parseReceivedDate(value: string): Date | null {
  const semicolon = value.lastIndexOf(";");
  return semicolon === -1 ? null : parseMessageDate(value.slice(semicolon + 1));
}

/** The date at the end of an mbox `From ` line; a line without zone is taken as UTC. */
export function parseFromLineDate(fromLine: string): Date | null {
  const match = FROM_LINE_DATE.exec(fromLine);
  if (!match) return null;
  const [, month, day, hours, minutes, seconds, zone, year] = match;
  return utcDate(Number(year), month!, day!, hours!, minutes!, seconds, zone);
}

/** Two- and three-digit years as RFC 5322 reads them (`04` → 2004, `99` → 1999, `104` → 2004). */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

/** A zone that is missing or unknown counts as UTC, as RFC 5322 says for `-0000`. */
function utcDate(year: number, monthName: string, day: string, hours: string, minutes: string, seconds: string | undefined, zone: string | undefined): Date | null {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const [d, h, m, s] = [Number(day), Number(hours), Number(minutes), Number(seconds ?? 0)];
  if (month === -1 || d < 1 || d > 31 || h > 23 || m > 59 || s > 60) return null;
  return new Date(Date.UTC(year, month, d, h, m, s) - zoneOffsetMinutes(zone) * 60_000);
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2})(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === "-" ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  return ZONES[zone.toUpperCase()] ?? 0;
}
