import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { calendarImporter as importer } from "./ics.js";

const input = (...parts: string[]) => fileInputFromPath(fixture("google", "products", ...parts));

describe("Google Calendar (Calendar/<name>.ics)", () => {
  it("reads every event of a Google calendar, in UTC, named by the calendar", async () => {
    const file = await input("Calendar", "anna@example.org.ics");
    expect(importer.detect(file)).toBe(1);
    const { records, errors } = await readAll(importer, file);
    expect(records.map((record) => [record.title, record.time, record.fields.list])).toEqual([
      ["Team sync", new Date("2024-07-10T08:00:00Z"), "Anna Müller"],
      ["Team sync (moved)", new Date("2024-07-17T10:00:00Z"), "Anna Müller"],
      ["Weihnachten bei Oma", new Date("2024-12-24T00:00:00Z"), "Anna Müller"],
      ["Kino", new Date("2025-01-05T18:00:00Z"), "Anna Müller"],
      ["Call with New York (no UID)", new Date("2025-03-01T14:00:00Z"), "Anna Müller"],
    ]);
    expect(errors).toEqual([{ type: "error", at: "event 5", message: "no start time (DTSTART)" }]);
  });

  it("keeps a recurring event as one record with its rule, and a moved occurrence as another", async () => {
    const { records } = await readAll(importer, await input("Calendar", "anna@example.org.ics"));
    const [series, moved] = records;
    expect(series).toMatchObject({
      kind: "event",
      naturalKey: "event|7kukuqrfedlm2f9t0vdkf5b3ph@google.com",
      text: "Team sync\n\nWeekly sync.\nAgenda in the doc, as usual.",
      fields: {
        start: "2024-07-10T08:00:00.000Z",
        end: "2024-07-10T09:00:00.000Z",
        time_zone: "Europe/Berlin",
        recurrence: "FREQ=WEEKLY;BYDAY=WE;UNTIL=20241231T225959Z",
        excluded_dates: ["2024-07-24T08:00:00.000Z"],
        location: "Hauptstraße 5, 10115 Berlin, Germany",
        organizer: { email: "bob@example.com", name: "Bob Builder" },
        attendees: [
          { email: "anna@example.org", name: "Anna Müller", status: "ACCEPTED", role: "REQ-PARTICIPANT" },
          { email: "carol@example.net", status: "NEEDS-ACTION", role: "REQ-PARTICIPANT" },
        ],
        status: "CONFIRMED",
      },
    });
    expect(moved!.naturalKey).toBe("event|7kukuqrfedlm2f9t0vdkf5b3ph@google.com|2024-07-17T08:00:00.000Z");
    expect(records[2]!.fields).toMatchObject({ start: "2024-12-24", end: "2024-12-27", all_day: true });
    expect(records[4]!.naturalKey).toMatch(/^event\|#[0-9a-f]{16}$/);
    expect(importer.fieldSensitivity?.attendees?.level).toBe(3);
    expect(importer.fieldSensitivity?.description?.level).toBe(2);
  });

  it("converts a zone only the file's VTIMEZONE defines, and names the calendar by the file otherwise", async () => {
    const { records } = await readAll(importer, await input("Kalender", "Feiertage.ics"));
    expect(records.map((record) => [record.title, record.time, record.fields.list])).toEqual([
      ["Tag der Deutschen Einheit – Umzug", new Date("2024-10-03T07:00:00Z"), "Feiertage"],
      ["Mittagessen", new Date("2024-08-01T12:30:00Z"), "Feiertage"],
    ]);
  });

  it("continues after the last stored event", async () => {
    const path = fixture("google", "products", "Calendar", "anna@example.org.ics");
    const { records } = await readAll(importer, await fileInputFromPath(path, path, 3));
    expect(records.map((record) => record.title)).toEqual(["Kino", "Call with New York (no UID)"]);
  });

  it("reports an event that is not closed", async () => {
    const file = fileInputFromBuffer("cut.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20240101T000000Z\r\n");
    const { records, errors } = await readAll(importer, file);
    expect(records).toEqual([]);
    expect(errors).toEqual([{ type: "error", at: "end of file", message: "VEVENT not closed by END:VEVENT" }]);
  });
});
