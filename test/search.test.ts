import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type InValue } from "@libsql/client";
import { Command } from "commander";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { indexCommand } from "../src/cli/commands/index.js";
import { searchCommand } from "../src/cli/commands/search.js";
import type { Vault } from "../src/db/open.js";
import { openVault } from "../src/db/open.js";
import * as schema from "../src/db/schema.js";
import { importInputs } from "../src/import/run.js";
import { packageRoot } from "../src/paths.js";
import { loadEmbedder, ModelUnavailableError, type Embedder, type ModelSettings } from "../src/search/embedder.js";
import { meaningSearch, searchVault, type SearchFilters, type SearchOptions } from "../src/search/search.js";
import { VectorIndex, vectorIndexFor } from "../src/search/vector-index.js";
import { indexVault, vectorStatus, type IndexProgress } from "../src/search/vectors.js";
import type { Importer } from "../importers/types.js";
import { TOPICS, writeTinyModel } from "./fixtures/models/tiny-model.js";
import { useTempDir, useTempVault } from "./helpers.js";

vi.mock("../importers/index.js", () => ({ importers: [] }));

interface TestRecord {
  platform: string;
  kind: string;
  key: string;
  time?: string;
  title: string;
  text?: string;
  fields?: Record<string, string>;
}

/** Reads files starting with `RECORDS`: one JSON record per further line. */
const recordsImporter: Importer = {
  id: "test.records",
  platform: "test",
  title: "Test records",
  detect: (sample) => (sample.head.subarray(0, 8).toString() === "RECORDS\n" ? 1 : 0),
  fieldSensitivity: {
    secret: { level: 3, categories: ["identifier"], reason: "a test secret" },
    body: { level: 2, categories: ["communications"], reason: "message body" },
  },
  async *read(file) {
    let content = "";
    for await (const chunk of file.open()) content += chunk.toString();
    for (const line of content.split("\n").slice(1).filter(Boolean)) {
      const record = JSON.parse(line) as TestRecord;
      yield {
        type: "record",
        platform: record.platform,
        kind: record.kind,
        naturalKey: record.key,
        time: record.time ? new Date(record.time) : null,
        title: record.title,
        text: record.text,
        fields: record.fields ?? {},
      };
    }
  },
};

const LIBRARY: TestRecord[] = [
  { platform: "netflix", kind: "viewing", key: "free-solo", time: "2024-03-01T20:00:00Z", title: "Free Solo", fields: { synopsis: "alone on the wall, an ascent without rope" } },
  { platform: "netflix", kind: "viewing", key: "bake-off", time: "2024-05-02T19:00:00Z", title: "The Great British Bake Off", fields: { synopsis: "bread and pasta in the kitchen" } },
  { platform: "amazon", kind: "order_item", key: "headphones", time: "2024-04-10T10:00:00Z", title: "Noise cancelling headphones", fields: { product: "headphones with charger cable", order_id: "111-2223334-5556667", asin: "B00TEST001" } },
  { platform: "amazon", kind: "order_item", key: "chalk", time: "2023-04-10T10:00:00Z", title: "Climbing chalk bag", fields: { product: "chalk for the crag" } },
  { platform: "amazon", kind: "account", key: "club", title: "Climbing club membership", fields: { secret: "member-7731-climbing" } },
  { platform: "email", kind: "message", key: "m1", time: "2020-01-06T04:49:45Z", title: "Crème brûlée au café", text: "Crème brûlée au café\n\nZoë's recipe", fields: { body: "Zoë's recipe" } },
];

function recordsFile(dir: string, name: string, list: TestRecord[]): string {
  const path = join(dir, name);
  writeFileSync(path, `RECORDS\n${list.map((record) => JSON.stringify(record)).join("\n")}\n`);
  return path;
}

const importOptions = { importers: [recordsImporter] };

/** Tiny models, built once for the file: two of them to change models between. */
let modelRoot: string;
const settings = (model = "test/tiny-topics", modelDir: string | null = modelRoot): ModelSettings => ({ model, dtype: "fp32", modelDir, cacheDir: join(modelRoot, "cache") });
/** The choice `chooseModel` makes when OWNBASE_MODEL_DIR is set. */
const inFolder = (model?: string, modelDir?: string) => ({ choice: { settings: settings(model, modelDir), source: "folder" as const, description: model ?? "test/tiny-topics" } });

