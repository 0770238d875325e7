import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Importer } from "../../importers/types.js";
import { useTempDir, useTempVault } from "../../test/helpers.js";
import { fields, settings } from "../db/schema.js";
import { importInputs } from "../import/run.js";
import { ensureTagsCurrent, retagVault, TAGGER_VERSION_KEY, type RetagProgress } from "./retag.js";
import { TAGGER_VERSION } from "./tag.js";

/** Files starting with `NOTES`: each further line is a note with a subject, a tab, and a body. */
const notesImporter: Importer = {
  id: "test.notes",
  platform: "test",
  title: "Test notes",
  detect: (sample) => (sample.head.subarray(0, 6).toString() === "NOTES\n" ? 1 : 0),
  fieldSensitivity: { body: { level: 2, categories: ["communications"], reason: "note text" } },
  async *read(file) {
    let text = "";
    for await (const chunk of file.open()) text += chunk.toString();
    for (const [index, line] of text.split("\n").slice(1).entries()) {
      if (line === "") continue;
      const [subject, body] = line.split("\t");
      yield { type: "record", kind: "note", naturalKey: `note-${index}`, time: null, title: subject!, fields: { subject, body } };
    }
  },
};

vi.mock("../../importers/index.js", () => ({ importers: [] }));
const options = { importers: [notesImporter] };

describe("re-tagging the vault", () => {
  const tempDir = useTempDir();
  const tempVault = useTempVault();

  async function vaultWithNotes(lines: string[]) {
    const vault = await tempVault();
    const file = join(tempDir(), "notes.txt");
    writeFileSync(file, `NOTES\n${lines.join("\n")}\n`);
    await importInputs(vault, [file], options);
    return vault;
  }

  it("brings stale tags up to date and leaves current ones alone", async () => {
    const vault = await vaultWithNotes(["Lunch?\tSee you at noon", "Results\tI was diagnosed with diabetes", "Hi\tmail me: jane@example.com"]);
    const current = await vault.db.select().from(fields).orderBy(fields.id);
    // As an older tagger without content detectors would have left them.
    await vault.db.update(fields).set({ level: 2, categories: ["communications"], reason: "note text", spans: [] }).where(eq(fields.name, "body"));

    const seen: RetagProgress[] = [];
    const result = await retagVault(vault, { ...options, onProgress: (progress) => seen.push(progress) });

    expect(result).toEqual({ done: 6, total: 6, changed: 2 });
    expect(seen.at(-1)).toEqual(result);
    expect(await vault.db.select().from(fields).orderBy(fields.id)).toEqual(current);
    const [diagnosis] = await vault.db.select().from(fields).where(eq(fields.value, "I was diagnosed with diabetes"));
    expect(diagnosis).toMatchObject({ level: 3, categories: ["communications", "health"] });
  });

  it("re-tags only when the stored tagger version differs, then records the current one", async () => {
    const vault = await vaultWithNotes(["Hi\tmail me: jane@example.com"]);
    await vault.db.update(fields).set({ level: 1, spans: [] });

    expect(await ensureTagsCurrent(vault, options)).toEqual({ done: 2, total: 2, changed: 1 }); // the body; the subject was level 1 anyway
    const [stored] = await vault.db.select().from(settings).where(eq(settings.key, TAGGER_VERSION_KEY));
    expect(stored?.value).toBe(TAGGER_VERSION);
    expect(await ensureTagsCurrent(vault, options)).toBeNull();

    await vault.db.update(settings).set({ value: TAGGER_VERSION - 1 }).where(eq(settings.key, TAGGER_VERSION_KEY));
    expect(await ensureTagsCurrent(vault, options)).toEqual({ done: 2, total: 2, changed: 0 });
  });
});
