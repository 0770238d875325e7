import { describe, expect, it } from "vitest";
import { detectDatesOfBirth } from "./date-of-birth.js";

const found = (text: string) => detectDatesOfBirth(text).map((span) => text.slice(span.start, span.end));

describe("detectDatesOfBirth", () => {
  it("finds a date after a birth cue in several languages and formats", () => {
    expect(found("Date of birth: 14/03/1987")).toEqual(["14/03/1987"]);
    expect(found("geboren am 03.07.1979 in Hamburg")).toEqual(["03.07.1979"]);
    expect(found("nato il 5 maggio 1982 a Napoli")).toEqual(["5 maggio 1982"]);
    expect(found("née le 9 avril 1975")).toEqual(["9 avril 1975"]);
    expect(found("fecha de nacimiento: 1990-11-22")).toEqual(["1990-11-22"]);
    expect(found("He was born on March 12th, 1985 in Ohio")).toEqual(["March 12th, 1985"]);
  });

  it("ignores dates without a birth cue, far from it, or impossible", () => {
    expect(found("Meeting on 14/03/1987")).toEqual([]);
    expect(found("born in a small village by the sea, far from any city, much later: 14/03/1987")).toEqual([]);
    expect(found("DOB 45/13/1987")).toEqual([]);
  });
});