beforeAll(() => {
  modelRoot = mkdtempSync(join(tmpdir(), "ownbase-models-"));
  writeTinyModel(modelRoot, "test/tiny-topics");
  writeTinyModel(modelRoot, "test/tiny-topics-v2", { seed: 7, extraDims: 6 });
});
afterAll(() => rmSync(modelRoot, { recursive: true, force: true }));

const titles = (results: { title: string | null }[]) => results.map((result) => result.title);

describe("full-text search", () => {
  const tempVault = useTempVault();
  const tempDir = useTempDir();

  async function library(): Promise<Vault> {
    const vault = await tempVault();
    await importInputs(vault, [recordsFile(tempDir(), "library.txt", LIBRARY)], importOptions);
    return vault;
  }

  it("finds records by their words, word beginnings and words without their accents", async () => {
    const vault = await library();
    expect(titles(await searchVault(vault, "chalk bag"))).toEqual(["Climbing chalk bag"]);
    expect(titles(await searchVault(vault, "climb"))).toEqual(expect.arrayContaining(["Climbing chalk bag", "Climbing club membership"]));
    expect(titles(await searchVault(vault, "creme brulee"))).toEqual(["Crème brûlée au café"]);
    expect(titles(await searchVault(vault, "zoe recipe"))).toEqual(["Crème brûlée au café"]);
    expect(await searchVault(vault, "submarine")).toEqual([]);
    // "The Great British Bake Off" shares only a function word with it.
    expect(await searchVault(vault, "the submarine")).toEqual([]);
    expect(await searchVault(vault, "  ?! ")).toEqual([]);
  });

  it("ranks records holding all the words above those holding some", async () => {
    const vault = await library();
    const results = await searchVault(vault, "climbing chalk");
    expect(titles(results)).toEqual(["Climbing chalk bag", "Climbing club membership"]);
    expect(results[0]).toMatchObject({ platform: "amazon", kind: "order_item", time: "2023-04-10T10:00:00.000Z", matched_by: ["text"] });
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
  });

  it("filters by platform, kind, time range and the highest sensitivity level of a record's fields", async () => {
    const vault = await library();
    const search = (options: SearchOptions) => searchVault(vault, "climbing", options).then(titles);
    expect(await search({ kind: "account" })).toEqual(["Climbing club membership"]);
    expect(await search({ platform: "netflix" })).toEqual([]);
    expect(await search({ from: new Date("2023-01-01"), to: new Date("2023-12-31") })).toEqual(["Climbing chalk bag"]);
    expect(await search({ from: new Date("2024-01-01") })).toEqual([]);
    // The membership holds a level-3 secret: it is left out from level 2 down, whatever matched.
    expect(await search({ maxLevel: 2 })).toEqual(["Climbing chalk bag"]);
    expect((await search({ maxLevel: 3 })).sort()).toEqual(["Climbing chalk bag", "Climbing club membership"]);
    expect(await searchVault(vault, "recipe", { maxLevel: 1 })).toEqual([]);
    expect(titles(await searchVault(vault, "recipe", { maxLevel: 2 }))).toEqual(["Crème brûlée au café"]);
  });

  it("stays in step with imports, re-imports and deleted records", async () => {
    const vault = await library();
    const dir = tempDir();
    await importInputs(vault, [recordsFile(dir, "library.txt", LIBRARY)], importOptions);
    expect(titles(await searchVault(vault, "headphones"))).toEqual(["Noise cancelling headphones"]);

    await importInputs(vault, [recordsFile(dir, "more.txt", [{ platform: "amazon", kind: "order_item", key: "speaker", title: "Bluetooth speaker headphones bundle" }])], importOptions);
    expect(titles(await searchVault(vault, "headphones"))).toEqual(["Noise cancelling headphones", "Bluetooth speaker headphones bundle"]);

    const [removed] = await searchVault(vault, "speaker");
    await vault.client.batch([
      { sql: "DELETE FROM fields WHERE record_id = ?", args: [removed!.id] },
      { sql: "DELETE FROM records WHERE id = ?", args: [removed!.id] },
    ]);
    expect(titles(await searchVault(vault, "headphones"))).toEqual(["Noise cancelling headphones"]);
  });

  it("indexes the records a vault already held when it gains full-text search", async () => {
    const dir = tempDir();
    const path = join(dir, "vault.db");
    // A vault made by the migrations before full-text search, holding records already.
    const migrations = join(dir, "migrations");
    cpSync(join(packageRoot, "migrations"), migrations, { recursive: true });
    const journalPath = join(migrations, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag.endsWith("_records_fts")));
    writeFileSync(journalPath, JSON.stringify(journal));
    const client = createClient({ url: `file:${path}` });
    await migrate(drizzle(client), { migrationsFolder: migrations });
    await importInputs({ url: `file:${path}`, client, db: drizzle(client, { schema }), close: () => client.close() }, [recordsFile(dir, "library.txt", LIBRARY)], importOptions);
    client.close();

    const vault = await openVault(path);
    try {
      expect(titles(await searchVault(vault, "headphones"))).toEqual(["Noise cancelling headphones"]);
    } finally {
      vault.close();
    }
  });
});

