import { describe, expect, it } from "vitest";
import { detectEmails } from "./email.js";

describe("detectEmails", () => {
  it("finds addresses with their position", () => {
    const text = "Write to jane.doe+news@mail.example.co.uk, thanks";
    const [found] = detectEmails(text);
    expect(text.slice(found!.start, found!.end)).toBe("jane.doe+news@mail.example.co.uk");
    expect(found).toMatchObject({ category: "contact", level: 3, detector: "email" });
  });

  it("ignores handles, malformed local parts and domains without a top-level domain", () => {
    expect(detectEmails("ping @jane on chat, or .bad.@example.com, or root@localhost")).toEqual([]);
  });
});
