import { describe, expect, it } from "vitest";
import { MAX_SCAN_CHARS, MAX_SPANS, tagField, tagText } from "./tag.js";

const body = { level: 2, categories: ["communications"], reason: "message content" } as const;
const field = (value: unknown, declared?: object) =>
  tagField({ platform: "gmail", kind: "message", field: "body", value: value as string, ...(declared ? { declared: declared as typeof body } : {}) });

describe("tagField", () => {
  it("keeps the importer's default when the content holds nothing sensitive", () => {
    expect(field("See you at noon", body)).toEqual({ level: 2, categories: ["communications"], reason: "message content", spans: [] });
    expect(field("See you at noon")).toEqual({ level: 1, categories: [], reason: "personal data by default", spans: [] });
  });

  it("raises the level to the highest finding and names level-3 findings without their value", () => {
    const tag = field("Write to jane.doe@example.com about the loan", body);
    expect(tag.level).toBe(3);
    expect(tag.categories).toEqual(["communications", "contact", "financial"]);
    expect(tag.reason).toBe('message content; found e-mail address at 9–29, financial term "loan" at 40–44');
    expect(tag.reason).not.toContain("jane");
    expect(tag.spans).toEqual([
      { start: 9, end: 29, category: "contact", detector: "email" },
      { start: 40, end: 44, category: "financial", detector: "financial-terms" },
    ]);
  });

  it("does not scan fields already at level 3, nor bare identifiers such as message ids", () => {
    expect(field("I was diagnosed with diabetes", { level: 3, categories: ["contact"], reason: "email addresses" }).spans).toEqual([]);
    expect(field("CAF=x1@mail.gmail.com", { level: 1, categories: ["identifier"], reason: "message id" }).level).toBe(1);
  });

  it("scans strings inside lists and objects, and says where", () => {
    const tag = field([{ name: "notes.txt" }, { name: "IBAN DE89370400440532013000.pdf" }], body);
    expect(tag.level).toBe(3);
    expect(tag.spans).toEqual([{ start: 5, end: 27, category: "financial", detector: "iban", path: "1.name" }]);
    expect(tag.reason).toContain("IBAN at 1.name 5–27");
  });

  it("keeps at most MAX_SPANS spans, and counts the rest in the reason", () => {
    const tag = field("vote in the election. ".repeat(MAX_SPANS), body);
    expect(tag.spans).toHaveLength(MAX_SPANS);
    expect(tag.reason).toMatch(new RegExp(`, ${2 * MAX_SPANS - 4} more$`));
  });

  it("reads a very long value only up to its first MAX_SCAN_CHARS characters", () => {
    const filler = "word ".repeat(MAX_SCAN_CHARS / 5);
    expect(field(`jane@example.com ${filler}`, body).level).toBe(3);
    expect(field(`${filler} jane@example.com`, body).level).toBe(2);
  });
});

describe("tagText", () => {
  it("is level 0 when nothing is found, whatever the field", () => {
    expect(tagText("weather tomorrow berlin", { field: "query" })).toEqual({ level: 0, categories: [], reason: "nothing sensitive found", spans: [] });
  });
});