describe("the embedder", () => {
  it("loads a model from a local folder and gives unit vectors, closer for texts on one topic", async () => {
    const embedder = await loadEmbedder(settings());
    expect(embedder).toMatchObject({ model: "test/tiny-topics", dim: 10 });
    const [climbing, wall, headphones] = await embedder.embed(["mountain climbing documentary", "alone on the wall, an ascent", "headphones with charger"]);
    for (const vector of [climbing!, wall!, headphones!]) expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(cosine(climbing!, wall!)).toBeGreaterThan(0.6);
    expect(cosine(climbing!, headphones!)).toBeLessThan(0.2);
    // Mean pooling over the real tokens only: a text embeds alike alone and beside a longer one.
    const [alone] = await embedder.embed(["alone on the wall, an ascent"]);
    expect(Array.from(alone!)).toEqual(Array.from(wall!).map((value) => expect.closeTo(value, 5)));
  });

  it("says which model is missing and why, instead of failing with the library's error", async () => {
    await expect(loadEmbedder(settings("test/absent"))).rejects.toThrow(ModelUnavailableError);
    await expect(loadEmbedder(settings("test/absent"))).rejects.toThrow(/^model test\/absent not available \(not found in OWNBASE_MODEL_DIR /);
    await expect(loadEmbedder(settings("test/absent", null), { offline: true })).rejects.toThrow(
      "model test/absent not available (not downloaded yet: run `ownbase models pull` or `ownbase index`)",
    );
  });
});

describe("indexing and meaning search", () => {
  const tempVault = useTempVault();
  const tempDir = useTempDir();
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadEmbedder(settings());
  });

  async function library(): Promise<Vault> {
    const vault = await tempVault();
    await importInputs(vault, [recordsFile(tempDir(), "library.txt", LIBRARY)], importOptions);
    return vault;
  }

  /** The embedder, noting every text it was given. */
  function recording(inner: Embedder): Embedder & { texts: string[] } {
    const texts: string[] = [];
    return { model: inner.model, dim: inner.dim, texts, embed: (batch) => (texts.push(...batch), inner.embed(batch)) };
  }

  it("embeds only records without a vector, with progress, and never level-3 values", async () => {
    const vault = await library();
    const seen = recording(embedder);
    const progress: IndexProgress[] = [];
    const first = await indexVault(vault, seen, { batchSize: 4, onProgress: (update) => progress.push(update) });
    expect(first).toMatchObject({ model: "test/tiny-topics", embedded: 6, done: 6, total: 6, interrupted: false });
    expect(progress.map((update) => update.done)).toEqual([0, 4, 6]);
    expect(progress.at(-1)!.secondsLeft).toBe(0);
    expect(seen.texts.find((text) => text.startsWith("Free Solo"))).toBe("Free Solo\nviewing on netflix\nsynopsis: alone on the wall, an ascent without rope");
    expect(seen.texts.find((text) => text.startsWith("Noise"))).toBe("Noise cancelling headphones\norder item on amazon\nproduct: headphones with charger cable");
    expect(seen.texts.join("\n")).not.toContain("member-7731");

    expect(await indexVault(vault, seen)).toMatchObject({ embedded: 0, done: 6, total: 6 });
    await importInputs(vault, [recordsFile(tempDir(), "more.txt", [{ platform: "amazon", kind: "order_item", key: "rope", title: "Dynamic rope" }])], importOptions);
    seen.texts.length = 0;
    expect(await indexVault(vault, seen)).toMatchObject({ embedded: 1, done: 7, total: 7 });
    expect(seen.texts).toEqual(["Dynamic rope\norder item on amazon"]);
  });

  it("skips a record forgotten while its batch was being embedded", async () => {
    const vault = await library();
    const forgetting: Embedder = {
      ...embedder,
      embed: async (texts) => {
        const vectors = await embedder.embed(texts);
        const [first] = (await vault.client.execute("SELECT min(id) AS id FROM records")).rows;
        await vault.client.batch([
          { sql: "DELETE FROM fields WHERE record_id = ?", args: [first!.id] },
          { sql: "DELETE FROM records WHERE id = ?", args: [first!.id] },
        ]);
        return vectors;
      },
    };
    expect(await indexVault(vault, forgetting, { batchSize: 64 })).toMatchObject({ done: 5, total: 5 });
  });

  it("goes on where an interrupted run stopped, losing no stored batch", async () => {
    const vault = await library();
    let calls = 0;
    const crashing: Embedder = { ...embedder, embed: (texts) => (++calls === 2 ? Promise.reject(new Error("killed")) : embedder.embed(texts)) };
    await expect(indexVault(vault, crashing, { batchSize: 2 })).rejects.toThrow("killed");
    expect(await vectorStatus(vault, embedder.model)).toEqual({ indexed: 2, total: 6 });

    const stop = new AbortController();
    const stopped = await indexVault(vault, embedder, { batchSize: 2, onProgress: (update) => update.done >= 4 && stop.abort(), signal: stop.signal });
    expect(stopped).toMatchObject({ embedded: 2, done: 4, interrupted: true });

    const seen = recording(embedder);
    expect(await indexVault(vault, seen, { batchSize: 2 })).toMatchObject({ embedded: 2, done: 6, total: 6, interrupted: false });
    expect(seen.texts).toHaveLength(2);
  });

  it("re-embeds every record when the model changes, and searches with the new model's vectors", async () => {
    const vault = await library();
    await indexVault(vault, embedder);
    const next = await loadEmbedder(settings("test/tiny-topics-v2"));
    expect(next.dim).toBe(12);
    expect(await indexVault(vault, next)).toMatchObject({ model: "test/tiny-topics-v2", embedded: 6, done: 6, total: 6 });
    expect(await vectorStatus(vault, embedder.model)).toEqual({ indexed: 0, total: 6 });
    const rows = await vault.client.execute("SELECT DISTINCT model, dim, length(vector) AS bytes FROM record_vectors");
    expect(rows.rows.map((row) => ({ ...row }))).toEqual([{ model: "test/tiny-topics-v2", dim: 12, bytes: 48 }]);
    expect(titles(await searchVault(vault, "mountain documentary", { embedder: next }))[0]).toBe("Free Solo");
  });

  it("finds by meaning what no word matches, and merges both rankings when words match too", async () => {
    const vault = await library();
    await indexVault(vault, embedder);
    expect(await searchVault(vault, "mountain documentary")).toEqual([]);
    const byMeaning = await searchVault(vault, "mountain documentary", { embedder, limit: 3 });
    expect(byMeaning[0]).toMatchObject({ title: "Free Solo", matched_by: ["meaning"] });

    const both = await searchVault(vault, "chalk", { embedder });
    expect(both[0]).toMatchObject({ title: "Climbing chalk bag", matched_by: ["text", "meaning"] });
    expect(both.length).toBeGreaterThan(1);
  });

  it("applies the filters to meaning search too", async () => {
    const vault = await library();
    await indexVault(vault, embedder);
    const amazon = await searchVault(vault, "mountain documentary", { embedder, platform: "amazon" });
    expect(new Set(amazon.map((result) => result.platform))).toEqual(new Set(["amazon"]));
    expect(titles(amazon)[0]).toBe("Climbing chalk bag");
    expect(titles(await searchVault(vault, "mountain documentary", { embedder, maxLevel: 2 }))).not.toContain("Climbing club membership");
    expect(titles(await searchVault(vault, "mountain documentary", { embedder, to: new Date("2021-01-01") }))).toEqual(["Crème brûlée au café"]);
  });

  it("says why meaning search is off: nothing indexed, or a model that cannot be loaded", async () => {
    const vault = await library();
    expect(await meaningSearch(vault, inFolder())).toEqual({
      note: "meaning search is off: no record has a vector from test/tiny-topics yet (run `ownbase index`)",
    });
    const stop = new AbortController();
    await indexVault(vault, embedder, { batchSize: 4, onProgress: (update) => update.done >= 4 && stop.abort(), signal: stop.signal });
    const partial = await meaningSearch(vault, inFolder());
    expect(partial.embedder?.model).toBe("test/tiny-topics");
    expect(partial.note).toBe("meaning search covers 4 of 6 records (run `ownbase index` for the rest)");

    const elsewhere = await meaningSearch(vault, inFolder("test/tiny-topics", join(modelRoot, "nowhere")));
    expect(elsewhere.embedder).toBeUndefined();
    expect(elsewhere.note).toMatch(/^meaning search is off: model test\/tiny-topics not available \(not found in OWNBASE_MODEL_DIR /);
  });
});

