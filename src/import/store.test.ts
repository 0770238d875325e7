import { describe, expect, it } from "vitest";
import type { Importer } from "../../importers/types.js";
import { useTempVault } from "../../test/helpers.js";
import { storeBatch } from "./store.js";

const importer: Importer = { id: "test.notes", platform: "test", title: "Notes", detect: () => 0, read: async function* () {} };

describe("storing a batch", () => {
  const tempVault = useTempVault();

  it("stores a record once, its fields tagged, and text holding a lone surrogate as U+FFFD", async () => {
    const vault = await tempVault();
    const [{ id: importId }] = (await vault.client.execute("INSERT INTO imports (source, path, fingerprint, status, started_at) VALUES ('x', 'x', 'x', 'running', 0) RETURNING id")).rows as unknown as [{ id: number }];
    const state = { importId, recordsSeen: 2, recordsAdded: 0, errors: [], checkpoint: 2 };
    const draft = { type: "record" as const, kind: "note", naturalKey: "a", time: new Date(0), title: "broken \ud800 text", fields: { body: "mail me at anna@example.org", empty: "" } };
    expect(await storeBatch(vault, importer, [draft, { ...draft }], state)).toBe(1);
    expect(await storeBatch(vault, importer, [draft], state)).toBe(0);

    const records = await vault.client.execute("SELECT title, text, importer FROM records");
    // Without text of its own, a record is searched by its title.
    expect(records.rows.map((row) => [row.title, row.text, row.importer])).toEqual([["broken \ufffd text", "broken \ufffd text", "test.notes"]]);
    const fields = await vault.client.execute("SELECT name, value, level FROM fields");
    expect(fields.rows.map((row) => [row.name, JSON.parse(row.value as string), row.level])).toEqual([["body", "mail me at anna@example.org", 3]]);
  });

  it("gives each record back its own fields, in order, names and values exactly as they went in (a name's lone surrogate as U+FFFD)", async () => {
    const vault = await tempVault();
    const [{ id: importId }] = (await vault.client.execute("INSERT INTO imports (source, path, fingerprint, status, started_at) VALUES ('x', 'x', 'x', 'running', 0) RETURNING id")).rows as unknown as [{ id: number }];
    const state = { importId, recordsSeen: 3, recordsAdded: 0, errors: [], checkpoint: 3 };
    const awkward = {
      "2fa": true,
      "time:local": "12:30",
      'say "hi"\\': "line\nbreak\ttab \\ back \"quoted\" \u0001",
      "naïve 名前": -12.5e-7,
      big: 9007199254740991,
      list: [1, "two", { three: [null, false] }],
      nested: { "a:b": { c: "ü 🎉" } },
      "cut \ud83c": "half an emoji \ud83c, kept as it was",
    };
    const drafts = [
      { type: "record" as const, kind: "note", naturalKey: "first", title: "first", fields: awkward },
      { type: "record" as const, kind: "note", naturalKey: "bare", title: "no fields", fields: {} },
      { type: "record" as const, kind: "note", naturalKey: "last", title: "last", text: "its own text", fields: { only: "one" } },
    ];
    expect(await storeBatch(vault, importer, drafts, state)).toBe(3);

    const texts = await vault.client.execute("SELECT natural_key, text FROM records ORDER BY id");
    expect(texts.rows.map((row) => [row.natural_key, row.text])).toEqual([["first", "first"], ["bare", "no fields"], ["last", "its own text"]]);
    const fields = await vault.client.execute("SELECT r.natural_key, f.name, f.value FROM fields f JOIN records r ON r.id = f.record_id ORDER BY f.id");
    expect(fields.rows.map((row) => [row.natural_key, row.name, JSON.parse(row.value as string)])).toEqual([
      ...Object.entries(awkward).map(([name, value]) => ["first", name.replace("\ud83c", "\ufffd"), value]),
      ["last", "only", "one"],
    ]);
  });
});
