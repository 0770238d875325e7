import { describe, expect, it } from "vitest";
import { detectPhones } from "./phone.js";

describe("detectPhones", () => {
  it("finds international numbers without knowing the country", () => {
    const text = "Ruf mich an: +49 30 901820, danke";
    const [found] = detectPhones(text, { style: "text" });
    expect(text.slice(found!.start, found!.end)).toBe("+49 30 901820");
    expect(found).toMatchObject({ category: "contact", level: 3 });
  });

  it("finds national numbers only when the country is known", () => {
    const text = "Call me at (415) 555-2671 after 6";
    expect(detectPhones(text, { style: "text" })).toEqual([]);
    expect(detectPhones(text, { style: "text", country: "US" })).toHaveLength(1);
  });

  it("rejects digit runs that no numbering plan allows", () => {
    expect(detectPhones("order +1 000 000 0000 and +49 0000000", { style: "text" })).toEqual([]);
  });

  it("does not read dates and times as phone numbers", () => {
    expect(detectPhones("Start Time 2021-12-05 20:26:31, due 05.12.2021 2026", { style: "text", country: "DE" })).toEqual([]);
  });
});