describe("the in-memory int8 vector index", () => {
  const tempVault = useTempVault();
  const tempDir = useTempDir();
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await loadEmbedder(settings());
  });

  /** 300 records of tiny-model words, so that a query's candidates are a small part of the whole. */
  function manyRecords(count: number, from = 0): TestRecord[] {
    const words = Object.values(TOPICS).flat();
    let state = 7 + from;
    const word = () => words[(state = (state * 1103515245 + 12345) >>> 0) % words.length]!;
    return Array.from({ length: count }, (_, i) => ({
      platform: ["netflix", "amazon", "email"][(from + i) % 3]!,
      kind: "note",
      key: `n${from + i}`,
      time: new Date(Date.UTC(2020, 0, 1 + from + i)).toISOString(),
      title: `${word()} ${word()} ${word()}`,
      fields: (from + i) % 10 === 0 ? { secret: "hidden" } : {},
    }));
  }

  /** What libSQL's exact cosine scan over the stored float32 vectors ranks first. */
  async function exactScan(vault: Vault, query: string, depth: number, where = "", args: InValue[] = []): Promise<number[]> {
    const [vector] = await embedder.embed([query]);
    const rows = await vault.client.execute({
      sql: `SELECT r.id FROM record_vectors v JOIN records r ON r.id = v.record_id WHERE v.model = ?${where}
            ORDER BY vector_distance_cos(v.vector, ?), r.id LIMIT ?`,
      args: [embedder.model, ...args, Buffer.from(vector!.buffer), depth],
    });
    return rows.rows.map((row) => Number(row.id));
  }

  const nearest = async (vault: Vault, query: string, depth: number, filters?: SearchFilters) =>
    vectorIndexFor(vault, embedder.model).nearest(vault, (await embedder.embed([query]))[0]!, depth, filters);

  for (const where of ["in this thread", "split between threads"] as const) {
    describe(`with the vectors ${where}`, () => {
      /** Each vault's index, its vectors held as `where` says. */
      const indexes = new WeakMap<Vault, VectorIndex>();
      const indexOf = (vault: Vault): VectorIndex => {
        let index = indexes.get(vault);
        if (!index) {
          const opened = new VectorIndex(embedder.model, { threadsFrom: where === "in this thread" ? Infinity : 1 });
          vault.onClose(() => opened.close());
          indexes.set(vault, (index = opened));
        }
        return index;
      };
      const nearest = async (vault: Vault, query: string, depth: number, filters?: SearchFilters) => {
        const found = await indexOf(vault).nearest(vault, (await embedder.embed([query]))[0]!, depth, filters);
        expect(indexOf(vault).threads > 0).toBe(where === "split between threads");
        return found;
      };

      it("finds exactly what libSQL's exact scan finds, with and without filters", async () => {
        const vault = await tempVault();
        await importInputs(vault, [recordsFile(tempDir(), "many.txt", manyRecords(300))], importOptions);
        await indexVault(vault, embedder);
        // Depth 10 over 300 records scans nearly all; depth 2 makes a filter scan deeper by steps.
        for (const [query, depth] of ["mountain climbing rope", "pasta kitchen", "headphones charger", "the film", "hotel beach trip"].flatMap((query) => [[query, 10], [query, 2]] as const)) {
          expect(await nearest(vault, query, depth)).toEqual(await exactScan(vault, query, depth));
          expect(await nearest(vault, query, depth, { platform: "amazon" })).toEqual(await exactScan(vault, query, depth, " AND r.platform = ?", ["amazon"]));
          // Level-3 secrets in every tenth record: a filter most records pass.
          expect(await nearest(vault, query, depth, { maxLevel: 2 })).toEqual(
            await exactScan(vault, query, depth, " AND NOT EXISTS (SELECT 1 FROM fields f WHERE f.record_id = r.id AND f.level > 2)"),
          );
          // Twelve days of 300: a filter few records pass.
          const from = new Date("2020-03-01T00:00:00Z");
          const to = new Date("2020-03-12T00:00:00Z");
          const inMarch = await nearest(vault, query, depth, { from, to });
          expect(inMarch).toEqual(await exactScan(vault, query, depth, " AND r.occurred_at BETWEEN ? AND ?", [from.getTime(), to.getTime()]));
          expect(inMarch).toHaveLength(depth);
        }
      });

      it("takes in the vectors of a later index run without reloading, and passes over records changed since", async () => {
        const vault = await tempVault();
        const dir = tempDir();
        await importInputs(vault, [recordsFile(dir, "many.txt", manyRecords(100))], importOptions);
        await indexVault(vault, embedder);
        const index = indexOf(vault);
        expect(await nearest(vault, "climbing", 5)).toHaveLength(5);
        expect(index.size).toBe(100);

        await importInputs(vault, [recordsFile(dir, "more.txt", [{ platform: "amazon", kind: "order_item", key: "alpine", title: "alpine summit crag boulder" }])], importOptions);
        await indexVault(vault, embedder);
        const alpine = Number((await vault.client.execute("SELECT id FROM records WHERE natural_key = 'alpine'")).rows[0]!.id);
        const climbing = await nearest(vault, "alpine summit crag boulder", 10);
        expect(climbing).toContain(alpine);
        expect(climbing).toEqual(await exactScan(vault, "alpine summit crag boulder", 10));
        expect(index.size).toBe(101);

        // A changed text drops the record's vector until the next index run: it is not found meanwhile.
        await vault.client.execute({ sql: "UPDATE records SET title = 'pasta soup bread' WHERE id = ?", args: [alpine] });
        expect(await nearest(vault, "alpine summit crag boulder", 10)).not.toContain(alpine);
        await indexVault(vault, embedder);
        const cooking = await nearest(vault, "pasta soup bread", 10);
        expect(cooking).toContain(alpine);
        expect(cooking).toEqual(await exactScan(vault, "pasta soup bread", 10));
        expect(index.size).toBe(101);
      });
    });
  }

  it("moves its vectors to threads once the vault grows past the threshold, and finds the same", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    await importInputs(vault, [recordsFile(dir, "many.txt", manyRecords(100))], importOptions);
    await indexVault(vault, embedder);
    const index = new VectorIndex(embedder.model, { threadsFrom: 150 });
    vault.onClose(() => index.close());
    const query = async (text: string) => index.nearest(vault, (await embedder.embed([text]))[0]!, 10);
    expect(await query("pasta kitchen")).toEqual(await exactScan(vault, "pasta kitchen", 10));
    expect(index.threads).toBe(0);

    await importInputs(vault, [recordsFile(dir, "more.txt", manyRecords(100, 100))], importOptions);
    await indexVault(vault, embedder);
    expect(await query("pasta kitchen")).toEqual(await exactScan(vault, "pasta kitchen", 10));
    expect(index.threads).toBeGreaterThan(0);
    expect(index.size).toBe(200);
  });

  it("is kept for the vault while it is open, and lets go of its threads when the vault closes", async () => {
    const vault = await tempVault();
    await importInputs(vault, [recordsFile(tempDir(), "many.txt", manyRecords(20))], importOptions);
    await indexVault(vault, embedder);
    const index = vectorIndexFor(vault, embedder.model);
    expect(await nearest(vault, "climbing", 5)).toHaveLength(5);
    expect(vectorIndexFor(vault, embedder.model)).toBe(index);
    const threaded = new VectorIndex(embedder.model, { threadsFrom: 1 });
    vault.onClose(() => threaded.close());
    await threaded.refresh(vault);
    expect(threaded.threads).toBeGreaterThan(0);
    vault.close();
    expect([index.size, threaded.size, threaded.threads]).toEqual([0, 0, 0]);
  });

  it("is rebuilt from the new model's vectors after a model change", async () => {
    const vault = await tempVault();
    await importInputs(vault, [recordsFile(tempDir(), "many.txt", manyRecords(50))], importOptions);
    await indexVault(vault, embedder);
    const before = vectorIndexFor(vault, embedder.model);
    await nearest(vault, "climbing", 5);
    const next = await loadEmbedder(settings("test/tiny-topics-v2"));
    await indexVault(vault, next);
    const after = vectorIndexFor(vault, next.model);
    expect(after).not.toBe(before);
    expect(await after.nearest(vault, (await next.embed(["climbing"]))[0]!, 5)).toHaveLength(5);
    expect(after.size).toBe(50);
    // The old model's vectors are gone from the vault: a search with it finds nothing by meaning.
    expect(await nearest(vault, "climbing", 5)).toEqual([]);
  });

  it("answers a large vault's first query by libSQL's exact scan while its vectors load, then from memory", async () => {
    const vault = await tempVault();
    await importInputs(vault, [recordsFile(tempDir(), "many.txt", manyRecords(300))], importOptions);
    await indexVault(vault, embedder);
    const index = new VectorIndex(embedder.model, { backgroundLoadFrom: 100 });
    const query = (await embedder.embed(["mountain climbing rope"]))[0]!;
    const expected = await exactScan(vault, "mountain climbing rope", 10);
    const statements = vi.spyOn(vault.client, "execute");
    const scanned = () => statements.mock.calls.filter(([statement]) => JSON.stringify(statement).includes("vector_distance_cos")).length;
    expect(await index.nearest(vault, query, 10)).toEqual(expected);
    expect(scanned()).toBe(1);
    await index.refresh(vault);
    expect(index.size).toBe(300);
    expect(await index.nearest(vault, query, 10)).toEqual(expected);
    expect(scanned()).toBe(1);
  });

  it("finds nothing by meaning in a vault without vectors", async () => {
    const vault = await tempVault();
    await importInputs(vault, [recordsFile(tempDir(), "many.txt", manyRecords(5))], importOptions);
    expect(await nearest(vault, "climbing", 5)).toEqual([]);
  });
});

