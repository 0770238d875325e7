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

    const records = await vault.client.execute("SELECT title FROM records");
    expect(records.rows.map((row) => row.title)).toEqual(["broken \ufffd text"]);
    const fields = await vault.client.execute("SELECT name, value, level FROM fields");
    expect(fields.rows.map((row) => [row.name, JSON.parse(row.value as string), row.level])).toEqual([["body", "mail me at anna@example.org", 3]]);
  });
});
