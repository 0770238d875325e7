import { describe, expect, it } from "vitest";
import { detectNationalIds, germanTaxIdValid } from "./national-id.js";

const labels = (text: string) => detectNationalIds(text).map((found) => [text.slice(found.start, found.end), found.label]);

describe("detectNationalIds", () => {
  it("finds US social security numbers and skips ranges the SSA never issues", () => {
    expect(labels("SSN 536-22-1234 for the form")).toEqual([["536-22-1234", "US social security number"]]);
    for (const invalid of ["000-12-3456", "666-12-3456", "912-12-3456", "536-00-1234", "536-22-0000", "078-05-1120"]) {
      expect(labels(`SSN ${invalid}`)).toEqual([]);
    }
  });

  it("finds UK NI numbers but not prefixes that are never issued", () => {
    expect(labels("NI number AB 12 34 56 C")).toEqual([["AB 12 34 56 C", "UK National Insurance number"]]);
    expect(labels("GB123456A and BG 12 34 56 A")).toEqual([]);
  });

  it("checks the German tax id's digit rules and check digit where the text names it", () => {
    expect(germanTaxIdValid("86095742719")).toBe(true);
    expect(germanTaxIdValid("86095742718")).toBe(false);
    expect(labels("Steuer-ID: 86 095 742 719")).toEqual([["86 095 742 719", "German tax id"]]);
    expect(labels("Bestellnummer 86095742719")).toEqual([]);
  });

  it("checks the letter of Spanish DNI and NIE numbers", () => {
    expect(labels("Mi DNI es 12345678Z y el NIE X1234567L")).toEqual([["12345678Z", "Spanish DNI"], ["X1234567L", "Spanish NIE"]]);
    expect(labels("DNI 12345678A")).toEqual([]);
  });
});
