import ICAL from "ical.js";
import { firstLine, snakeCase } from "../../../text.js";
import type { FieldValue, FileInput, Importer, ReadItem } from "../../../types.js";
import { readComponents } from "../components.js";
import { compact, type Fields } from "../shared.js";
import { isIanaZone, zonedTimeToUtc } from "./time-zones.js";
import { digest } from "../../../keys.js";

type JCalProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

/**
 * Properties read into fields of their own; any other one is kept under its snake_case name.
 * DTSTAMP is when the file was written, new in every export: it says nothing about the event.
 */
const HANDLED = new Set(["uid", "summary", "description", "location", "dtstart", "dtend", "duration", "rrule", "rdate", "exdate", "recurrence-id", "attendee", "organizer", "dtstamp"]);

/**
 * `Calendar/<name>.ics`: one VEVENT per event, read one at a time. A recurring event stays one
 * record, its rule in `recurrence` (and `recurrence_dates`, `excluded_dates`), dated by its first
 * occurrence: expanding it would invent records the export does not hold, without end for rules
 * that have none. A changed occurrence (`RECURRENCE-ID`) is a record of its own. Times with a
 * TZID are converted by the IANA zone of that name, or by the file's VTIMEZONE for other names;
 * floating times by the calendar's `X-WR-TIMEZONE`, else as UTC. All-day events are dated at UTC
 * midnight with `all_day`.
 */
export const calendarImporter: Importer = {
  id: "google.calendar.ics",
  platform: "google_calendar",
  title: "Google Calendar events",
  detect(sample) {
    if (!/^BEGIN:VCALENDAR\s*$/i.test(firstLine(sample.head) ?? "")) return 0;
    return /\.ics$/i.test(sample.name) ? 1 : 0.95;
  },
  read: readEvents,
  fieldSensitivity: {
    description: { level: 2, categories: ["communications"], reason: "what the event is about, often written by others" },
    location: { level: 3, categories: ["location"], reason: "where the event took place, often a street address" },
    attendees: { level: 3, categories: ["contact"], reason: "who was invited, by e-mail address" },
    organizer: { level: 3, categories: ["contact"], reason: "who organised the event, by e-mail address" },
  },
};

async function* readEvents(file: FileInput): AsyncGenerator<ReadItem> {
  const skipThrough = typeof file.resume === "number" ? file.resume : 0;
  // Time zones defined in the file, which its events refer to by TZID.
  const calendar = new ICAL.Component("vcalendar");
  const about: { name?: string; zone?: string } = {};
  for await (const part of readComponents(file)) {
    if (part.type === "error") yield part;
    else if (part.type === "property") {
      const [name, value] = splitProperty(part.line);
      if (name === "X-WR-CALNAME") about.name = value;
      if (name === "X-WR-TIMEZONE") about.zone = value;
    } else if (part.name === "VTIMEZONE") {
      try {
        calendar.addSubcomponent(new ICAL.Component(ICAL.parse(part.text) as unknown[]));
      } catch {
        // An unreadable zone only matters to events that use it; they fall back to UTC.
      }
    } else if (part.name === "VEVENT" && part.index > skipThrough) {
      const list = about.name ?? file.name.replace(/\.ics$/i, "");
      yield eventRecord(part.text, part.index, calendar, list, about.zone);
    }
  }
}

/** `X-WR-CALNAME:Work` → `["X-WR-CALNAME", "Work"]`, with the iCalendar escapes undone. */
function splitProperty(line: string): [string, string] {
  const colon = line.indexOf(":");
  const name = line.slice(0, colon === -1 ? undefined : colon).split(";", 1)[0]!.toUpperCase();
  const value = colon === -1 ? "" : line.slice(colon + 1).replace(/\\([,;\\nN])/g, (_, char: string) => (/n/i.test(char) ? "\n" : char));
  return [name, value];
}