function cosine(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, index) => sum + value * b[index]!, 0);
}

describe("ownbase index and ownbase search", () => {
  const tempDir = useTempDir();

  /** Runs a command as main.ts builds it, with `--db` and `--json`, capturing what it writes. */
  async function run(make: typeof searchCommand, args: string[]) {
    const out = { stdout: "", stderr: "" };
    const io = { stdout: { write: (text: string) => (out.stdout += text) }, stderr: { write: (text: string) => (out.stderr += text) } };
    const command: Command = make(io).option("--db <path-or-url>").option("--json").exitOverride();
    await command.parseAsync(args, { from: "user" });
    return out;
  }

  it("searches by words without a model, saying so on stderr, and by meaning once indexed", async () => {
    const dir = tempDir();
    const db = join(dir, "vault.db");
    const vault = await openVault(db);
    await importInputs(vault, [recordsFile(dir, "library.txt", LIBRARY)], importOptions);
    vault.close();
    vi.stubEnv("OWNBASE_MODEL_DIR", modelRoot);
    vi.stubEnv("OWNBASE_MODEL", "test/tiny-topics");
    vi.stubEnv("OWNBASE_MODEL_DTYPE", "fp32");
    vi.stubEnv("OWNBASE_HOME", dir);
    try {
      const words = await run(searchCommand, ["climbing", "--db", db, "--json", "--platform", "amazon", "--kind", "order_item", "--limit", "5"]);
      expect(JSON.parse(words.stdout)).toEqual([{ id: expect.any(Number), platform: "amazon", kind: "order_item", title: "Climbing chalk bag", score: expect.any(Number) }]);
      expect(words.stderr).toBe("meaning search is off: no record has a vector from test/tiny-topics yet (run `ownbase index`)\n");

      const indexed = await run(indexCommand, ["--db", db]);
      expect(indexed.stdout).toBe(`6 records indexed with test/tiny-topics from OWNBASE_MODEL_DIR ${modelRoot}; 6 of 6 have a vector\n`);
      expect(indexed.stderr).toMatch(/^6 \/ 6 records · \d+\/s · 0 s left\n$/m);

      const meaning = await run(searchCommand, ["mountain documentary", "--db", db, "--to", "2024-03-01"]);
      expect(meaning.stderr).toBe("");
      expect(meaning.stdout.split("\n")[0]).toBe("#1 netflix viewing 2024-03-01T20:00:00.000Z  Free Solo  [meaning]");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("explains a model that cannot be had and exits 1", async () => {
    const dir = tempDir();
    vi.stubEnv("OWNBASE_MODEL_DIR", join(dir, "models"));
    vi.stubEnv("OWNBASE_MODEL", "test/absent");
    try {
      const out = await run(indexCommand, ["--db", join(dir, "vault.db")]);
      expect(out.stderr).toMatch(/^ownbase: meaning search is off: model test\/absent not available \(not found in OWNBASE_MODEL_DIR /);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = undefined;
      vi.unstubAllEnvs();
    }
  });
});

/** Runs only where a real sentence model is at hand: OWNBASE_MODEL_DIR (and OWNBASE_MODEL naming it). */
describe.skipIf(!process.env.OWNBASE_MODEL_DIR)("meaning search with a real model", () => {
  const tempVault = useTempVault();
  const tempDir = useTempDir();

  it("finds what the user half remembers, across platforms, when no word matches", async () => {
    const vault = await tempVault();
    const life: TestRecord[] = [
      { platform: "netflix", kind: "viewing", key: "free-solo", time: "2024-03-01T20:00:00Z", title: "Free Solo", fields: { synopsis: "Alex Honnold attempts to scale El Capitan without ropes" } },
      { platform: "netflix", kind: "viewing", key: "chef", time: "2024-02-01T20:00:00Z", title: "Chef's Table: Season 2", fields: {} },
      { platform: "amazon", kind: "cart_item", key: "sony", time: "2024-04-12T10:00:00Z", title: "Sony WH-1000XM4 wireless noise cancelling over-ear headphones", fields: {} },
      { platform: "amazon", kind: "order_item", key: "pan", time: "2023-11-02T10:00:00Z", title: "Cast iron skillet, 12 inch", fields: {} },
      { platform: "email", kind: "message", key: "m1", time: "2024-05-06T08:00:00Z", title: "Your train tickets to Lyon", fields: { body: "Booking confirmed for two adults" } },
    ];
    await importInputs(vault, [recordsFile(tempDir(), "life.txt", life)], importOptions);
    const embedder = await loadEmbedder(undefined, { offline: true });
    await indexVault(vault, embedder);
    const top = async (query: string) => titles(await searchVault(vault, query, { embedder, limit: 2 }));
    expect(await top("that documentary about rock climbing I half watched")).toContain("Free Solo");
    expect(await top("the gadget for listening to music I almost bought")).toContain("Sony WH-1000XM4 wireless noise cancelling over-ear headphones");
    expect(await top("trip by rail")).toContain("Your train tickets to Lyon");
  });
});
