import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { tagCommand } from "../src/cli/commands/tag.js";

/** Runs `ownbase tag ARGS` on the given standard input, as main.ts registers it (with `--json`). */
async function tag(args: string[], stdin: string): Promise<string[]> {
  let out = "";
  const io = { stdout: { write: (text: string) => (out += text) }, stderr: { write: () => true } };
  const command = tagCommand(io, () => Readable.from([stdin])).option("--json").option("--db <path>").exitOverride();
  await command.parseAsync(args, { from: "user" });
  return out.split("\n").filter(Boolean);
}

describe("ownbase tag", () => {
  it("writes one JSON object per input line, with level, categories and spans", async () => {
    const lines = await tag(["--json", "--field", "body"], "See you at noon\nMy new address is Lindenstraße 42, 10969 Berlin\r\nI was diagnosed with diabetes\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { level: 0, categories: [], spans: [] },
      { level: 3, categories: ["location"], spans: [{ start: 18, end: 47, category: "location" }] },
      { level: 3, categories: ["health"], spans: [{ start: 6, end: 20, category: "health" }, { start: 21, end: 29, category: "health" }] },
    ]);
  });

  it("reads ambiguous words in titles as part of the title", async () => {
    const titles = await tag(["--json", "--field", "title"], "Doctor Who: Series 12\nThe Crown: Season 4\nKids movies\n");
    expect(titles.map((line) => JSON.parse(line).level)).toEqual([0, 0, 0]);
    const [body] = await tag(["--json", "--field", "body"], "my kids are sick\n");
    expect(JSON.parse(body!).categories).toContain("children");
  });

  it("finds national phone numbers with --country", async () => {
    const [without] = await tag(["--json"], "call (415) 555-2671\n");
    const [withCountry] = await tag(["--json", "--country", "us"], "call (415) 555-2671\n");
    expect([JSON.parse(without!).level, JSON.parse(withCountry!).level]).toEqual([0, 3]);
  });

  it("prints a readable line per input without --json, naming level-3 findings by kind and place only", async () => {
    const lines = await tag([], "Your IBAN DE89 3704 0044 0532 0130 00 is saved\nweather tomorrow\n");
    expect(lines).toEqual(["3 highly sensitive [financial]: found IBAN at 10–37", "0 public: nothing sensitive found"]);
  });

  it("refuses an unknown country code", async () => {
    await expect(tag(["--country", "XX"], "hello\n")).rejects.toThrow("unknown country code: XX");
  });
});