function eventRecord(text: string, index: number, calendar: ICAL.Component, list: string, calendarZone?: string): ReadItem {
  const at = `event ${index}`;
  let event: ICAL.Component;
  try {
    event = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (error) {
    return { type: "error", at, message: `unreadable event: ${(error as Error).message}` };
  }
  calendar.addSubcomponent(event);
  try {
    return readEvent(event, index, list, calendarZone);
  } finally {
    calendar.removeSubcomponent(event);
  }
}

function readEvent(event: ICAL.Component, index: number, list: string, calendarZone?: string): ReadItem {
  const properties = event.getAllProperties();
  const first = (name: string) => properties.find((property) => property.name === name);
  const textOf = (name: string) => {
    const value = first(name)?.getFirstValue();
    return value === undefined || value === null ? undefined : String(value).trim() || undefined;
  };
  const when = (name: string) => {
    const property = first(name);
    return property ? instant(property, calendarZone) : undefined;
  };

  const start = when("dtstart");
  if (!start) return { type: "error", at: `event ${index}`, message: "no start time (DTSTART)" };
  const end = when("dtend");
  const recurrenceId = when("recurrence-id");
  const uid = textOf("uid");
  const summary = textOf("summary");
  const description = textOf("description");

  const fields: Fields = {
    list,
    uid,
    summary,
    description,
    location: textOf("location"),
    start: start.text,
    end: end?.text,
    duration: textOf("duration"),
    all_day: start.allDay || undefined,
    time_zone: start.zone,
    recurrence: properties.filter((property) => property.name === "rrule").map((property) => String(property.getFirstValue())).join("\n"),
    recurrence_dates: dates(properties.filter((property) => property.name === "rdate"), calendarZone),
    excluded_dates: dates(properties.filter((property) => property.name === "exdate"), calendarZone),
    recurrence_id: recurrenceId?.text,
    organizer: first("organizer") && person(first("organizer")!),
    attendees: properties.filter((property) => property.name === "attendee").map(person),
  };
  for (const property of properties) {
    if (HANDLED.has(property.name)) continue;
    const values = property.getValues().map((value) => String(value));
    fields[snakeCase(property.name)] = values.length === 1 ? values[0] : values;
  }
  // The UID names an event across exports; a changed occurrence shares it with its series.
  const naturalKey = uid
    ? `event|${uid}${recurrenceId ? `|${recurrenceId.text}` : ""}`
    : `event|#${digest(JSON.stringify([start.text, summary, fields.location]))}`;
  return {
    type: "record",
    kind: "event",
    naturalKey,
    time: start.time,
    title: summary ?? null,
    text: [summary, description].filter(Boolean).join("\n\n") || null,
    url: textOf("url") ?? null,
    fields: compact(fields),
    resume: index,
  };
}

interface Instant {
  time: Date;
  /** ISO: `2024-03-10T09:00:00.000Z`, or `2024-03-10` for a day. */
  text: string;
  allDay: boolean;
  /** The zone the event was planned in, when it names one. */
  zone?: string;
}

/** When a DATE or DATE-TIME property says, in UTC. */
function instant(property: ICAL.Property, calendarZone?: string): Instant | undefined {
  const raw = (property.toJSON() as JCalProperty)[3];
  if (typeof raw !== "string") return undefined;
  const tzid = property.getParameter("tzid");
  const zone = typeof tzid === "string" ? tzid : undefined;
  return instantOf(raw, zone, calendarZone, property);
}

function instantOf(raw: string, zone: string | undefined, calendarZone: string | undefined, property: ICAL.Property): Instant | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const time = new Date(`${raw}T00:00:00Z`);
    return Number.isNaN(time.getTime()) ? undefined : { time, text: raw, allDay: true };
  }
  let time: Date | null = null;
  if (raw.endsWith("Z")) time = new Date(raw);
  else if (zone && isIanaZone(zone)) time = zonedTimeToUtc(raw, zone);
  else if (zone) time = definedZoneTime(property);
  if (!time && !raw.endsWith("Z")) time = zonedTimeToUtc(raw, calendarZone && isIanaZone(calendarZone) ? calendarZone : "UTC");
  if (!time || Number.isNaN(time.getTime())) return undefined;
  return { time, text: time.toISOString(), allDay: false, zone: zone ?? (raw.endsWith("Z") ? undefined : calendarZone) };
}

/** A time in a zone only the file's VTIMEZONE defines (`W. Europe Standard Time`), by ical.js. */
function definedZoneTime(property: ICAL.Property): Date | null {
  const value = property.getFirstValue() as ICAL.Time;
  if (!(value instanceof ICAL.Time) || value.zone?.tzid === "floating" || !value.zone) return null;
  return new Date(value.toUnixTime() * 1000);
}

/** The dates of RDATE or EXDATE properties, each of which may list several. */
function dates(properties: ICAL.Property[], calendarZone?: string): string[] {
  return properties.flatMap((property) => {
    const [, params, , ...values] = property.toJSON() as JCalProperty;
    const zone = typeof params.tzid === "string" ? params.tzid : undefined;
    return values.flatMap((raw) => (typeof raw === "string" ? (instantOf(raw, zone, calendarZone, property)?.text ?? raw) : []));
  });
}

/** An ATTENDEE or ORGANIZER: `CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.com`. */
function person(property: ICAL.Property): FieldValue {
  const address = String(property.getFirstValue() ?? "");
  const param = (name: string) => {
    const value = property.getParameter(name);
    return typeof value === "string" ? value : undefined;
  };
  return compact({
    email: address.replace(/^mailto:/i, "") || undefined,
    name: param("cn"),
    status: param("partstat"),
    role: param("role"),
  }) as FieldValue;
}
