import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "@libsql/client";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Importer } from "../importers/types.js";
import { openVault, vaultUrl } from "../src/db/open.js";
import { fields, imports } from "../src/db/schema.js";
import { importInputs } from "../src/import/run.js";
import { listRecords, vaultStats } from "../src/vault/queries.js";
import { useTempDir } from "./helpers.js";
import { startLibsqlServer } from "./libsql-server.js";

/** Files starting with `NOTES`: each further line is `key|time|text|stars`, a note record. */
const notesImporter: Importer = {
  id: "test.notes",
  platform: "test",
  title: "Test notes",
  detect: (sample) => (sample.head.subarray(0, 6).toString() === "NOTES\n" ? 1 : 0),
  fieldSensitivity: { author: { level: 2, categories: ["identifier"], reason: "who wrote it" } },
  async *read(file) {
    let content = "";
    for await (const chunk of file.open()) content += chunk.toString();
    for (const [index, line] of content.split("\n").slice(1).entries()) {
      if (line === "") continue;
      const [key = "", time = "", text = "", stars = ""] = line.split("|");
      yield {
        type: "record",
        kind: "note",
        naturalKey: key,
        time: new Date(time),
        title: text,
        fields: { text, stars: Number(stars), author: "me", tags: ["a", "b"] },
        resume: index + 1,
      };
    }
  },
};

vi.mock("../importers/index.js", () => ({ importers: [] }));

/** How many migrations drizzle-kit has generated: each is applied exactly once. */
const migrationCount = JSON.parse(readFileSync(new URL("../migrations/meta/_journal.json", import.meta.url), "utf8")).entries.length;

describe("a vault on a libSQL server (Hrana over HTTP)", () => {
  let server: Awaited<ReturnType<typeof startLibsqlServer>>;
  beforeAll(async () => {
    server = await startLibsqlServer();
  });
  afterAll(() => server?.close());
  const tempDir = useTempDir();

  it("migrates on open, imports in transactions, skips what it holds, and keeps it all on the server", async () => {
    const file = join(tempDir(), "notes.txt");
    // n1 twice: the second is skipped by onConflictDoNothing; batches of 2 make 3 transactions.
    writeFileSync(file, "NOTES\nn1|2024-01-01T10:00:00Z|first|5\nn2|2024-02-01T10:00:00Z|second|4.5\nn1|2024-01-01T10:00:00Z|first|5\nn3|2024-03-01T10:00:00Z|third|3\nn4|2024-04-01T10:00:00Z|fourth|2\n");

    const vault = await openVault(server.url);
    try {
      expect(vault.url).toBe(server.url);
      const first = await importInputs(vault, [file], { importers: [notesImporter], batchSize: 2 });
      expect([first.records_seen, first.records_added, first.files[0]!.errors]).toEqual([5, 4, []]);

      const second = await importInputs(vault, [file], { importers: [notesImporter], batchSize: 2 });
      expect([second.records_seen, second.records_added]).toEqual([5, 0]);

      expect(await vaultStats(vault.db)).toEqual({ records: 4, by_platform: { test: 4 }, by_kind: { note: 4 } });
      const [storedFields] = await vault.db.select({ n: count() }).from(fields);
      expect(storedFields!.n).toBe(16);
    } finally {
      vault.close();
    }

    // A fresh client sees the same vault; the migrations are not applied twice.
    const again = await openVault(server.url);
    try {
      const [migrations] = await again.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`);
      expect(migrations!.n).toBe(migrationCount);
      expect((await vaultStats(again.db)).records).toBe(4);

      const listed = await listRecords(again.db);
      expect(listed.map((record) => [record.natural_key, record.title, record.time])).toEqual([
        ["n4", "fourth", "2024-04-01T10:00:00.000Z"],
        ["n3", "third", "2024-03-01T10:00:00.000Z"],
        ["n2", "second", "2024-02-01T10:00:00.000Z"],
        ["n1", "first", "2024-01-01T10:00:00.000Z"],
      ]);
      expect(listed[2]!.fields).toEqual([
        { name: "text", value: "second", level: 1, categories: [], reason: "personal data by default" },
        { name: "stars", value: 4.5, level: 1, categories: [], reason: "personal data by default" },
        { name: "author", value: "me", level: 2, categories: ["identifier"], reason: "who wrote it" },
        { name: "tags", value: ["a", "b"], level: 1, categories: [], reason: "personal data by default" },
      ]);

      const runs = await again.db.select().from(imports).where(eq(imports.path, file));
      expect(runs.map((run) => [run.status, run.recordsSeen, run.recordsAdded, run.checkpoint])).toEqual([
        ["done", 5, 4, 5],
        ["done", 5, 0, 5],
      ]);
      expect(runs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      again.close();
    }
  });

  it("keeps libsql:// and https:// URLs as they are", () => {
    expect(vaultUrl("libsql://my-vault.example.turso.io")).toBe("libsql://my-vault.example.turso.io");
    expect(vaultUrl("https://my-vault.example.com:8080")).toBe("https://my-vault.example.com:8080");
    expect(vaultUrl(server.url)).toBe(server.url);
  });

  // The test double itself: what the vault relies on, checked against a plain client.
  it("serves values, errors, batches and interactive transactions as sqld does", async () => {
    const a = createClient({ url: server.url });
    const b = createClient({ url: server.url });
    try {
      await a.execute("CREATE TABLE double_check (id INTEGER PRIMARY KEY, body TEXT NOT NULL, score REAL, data BLOB)");
      const inserted = await a.execute({ sql: "INSERT INTO double_check (body, score, data) VALUES (?, ?, ?)", args: ["one", 1.5, new Uint8Array([1, 2, 3])] });
      expect([inserted.rowsAffected, inserted.lastInsertRowid]).toEqual([1, 1n]);
      const [row] = (await b.execute({ sql: "SELECT id, body, score, data FROM double_check WHERE body = :body", args: { body: "one" } })).rows;
      expect([row!.id, row!.body, row!.score, [...new Uint8Array(row!.data as ArrayBuffer)]]).toEqual([1, "one", 1.5, [1, 2, 3]]);
      await expect(a.execute("SELECT * FROM no_such_table")).rejects.toThrow(/no such table/);

      // A batch is all or nothing: its last statement fails, so the first is rolled back.
      await expect(a.batch(["INSERT INTO double_check (body) VALUES ('two')", "INSERT INTO double_check (body) VALUES (NULL)"], "write")).rejects.toThrow(/NOT NULL/);

      // An open transaction's writes are seen by its own stream only, and a second writer waits for it.
      const tx = await a.transaction("write");
      await tx.execute("INSERT INTO double_check (body) VALUES ('three')");
      expect((await tx.execute("SELECT count(*) AS n FROM double_check")).rows[0]!.n).toBe(2);
      expect((await b.execute("SELECT count(*) AS n FROM double_check")).rows[0]!.n).toBe(1);
      const tx2 = await b.transaction("write");
      let secondDone = false;
      const second = tx2.execute("INSERT INTO double_check (body) VALUES ('four')").then(() => (secondDone = true));
      await sleep(100);
      expect(secondDone).toBe(false);
      await tx.commit();
      await second;
      await tx2.rollback();
      const bodies = (await b.execute("SELECT body FROM double_check ORDER BY id")).rows.map((r) => r.body);
      expect(bodies).toEqual(["one", "three"]);
    } finally {
      a.close();
      b.close();
    }
  });
});
