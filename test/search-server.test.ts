import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { benchImporter, writeRecordsFile, type BenchRecord } from "../bench/search-records.js";
import { importInputs } from "../src/import/run.js";
import { BackgroundIndexer, type IndexStatus } from "../src/search/background.js";
import { chooseModel, loadChosenModel } from "../src/search/models.js";
import { meaningSearchFor } from "../src/search/search.js";
import { indexVault, vectorStatus } from "../src/search/vectors.js";
import { createApp } from "../src/server/app.js";
import { newSessionToken } from "../src/server/middleware/token/index.js";
import { TOPICS, writeTinyModel } from "./fixtures/models/tiny-model.js";
import { useTempDir, useTempVault } from "./helpers.js";

const ORIGIN = "http://127.0.0.1:8787";
const viewingHistory = ["Title,Date", '"Free Solo: a climber on the wall","01/03/2024"', '"The Great British Bake Off: Season 2: Bread","02/03/2024"'].join("\n");

let modelRoot: string;
beforeAll(() => {
  modelRoot = mkdtempSync(join(tmpdir(), "ownbase-models-"));
  writeTinyModel(modelRoot, "test/tiny-topics");
  writeTinyModel(modelRoot, "test/tiny-topics-v2", { seed: 7, extraDims: 6 });
});
afterAll(() => rmSync(modelRoot, { recursive: true, force: true }));

