import { describe, expect, it } from "vitest";
import { parseFromLineDate, parseMessageDate, parseReceivedDate } from "./dates.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe("parseMessageDate", () => {
  it.each([
    ["Wed, 22 Sep 2004 02:03:40 -0700", "2004-09-22T09:03:40.000Z"],
    ["Mon, 17 Mar 2008 09:35:22 +0000 (GMT)", "2008-03-17T09:35:22.000Z"],
    ["7 Nov 2016 19:44:27 +0100", "2016-11-07T18:44:27.000Z"],
    ["Fri, 8 Feb 2019 12:00 GMT", "2019-02-08T12:00:00.000Z"],
    ["Tue, 2 Feb 2010 10:00:00 CET", "2010-02-02T09:00:00.000Z"],
    ["Sat, 24 Aug 2002 01:24:49 EDT", "2002-08-24T05:24:49.000Z"],
    ["Wed, 22 Sep 04 02:03:40 +0000", "2004-09-22T02:03:40.000Z"],
    ["Wed, 22 Sep 99 02:03:40 +0000", "1999-09-22T02:03:40.000Z"],
    ["Thursday, 7 February 2019 13:00:00 +0100", "2019-02-07T12:00:00.000Z"],
    ["2021-05-01T10:00:00+02:00", "2021-05-01T08:00:00.000Z"],
  ])("reads %s", (value, expected) => {
    expect(iso(parseMessageDate(value))).toBe(expected);
  });

  it("reads a date without zone, or with an unknown one, as UTC whatever the machine's zone", () => {
    expect(iso(parseMessageDate("Wed, 22 Sep 2004 02:03:40"))).toBe("2004-09-22T02:03:40.000Z");
    expect(iso(parseMessageDate("Wed, 22 Sep 2004 02:03:40 XYZT"))).toBe("2004-09-22T02:03:40.000Z");
  });

  it("gives null for what is no date", () => {
    expect(parseMessageDate("")).toBeNull();
    expect(parseMessageDate("yesterday")).toBeNull();
    expect(parseMessageDate("32 Foo 2004 25:00:00")).toBeNull();
  });
});

describe("parseReceivedDate", () => {
  it("reads the date after the last semicolon", () => {
    expect(iso(parseReceivedDate("from mx.example.org (1.2.3.4) by mx; Tue, 5 Feb 2019 09:00:02 +0100"))).toBe("2019-02-05T08:00:02.000Z");
    expect(parseReceivedDate("from mx.example.org by mx")).toBeNull();
  });
});

describe("parseFromLineDate", () => {
  it("reads asctime dates, with Gmail's zone before the year", () => {
    expect(iso(parseFromLineDate("From eloli@hotmail.com  Wed Sep 22 05:05:28 2004"))).toBe("2004-09-22T05:05:28.000Z");
    expect(iso(parseFromLineDate("From goran at domain.com  Wed Dec  1 08:26:40 2010"))).toBe("2010-12-01T08:26:40.000Z");
    expect(iso(parseFromLineDate("From 1654953015393719153@xxx Mon Jan 06 04:49:45 +0000 2020"))).toBe("2020-01-06T04:49:45.000Z");
    expect(iso(parseFromLineDate("From someone Mon Jan 06 04:49:45 +0200 2020"))).toBe("2020-01-06T02:49:45.000Z");
  });

  it("gives null for a From line without a date", () => {
    expect(parseFromLineDate("From MAILER-DAEMON")).toBeNull();
  });
});
