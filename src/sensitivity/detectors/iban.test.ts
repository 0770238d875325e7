import { describe, expect, it } from "vitest";
import { detectIbans } from "./iban.js";

describe("detectIbans", () => {
  it("finds IBANs in print and electronic form, stopping before the next word", () => {
    const text = "Meine IBAN lautet DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX, oder GB82WEST12345698765432.";
    expect(detectIbans(text).map((found) => text.slice(found.start, found.end))).toEqual(["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432"]);
  });

  it("rejects a wrong check sum", () => {
    expect(detectIbans("DE88 3704 0044 0532 0130 00")).toEqual([]);
  });
});
