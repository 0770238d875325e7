import { describe, expect, it } from "vitest";
import { parseHtmlTime } from "./html-time.js";

const utc = (raw: string) => parseHtmlTime(raw)?.time.toISOString();

describe("My Activity HTML timestamps", () => {
  it("reads zone-less timestamps (before 2018) as UTC, and says so", () => {
    expect(parseHtmlTime("Mar 8, 2018, 5:14:40 PM")).toEqual({ time: new Date("2018-03-08T17:14:40Z"), zoneAssumed: true });
    expect(utc("Jan 1, 2017, 12:00:01 AM")).toBe("2017-01-01T00:00:01.000Z");
    expect(utc("Dec 31, 2016, 12:30:00 PM")).toBe("2016-12-31T12:30:00.000Z");
  });

  it("reads the zone as the fixed offset it names, whatever the season of the event", () => {
    // A summer export names BST for a January event; the clock time is shifted to match.
    expect(parseHtmlTime("Jan 15, 2021, 6:54:12 PM BST")).toEqual({ time: new Date("2021-01-15T17:54:12Z"), zoneAssumed: false });
    expect(utc("Jan 15, 2021, 5:54:12 PM GMT")).toBe("2021-01-15T17:54:12.000Z");
    expect(utc("Dec 19, 2020, 8:00:00 PM PDT")).toBe("2020-12-20T03:00:00.000Z");
    expect(utc("Dec 19, 2020, 7:00:00 PM PST")).toBe("2020-12-20T03:00:00.000Z");
    expect(utc("Jan 22, 2020, 8:34:00 PM UTC")).toBe("2020-01-22T20:34:00.000Z");
  });

  it.each([
    ["6 Oct 2020, 14:32:28 PDT", "2020-10-06T21:32:28.000Z"],
    ["Oct 6, 2020, 2:32:28\u202fPM CEST", "2020-10-06T12:32:28.000Z"],
    ["Sep 4, 2020, 11:01:46 AM GMT+08:00", "2020-09-04T03:01:46.000Z"],
    ["4 set 2020, 11:01:46 GMT-03:00", "2020-09-04T14:01:46.000Z"],
    ["4 Sept 2020, 11:01:46 UTC+5:30", "2020-09-04T05:31:46.000Z"],
    ["25 mar 2014, 17:21:28 CET", "2014-03-25T16:21:28.000Z"],
    ["06.10.2020, 14:32:28 MESZ", "2020-10-06T12:32:28.000Z"],
    ["15. März 2021, 09:00:00 MEZ", "2021-03-15T08:00:00.000Z"],
    ["6. Okt. 2020, 14:32:28 MESZ", "2020-10-06T12:32:28.000Z"],
    ["1 gen 2021, 00:00:01 CET", "2020-12-31T23:00:01.000Z"],
    ["6 ott 2020, 14:32:28 CEST", "2020-10-06T12:32:28.000Z"],
    ["6 oct 2020, 14:32:28 CEST", "2020-10-06T12:32:28.000Z"],
    ["3 ene 2021, 2:05:00 p. m. CET", "2021-01-03T13:05:00.000Z"],
    ["6 oct. 2020 à 14:32:28 UTC+2", "2020-10-06T12:32:28.000Z"],
    ["12 févr. 2021, 08:00:00 CET", "2021-02-12T07:00:00.000Z"],
    ["15 août 2021, 08:00:00 CEST", "2021-08-15T06:00:00.000Z"],
    ["1 juin 2021, 08:00:00 CEST", "2021-06-01T06:00:00.000Z"],
    ["1 juil. 2021, 08:00:00 CEST", "2021-07-01T06:00:00.000Z"],
    ["6 de out. de 2020 14:32:28 BRT", "2020-10-06T17:32:28.000Z"],
    ["6 de dez. de 2020, 14:32:28 WET", "2020-12-06T14:32:28.000Z"],
    ["6 okt 2020, 14:32:28 CEST", "2020-10-06T12:32:28.000Z"],
    ["6 mrt. 2020, 14:32:28 CET", "2020-03-06T13:32:28.000Z"],
    ["6 mei 2020, 14:32:28 CEST", "2020-05-06T12:32:28.000Z"],
  ])("%s", (raw, expected) => {
    expect(utc(raw)).toBe(expected);
  });

  it("refuses what is not a timestamp, an impossible date or an unknown zone", () => {
    expect(parseHtmlTime("Someday, 25:61:00 PM XYZ")).toBeNull();
    expect(parseHtmlTime("Feb 30, 2021, 1:00:00 PM UTC")).toBeNull();
    expect(parseHtmlTime("Feb 3, 2021, 1:00:00 PM XYZ")).toBeNull();
    expect(parseHtmlTime("Rick Astley")).toBeNull();
  });
});
