/**
 * Throughput of search indexing on generated records: what the full-text triggers cost the
 * import, how fast `indexVault` embeds and stores records, and full-text query latency.
 *
 *   npx tsx bench/search-index.ts [--records 20000] [--batch 64] [--tiny]
 *
 * The embedding model is the one `ownbase index` would use (src/search/models.ts: OWNBASE_MODEL_DIR,
 * a downloaded hub model, else the offline word-vector model); `--tiny`, or no model at all, takes
 * the tiny test model, whose figure measures the pipeline around the model (tokenizer, pooling,
 * storage), not a real model's inference. The output says which one it measured.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openVault, type Vault } from "../src/db/open.js";
import { importInputs } from "../src/import/run.js";
import { loadEmbedder } from "../src/search/embedder.js";
import { chooseModel, loadChosenModel } from "../src/search/models.js";
import { searchVault } from "../src/search/search.js";
import { indexVault } from "../src/search/vectors.js";
import { TOPICS, writeTinyModel } from "../test/fixtures/models/tiny-model.js";
import { benchImporter, writeRecordsFile } from "./search-records.js";

const WORDS = [...Object.values(TOPICS).flat(), ...Array.from({ length: 3000 }, (_, i) => `w${(i * 7919).toString(36)}`)];

function generate(path: string, count: number): void {
  let state = 12345;
  const word = () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return WORDS[state % WORDS.length]!;
  };
  const phrase = (length: number) => Array.from({ length }, word).join(" ");
  const time = (i: number) => new Date(1.7e12 + i * 60_000).toISOString();
  writeRecordsFile(path, Array.from({ length: count }, (_, i) => ({ platform: "bench", kind: "note", key: `r${i}`, time: time(i), title: phrase(5), fields: { body: phrase(40) } })));
}

async function timedImport(vault: Vault, file: string): Promise<number> {
  const started = performance.now();
  await importInputs(vault, [file], { importers: [benchImporter] });
  return (performance.now() - started) / 1000;
}

/**
 * The trigram tokenizer finds any substring (mid-word, scripts without spaces) where unicode61
 * finds words and word beginnings: what does it cost in index size and query time?
 */
async function compareTrigram(vault: Vault, queries: string[]): Promise<void> {
  let started = performance.now();
  await vault.client.batch([
    "CREATE VIRTUAL TABLE trigram_fts USING fts5(title, text, content='records', content_rowid='id', tokenize='trigram remove_diacritics 1')",
    "INSERT INTO trigram_fts (trigram_fts) VALUES ('rebuild')",
  ]);
  const buildTrigram = (performance.now() - started) / 1000;
  started = performance.now();
  await vault.client.execute("INSERT INTO records_fts (records_fts) VALUES ('rebuild')");
  const buildWords = (performance.now() - started) / 1000;
  const size = async (table: string) => {
    const result = await vault.client.execute({ sql: "SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE ? AND name <> ?", args: [`${table}_%`, `${table}_content`] });
    return Number(result.rows[0]!.bytes) / 1e6;
  };
  const timeQueries = async (table: string) => {
    const times: number[] = [];
    for (const query of queries) {
      const started = performance.now();
      await vault.client.execute({ sql: `SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rank LIMIT 50`, args: [query.split(" ").map((word) => `"${word}"`).join(" OR ")] });
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };
  console.log(`  unicode61 index: ${(await size("records_fts")).toFixed(1)} MB, rebuilt in ${buildWords.toFixed(1)} s, OR query p50 ${(await timeQueries("records_fts")).toFixed(1)} ms`);
  console.log(`  trigram index:   ${(await size("trigram_fts")).toFixed(1)} MB, built in ${buildTrigram.toFixed(1)} s, OR query p50 ${(await timeQueries("trigram_fts")).toFixed(1)} ms`);
  await vault.client.execute("DROP TABLE trigram_fts");
}

async function main() {
  const { values } = parseArgs({ options: { records: { type: "string", default: "20000" }, batch: { type: "string", default: "64" }, tiny: { type: "boolean", default: false } } });
  const count = Number(values.records);
  const dir = mkdtempSync(join(tmpdir(), "ownbase-bench-index-"));
  try {
    const file = join(dir, "records.txt");
    generate(file, count);

    const plain = await openVault(join(dir, "plain.db"));
    await plain.client.batch(["DROP TRIGGER records_fts_insert", "DROP TRIGGER records_fts_delete", "DROP TRIGGER records_fts_update"]);
    const withoutFts = await timedImport(plain, file);
    plain.close();
    const vault = await openVault(join(dir, "vault.db"));
    const withFts = await timedImport(vault, file);
    console.log(`import of ${count} records (5-word title, 40-word body):`);
    console.log(`  without full-text triggers ${(count / withoutFts).toFixed(0)} records/s, with them ${(count / withFts).toFixed(0)} records/s`);

    const queries = ["climbing documentary", "headphones", "pasta kitchen recipe", "travel hotel beach", "w1 w2"];
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const query of queries) {
        const started = performance.now();
        await searchVault(vault, query);
        times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    console.log(`  full-text search over ${count} records: p50 ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
    await compareTrigram(vault, queries);

    const { choice } = values.tiny ? { choice: null } : chooseModel();
    let which = choice?.description ?? "";
    let embedder;
    if (choice) {
      embedder = await loadChosenModel(choice);
    } else {
      writeTinyModel(join(dir, "models"), "test/tiny-topics");
      embedder = await loadEmbedder({ model: "test/tiny-topics", dtype: "fp32", modelDir: join(dir, "models"), cacheDir: join(dir, "cache") }, { offline: true });
      which = "the tiny test model (a table lookup: measures tokenizer, pooling and storage, not a real model)";
    }
    const started = performance.now();
    const report = await indexVault(vault, embedder, { batchSize: Number(values.batch) });
    const seconds = (performance.now() - started) / 1000;
    console.log(`indexing with ${which}, ${embedder.dim} dimensions, batches of ${values.batch}:`);
    console.log(`  ${report.embedded} records in ${seconds.toFixed(1)} s: ${(report.embedded / seconds).toFixed(0)} records/s`);
    const hybrid: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const query of queries) {
        const started = performance.now();
        await searchVault(vault, query, { embedder });
        hybrid.push(performance.now() - started);
      }
    }
    hybrid.sort((a, b) => a - b);
    // The first query loads the vectors into memory: the max says what that costs.
    console.log(`  hybrid search over ${count} records: p50 ${hybrid[Math.floor(hybrid.length / 2)]!.toFixed(1)} ms, max ${hybrid.at(-1)!.toFixed(1)} ms`);
    vault.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
