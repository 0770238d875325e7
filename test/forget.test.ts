import { existsSync, readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { imports, records } from "../src/db/schema.js";
import { importInputs } from "../src/import/run.js";
import { listAudit } from "../src/policy/audit.js";
import { listRecords, type StoredRecord } from "../src/vault/queries.js";
import { forget } from "../src/vault/forget.js";
import { createApp } from "../src/server/app.js";
import { newSessionToken } from "../src/server/middleware/token/index.js";
import { ownbase } from "./cli.js";
import { fixture } from "./fixtures.js";
import { useTempVault } from "./helpers.js";

type TestVault = Awaited<ReturnType<ReturnType<typeof useTempVault>>>;

/** Every string a record holds: title, text, url, natural key and each field's value. */
function stringsOf(record: StoredRecord): string[] {
  const values = [record.title, record.url, record.natural_key, ...record.fields.flatMap((field) => (typeof field.value === "string" ? [field.value] : [JSON.stringify(field.value)]))];
  return values.filter((value): value is string => typeof value === "string");
}

/** The words the full-text index makes of a text, roughly as its unicode61 tokenizer does. */
function wordsOf(text: string): string[] {
  return (text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) as string[];
}

/** Every row of every table (the full-text shadow tables included) as one text. */
async function dumpTables(vault: TestVault): Promise<string> {
  const tables = await vault.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'");
  let dump = "";
  for (const { name } of tables.rows) {
    const rows = await vault.client.execute(`SELECT * FROM "${String(name)}"`);
    for (const row of rows.rows) dump += `${JSON.stringify(row, (_key, value) => (value instanceof ArrayBuffer ? Buffer.from(value).toString("latin1") : typeof value === "bigint" ? String(value) : value))}\n`;
  }
  return dump;
}

/** The terms the full-text index holds, read through fts5vocab (in the temp schema: the file is not touched). */
async function indexedTerms(vault: TestVault): Promise<Set<string>> {
  await vault.client.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.records_terms USING fts5vocab(main, records_fts, row)");
  return new Set((await vault.client.execute("SELECT term FROM temp.records_terms")).rows.map((row) => String(row.term)));
}

async function matches(vault: TestVault, word: string): Promise<number> {
  const result = await vault.client.execute({ sql: "SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH ?", args: [`"${word}"`] });
  return Number(result.rows[0]!.n);
}

/** The database file and its write-ahead log, as bytes. */
function fileBytes(vault: TestVault): Buffer {
  return Buffer.concat([vault.path, `${vault.path}-wal`].filter(existsSync).map((path) => readFileSync(path)));
}

describe("forget", () => {
  const tempVault = useTempVault();

  it("leaves nothing of a forgotten platform in any table, the full-text index or the file, and keeps the rest", async () => {
    const vault = await tempVault();
    // A record per batch, then another import: many small transactions split and rebalance pages,
    // leaving stale copies of values in free space. secure_delete alone leaves some of them in
    // the file (about 25 forgotten values); the VACUUM removes them.
    await importInputs(vault, [fixture("netflix")], { batchSize: 1 });
    await importInputs(vault, [fixture("mbox")], { batchSize: 1 });
    const all = await listRecords(vault.db, { limit: 100_000 });
    const gone = all.filter((record) => record.platform === "netflix");
    const kept = all.filter((record) => record.platform !== "netflix");
    expect(gone.length).toBeGreaterThan(20);
    expect(kept.length).toBeGreaterThan(0);
    // Vectors for records of both kinds, with a byte pattern the file check can look for.
    const marker = Buffer.from("forgotten-vector-bytes");
    for (const record of all) {
      await vault.client.execute({ sql: "INSERT INTO record_vectors (record_id, model, dim, vector, embedded_at) VALUES (?, 'test', 4, ?, 0)", args: [record.id, record.platform === "netflix" ? marker : Buffer.alloc(16)] });
    }

    // What must go: strings only the forgotten records hold, and the words only they give the index.
    const keptText = kept.flatMap(stringsOf).join("\n");
    const values = [...new Set(gone.flatMap(stringsOf))].filter((value) => value.length >= 6 && !keptText.includes(value));
    const indexedWords = async (platform: string) => {
      const rows = await vault.client.execute({ sql: `SELECT title, text FROM records WHERE platform ${platform}`, args: ["netflix"] });
      return new Set(rows.rows.flatMap((row) => wordsOf(`${row.title ?? ""} ${row.text ?? ""}`)));
    };
    const keptWords = await indexedWords("<> ?");
    const words = [...(await indexedWords("= ?"))].filter((word) => word.length >= 4 && !keptWords.has(word));
    expect(values.length).toBeGreaterThan(50);
    expect(words.length).toBeGreaterThan(20);

    // Before: the checks below find all of it, so they can fail.
    const before = await dumpTables(vault);
    expect(values.filter((value) => !before.includes(value))).toEqual([]);
    const termsBefore = await indexedTerms(vault);
    expect(words.filter((word) => !termsBefore.has(word))).toEqual([]);
    expect(await matches(vault, words[0]!)).toBeGreaterThan(0);

    const dryRun = await forget(vault, { platform: "netflix" }, { dryRun: true });
    expect(dryRun).toMatchObject({ dry_run: true, records: gone.length, vectors: gone.length, audit_id: null });
    expect(dryRun.fields).toBe(gone.reduce((sum, record) => sum + record.fields.length, 0));
    expect((await listRecords(vault.db, { platform: "netflix", limit: 1 })).length).toBe(1);

    const report = await forget(vault, { platform: "netflix" });
    expect(report).toMatchObject({ dry_run: false, records: dryRun.records, fields: dryRun.fields, vectors: dryRun.vectors, imports: dryRun.imports, notes: [] });
    expect(report.imports).toBeGreaterThan(5);

    const after = await dumpTables(vault);
    expect(values.filter((value) => after.includes(value))).toEqual([]);
    expect(after.includes(marker.toString("latin1"))).toBe(false);
    const termsAfter = await indexedTerms(vault);
    expect(words.filter((word) => termsAfter.has(word))).toEqual([]);
    for (const word of words) expect(await matches(vault, word), word).toBe(0);

    // The rest is untouched and still found by its words.
    const remaining = await listRecords(vault.db, { limit: 100_000 });
    expect(remaining.map((record) => record.id)).toEqual(kept.map((record) => record.id));
    expect(await matches(vault, [...keptWords].find((word) => word.length >= 5)!)).toBeGreaterThan(0);
    expect(Number((await vault.client.execute("SELECT count(*) AS n FROM record_vectors")).rows[0]!.n)).toBe(kept.length);
    expect((await vault.client.execute("PRAGMA integrity_check")).rows[0]![0]).toBe("ok");
    // Throws when the index and the records disagree.
    await vault.client.execute("INSERT INTO records_fts (records_fts, rank) VALUES ('integrity-check', 1)");

    // The audit log says what was forgotten, and nothing of it.
    const [entry] = await listAudit(vault, { destination: "forget" });
    expect(entry).toMatchObject({ id: report.audit_id, record_count: gone.length, field_count: dryRun.fields, disclosed: [] });
    expect(entry!.purpose).toBe(`forget platform netflix: ${gone.length} records, ${dryRun.fields} fields, ${gone.length} vectors, ${report.imports} imports`);

    // Nor does the file keep it in free pages or the write-ahead log.
    vault.close();
    const bytes = fileBytes(vault);
    expect(values.filter((value) => bytes.includes(Buffer.from(value)))).toEqual([]);
    expect(bytes.includes(marker)).toBe(false);
    expect(words.filter((word) => word.length >= 8 && bytes.includes(Buffer.from(word)))).toEqual([]);
  });

  it("forgets one import, or what happened before a date, and refuses an empty scope", async () => {
    const vault = await tempVault();
    await importInputs(vault, [fixture("netflix", "NetflixViewingHistory-US.csv"), fixture("netflix", "NetflixViewingHistory-UK.csv")]);
    const [us, uk] = await vault.db.select().from(imports).orderBy(imports.id);

    const byImport = await forget(vault, { importId: us!.id });
    expect(byImport).toMatchObject({ records: us!.recordsAdded, imports: 1 });
    expect(await vault.db.select({ id: imports.id }).from(imports)).toEqual([{ id: uk!.id }]);
    expect((await vault.db.select().from(records).where(eq(records.importId, us!.id))).length).toBe(0);

    // The UK history runs from 2022-03-01 to 2022-04-12: two viewings are before April.
    const byDate = await forget(vault, { platform: "netflix", before: new Date("2022-04-01") });
    expect(byDate).toMatchObject({ records: 2, imports: 0 });
    expect((await listRecords(vault.db)).map((record) => record.time)).toEqual(["2022-04-12T00:00:00.000Z"]);

    await expect(forget(vault, {})).rejects.toThrow(/say what to forget/);
    // Nothing matched: nothing to log.
    expect(await forget(vault, { platform: "amazon" })).toMatchObject({ records: 0, audit_id: null });
    expect(await listAudit(vault, { destination: "forget" })).toHaveLength(2);
  });

  it("ownbase forget reports counts on a dry run, then forgets and says what it removed", async () => {
    const vault = await tempVault();
    await importInputs(vault, [fixture("netflix", "NetflixViewingHistory-UK.csv")]);
    vault.close();

    const dryRun = ownbase(["forget", "--platform", "netflix", "--dry-run", "--json", "--db", vault.path]);
    expect(dryRun.status).toBe(0);
    expect(JSON.parse(dryRun.stdout)).toMatchObject({ dry_run: true, records: 3, imports: 1 });

    const done = ownbase(["forget", "--platform", "netflix", "--db", vault.path]);
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/^forgot 3 records \(\d+ fields, 0 vectors, 1 imports\) of platform netflix/);
    expect(JSON.parse(ownbase(["stats", "--json", "--db", vault.path]).stdout).records).toBe(0);

    const none = ownbase(["forget", "--db", vault.path]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/say what to forget/);
  });

  it("the Settings API lists sources with their records, counts a scope, forgets it, and refuses an empty scope or a foreign page", async () => {
    const vault = await tempVault();
    await importInputs(vault, [fixture("netflix", "NetflixViewingHistory-UK.csv"), fixture("mbox", "gmail.mbox")]);
    const token = newSessionToken();
    const app = createApp({ vault, token, host: "127.0.0.1", port: 8787, uploadDir: `${vault.dir}/uploads` });
    const call = (path: string, body?: unknown, origin = "http://127.0.0.1:8787") =>
      app.request(`http://127.0.0.1:8787/api/forget${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { host: "127.0.0.1:8787", authorization: `Bearer ${token}`, origin, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const sources = await (await call("/sources")).json();
    expect(sources.platforms).toContainEqual({ platform: "netflix", records: 3 });
    const netflixImport = sources.imports.find((source: { path: string }) => source.path.endsWith("NetflixViewingHistory-UK.csv"));
    expect(netflixImport).toMatchObject({ records: 3, importer: expect.stringMatching(/netflix/) });

    expect(await (await call("/preview", { import: netflixImport.id })).json()).toMatchObject({ dry_run: true, records: 3, imports: 1 });
    expect((await call("", {})).status).toBe(400);
    expect((await call("", { before: "not a date" })).status).toBe(400);
    expect((await call("", { platform: "netflix" }, "http://evil.example")).status).toBe(403);
    expect(await (await call("", { import: netflixImport.id })).json()).toMatchObject({ dry_run: false, records: 3 });
    expect((await (await call("/sources")).json()).platforms.map((source: { platform: string }) => source.platform)).toEqual(["gmail"]);
  });
});