beforeEach(() => {
  vi.stubEnv("OWNBASE_MODEL_DIR", modelRoot);
  vi.stubEnv("OWNBASE_MODEL", "test/tiny-topics");
  vi.stubEnv("OWNBASE_MODEL_DTYPE", "fp32");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Records of tiny-model words, enough for an indexing run of several batches. */
function records(count: number, from = 0): BenchRecord[] {
  const words = Object.values(TOPICS).flat();
  return Array.from({ length: count }, (_, i) => ({
    platform: "bench",
    kind: "note",
    key: `n${from + i}`,
    time: "2024-01-01",
    title: `${words[(from + i) % words.length]} ${words[((from + i) * 7) % words.length]}`,
    fields: {},
  }));
}

describe("indexing in the background of the server", () => {
  const tempVault = useTempVault();
  const tempDir = useTempDir();

  it("embeds what an import brought, says so in the settings, and search finds it by meaning", async () => {
    const vault = await tempVault();
    const token = newSessionToken();
    const app = createApp({ vault, token, host: "127.0.0.1", port: 8787, uploadDir: join(vault.dir, "uploads") });
    const request = (path: string, init: RequestInit = {}) =>
      app.request(`${ORIGIN}${path}`, { ...init, headers: { host: "127.0.0.1:8787", authorization: `Bearer ${token}`, origin: ORIGIN } });

    const before = (await (await request("/api/settings")).json()) as { embedding: IndexStatus };
    expect(before.embedding).toMatchObject({ model: "test/tiny-topics", source: "folder", indexed: 0, total: 0, indexing: null, error: null });

    const uploaded = await request("/api/imports?name=NetflixViewingHistory.csv", { method: "POST", body: viewingHistory });
    expect(uploaded.status).toBe(202);
    await app.imports.idle();
    await app.imports.indexer.idle();

    const after = (await (await request("/api/settings")).json()) as { embedding: IndexStatus };
    expect(after.embedding).toEqual({
      model: "test/tiny-topics",
      source: "folder",
      description: `test/tiny-topics from OWNBASE_MODEL_DIR ${modelRoot}`,
      model_dir: modelRoot,
      note: null,
      indexed: 2,
      total: 2,
      indexing: null,
      error: null,
    });
    const { results } = (await (await request("/api/search?q=mountain%20rope")).json()) as { results: { title: string; matched_by: string[] }[] };
    expect(results[0]).toMatchObject({ title: "Free Solo: a climber on the wall", matched_by: ["meaning"] });
  });

  it("takes up a model chosen while it runs: the first search starts the re-embedding, and later ones search with it", async () => {
    const vault = await tempVault();
    const token = newSessionToken();
    const app = createApp({ vault, token, host: "127.0.0.1", port: 8787, uploadDir: join(vault.dir, "uploads") });
    const headers = { host: "127.0.0.1:8787", authorization: `Bearer ${token}`, origin: ORIGIN };
    const request = async (path: string) => (await (await app.request(`${ORIGIN}${path}`, { headers })).json()) as { results: { title: string; matched_by: string[] }[]; note: string | null };
    await app.request(`${ORIGIN}/api/imports?name=NetflixViewingHistory.csv`, { method: "POST", body: viewingHistory, headers });
    await app.imports.idle();
    await app.imports.indexer.idle();
    const first = await request("/api/search?q=mountain%20rope");
    expect([first.results[0], first.note]).toMatchObject([{ title: "Free Solo: a climber on the wall", matched_by: ["meaning"] }, null]);

    vi.stubEnv("OWNBASE_MODEL", "test/tiny-topics-v2");
    expect(await request("/api/search?q=mountain%20rope")).toEqual({ results: [], note: "meaning search is off: no record has a vector from test/tiny-topics-v2 yet (run `ownbase index`)" });
    await app.imports.indexer.idle();
    expect(await vectorStatus(vault, "test/tiny-topics-v2")).toEqual({ indexed: 2, total: 2 });
    const after = await request("/api/search?q=mountain%20rope");
    expect([after.results[0], after.note]).toMatchObject([{ title: "Free Solo: a climber on the wall", matched_by: ["meaning"] }, null]);
  });

  it("says how far indexing got on every search until every record has its vector", async () => {
    const vault = await tempVault();
    await importInputs(vault, [writeRecordsFile(join(tempDir(), "records.txt"), records(6))], { importers: [benchImporter] });
    const embedder = await loadChosenModel(chooseModel().choice!);
    const stop = new AbortController();
    await indexVault(vault, embedder, { batchSize: 4, onProgress: (update) => update.done >= 4 && stop.abort(), signal: stop.signal });
    const meaning = meaningSearchFor(vault);
    const partial = { embedder, note: "meaning search covers 4 of 6 records (run `ownbase index` for the rest)" };
    expect([await meaning(), await meaning()]).toEqual([partial, partial]);
    await indexVault(vault, embedder);
    expect([await meaning(), await meaning()]).toEqual([{ embedder, note: null }, { embedder, note: null }]);
  });

  it("runs once at a time, goes once more for records imported meanwhile, and shows its progress", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    await importInputs(vault, [writeRecordsFile(join(dir, "first.txt"), records(600))], { importers: [benchImporter] });
    const indexer = new BackgroundIndexer(vault);
    const seen: IndexStatus["indexing"][] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        seen.push((await indexer.status()).indexing);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    indexer.start();
    await vi.waitFor(() => expect(seen.some((update) => update !== null)).toBe(true), { timeout: 10_000, interval: 2 });
    // A second import while the run goes on: its start makes the run go once more at its end.
    await importInputs(vault, [writeRecordsFile(join(dir, "second.txt"), records(100, 600))], { importers: [benchImporter] });
    indexer.start();
    await indexer.idle();
    watching = false;
    await watcher;
    expect(await vectorStatus(vault, "test/tiny-topics")).toEqual({ indexed: 700, total: 700 });
    const progress = seen.filter((update) => update !== null);
    expect(progress.length).toBeGreaterThan(0);
    for (const update of progress) {
      expect(update.done).toBeLessThanOrEqual(update.total);
      expect(update.per_second).toBeGreaterThanOrEqual(0);
    }
    expect((await indexer.status()).indexing).toBeNull();
  });

  it("finishes, when the server starts, what an interrupted run left", async () => {
    const vault = await tempVault();
    await importInputs(vault, [writeRecordsFile(join(tempDir(), "records.txt"), records(50))], { importers: [benchImporter] });
    const app = createApp({ vault, token: newSessionToken(), host: "127.0.0.1", port: 8787, uploadDir: join(vault.dir, "uploads") });
    await app.imports.indexer.idle();
    expect(await vectorStatus(vault, "test/tiny-topics")).toEqual({ indexed: 50, total: 50 });
  });

  it("says why it cannot run: no model, or one that cannot be loaded", async () => {
    const vault = await tempVault();
    vi.stubEnv("OWNBASE_MODEL", "test/absent");
    await importInputs(vault, [writeRecordsFile(join(tempDir(), "records.txt"), records(3))], { importers: [benchImporter] });
    const indexer = new BackgroundIndexer(vault);
    indexer.start();
    await indexer.idle();
    expect(await indexer.status()).toMatchObject({ model: "test/absent", indexed: 0, total: 3, error: expect.stringMatching(/^model test\/absent not available \(not found in OWNBASE_MODEL_DIR /) });
  });
});
