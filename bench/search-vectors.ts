/**
 * Nearest-neighbour search over embedding vectors, measured before choosing: libSQL's exact
 * `vector_distance_cos` scan, libSQL's DiskANN index, exact search in process over float32 and
 * over int8-quantized vectors, usearch's HNSW index in process, and the product's own path
 * (src/search/vector-index.ts: int8 in memory loaded from a vault's record_vectors, split between
 * threads from 100k vectors, float32 re-rank read back from the vault, with and without a filter).
 * For each: build time, bytes on disk or in memory, query p50/p95, recall@10 against exact search.
 *
 *   npx tsx bench/search-vectors.ts [--sizes 10000,100000] [--dim 384] [--queries 100]
 *                                   [--data clustered,random] [--diskann-max 10000] [--skip js,libsql,hnsw,product]
 *
 * `clustered` vectors (a 48-dimensional latent signal plus noise) are shaped like real sentence
 * embeddings; `random` ones (uniform on the sphere) are the worst case for any index. DiskANN
 * builds take minutes from 100k vectors on, so it runs only up to --diskann-max; --skip leaves out
 * the plain-JavaScript scans, libSQL's exact scan, the HNSW builds or the product path (for runs
 * at 1M vectors). The product path's "build" is loading the vectors from the vault into memory;
 * its MB is the int8 matrix in memory (the vault file holding the float32s is printed apart).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createClient, type Client } from "@libsql/client";
import usearch from "usearch";
import { openVault } from "../src/db/open.js";
import { VectorIndex } from "../src/search/vector-index.js";

const K = 10;

interface Row {
  data: string;
  n: number;
  method: string;
  buildSeconds: number;
  megabytes: number;
  p50: number;
  p95: number;
  recall: number;
}

function randomNormal(seed: number): () => number {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function normalize(vector: Float32Array): Float32Array {
  const norm = Math.hypot(...vector) || 1;
  for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}

/** `n` unit vectors, one after another in one array. */
function generate(kind: string, n: number, dim: number, seed: number): Float32Array {
  const normal = randomNormal(seed);
  const out = new Float32Array(n * dim);
  const latent = 48;
  const mixing = kind === "clustered" ? Float32Array.from({ length: latent * dim }, () => normal()) : null;
  for (let row = 0; row < n; row++) {
    const vector = out.subarray(row * dim, (row + 1) * dim);
    if (mixing) {
      const z = Array.from({ length: latent }, () => normal());
      for (let j = 0; j < latent; j++) for (let d = 0; d < dim; d++) vector[d]! += z[j]! * mixing[j * dim + d]!;
      for (let d = 0; d < dim; d++) vector[d]! += 2 * normal();
    } else {
      for (let d = 0; d < dim; d++) vector[d] = normal();
    }
    normalize(vector);
  }
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function recallAt(found: number[][], truth: number[][]): number {
  let hits = 0;
  found.forEach((ids, q) => {
    const expected = new Set(truth[q]);
    hits += ids.filter((id) => expected.has(id)).length;
  });
  return hits / (truth.length * K);
}

async function timeQueries(queries: Float32Array[], search: (query: Float32Array) => Promise<number[]> | number[]) {
  for (const query of queries.slice(0, 3)) await search(query); // warm caches
  const times: number[] = [];
  const found: number[][] = [];
  for (const query of queries) {
    const started = performance.now();
    found.push(await search(query));
    times.push(performance.now() - started);
  }
  return { found, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * Top-k by dot product (the vectors are unit length, so this is cosine), over float32s or over
 * int8s scaled by 127 (a quarter of the memory, integer arithmetic).
 */
function exactDot(data: Float32Array | Int8Array, dim: number, query: Float32Array | Int8Array): number[] {
  const n = data.length / dim;
  const scores = new Float32Array(n);
  for (let row = 0; row < n; row++) {
    let sum = 0;
    const base = row * dim;
    for (let d = 0; d < dim; d++) sum += data[base + d]! * query[d]!;
    scores[row] = sum;
  }
  return topK(scores);
}

function simdExact(data: Float32Array | Int8Array, query: Float32Array | Int8Array, dim: number, k = K): number[] {
  const matches = usearch.exactSearch(data, query, dim, k, usearch.MetricKind.Cos, 1) as InstanceType<typeof usearch.Matches>;
  return Array.from(matches.keys, (key) => Number(key) + 1);
}

const RERANK_DEPTH = 50;

/** The top k of `candidates` (1-based ids) by float32 dot product with the query. */
function rerank(data: Float32Array, dim: number, query: Float32Array, candidates: number[]): number[] {
  const scored = candidates.map((id) => {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += data[(id - 1) * dim + d]! * query[d]!;
    return [id, sum] as const;
  });
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, K)
    .map(([id]) => id);
}

function quantize(vectors: Float32Array): Int8Array {
  const out = new Int8Array(vectors.length);
  for (let i = 0; i < vectors.length; i++) out[i] = Math.max(-127, Math.min(127, Math.round(vectors[i]! * 127)));
  return out;
}

/** Ids are 1-based, as record ids are. */
function topK(scores: Float32Array): number[] {
  const best: [number, number][] = [];
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (best.length < K || score > best[best.length - 1]![1]) {
      best.push([i + 1, score]);
      best.sort((a, b) => b[1] - a[1]);
      if (best.length > K) best.pop();
    }
  }
  return best.map(([id]) => id);
}

async function fillTable(client: Client, table: string, data: Float32Array, dim: number, column: string) {
  await client.execute(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, vector ${column})`);
  const n = data.length / dim;
  const perStatement = 500;
  const tx = await client.transaction("write");
  for (let start = 0; start < n; start += perStatement) {
    const rows = Math.min(perStatement, n - start);
    const args = Array.from({ length: rows }, (_, i) => {
      const vector = data.subarray((start + i) * dim, (start + i + 1) * dim);
      return [start + i + 1, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)];
    }).flat();
    await tx.execute({ sql: `INSERT INTO ${table} (id, vector) VALUES ${Array.from({ length: rows }, () => "(?, ?)").join(", ")}`, args });
  }
  await tx.commit();
}

/**
 * Records 1..n (platform netflix for every fourth id, else amazon; no full-text triggers, which
 * would only slow the filling) with their vectors in record_vectors, as `ownbase index` stores them.
 */
async function fillVault(client: Client, data: Float32Array, dim: number) {
  const n = data.length / dim;
  await client.batch(["DROP TRIGGER records_fts_insert", "DROP TRIGGER records_fts_delete", "DROP TRIGGER records_fts_update"]);
  await client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
          INSERT INTO records (id, platform, kind, natural_key, occurred_at, importer)
          SELECT i, CASE WHEN i % 4 = 0 THEN 'netflix' ELSE 'amazon' END, 'note', 'k' || i, 1700000000000 + i * 60000, 'bench' FROM n`,
    args: [n],
  });
  const perStatement = 500;
  const tx = await client.transaction("write");
  for (let start = 0; start < n; start += perStatement) {
    const rows = Math.min(perStatement, n - start);
    const args = Array.from({ length: rows }, (_, i) => [start + i + 1, "bench", dim, bytes(data.subarray((start + i) * dim, (start + i + 1) * dim)), 1]).flat();
    await tx.execute({ sql: `INSERT INTO record_vectors (record_id, model, dim, vector, embedded_at) VALUES ${Array.from({ length: rows }, () => "(?, ?, ?, ?, ?)").join(", ")}`, args });
  }
  await tx.commit();
}

/** The exact top k among the vectors whose 1-based id passes `keep`. */
function exactAmong(data: Float32Array, dim: number, query: Float32Array, keep: (id: number) => boolean): number[] {
  const ids: number[] = [];
  for (let id = 1; id <= data.length / dim; id++) if (keep(id)) ids.push(id);
  const subset = new Float32Array(ids.length * dim);
  ids.forEach((id, row) => subset.set(data.subarray((id - 1) * dim, id * dim), row * dim));
  return simdExact(subset, query, dim).map((row) => ids[row - 1]!);
}

function fileMegabytes(path: string): number {
  let bytes = 0;
  for (const suffix of ["", "-wal"]) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {
      // no WAL file
    }
  }
  return bytes / 1e6;
}

const bytes = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

async function measure(data: string, n: number, dim: number, queryCount: number, diskannMax: number, skip: Set<string>, dir: string, notes: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  const vectors = generate(data, n, dim, 42);
  // Queries lie near stored vectors, as a query lies near the records it should find.
  const noise = generate("random", queryCount, dim, 4242);
  const queries = Array.from({ length: queryCount }, (_, q) => {
    const source = vectors.subarray(((q * 7919) % n) * dim, (((q * 7919) % n) + 1) * dim);
    return normalize(Float32Array.from(source, (value, d) => value + 0.8 * noise[q * dim + d]!));
  });

  const truth = queries.map((query) => simdExact(vectors, query, dim));
  const push = (method: string, buildSeconds: number, megabytes: number, result: { found: number[][]; p50: number; p95: number }, expected = truth) => {
    rows.push({ data, n, method, buildSeconds, megabytes, p50: result.p50, p95: result.p95, recall: recallAt(result.found, expected) });
    console.error(`  ${data} ${n} ${method}: p50 ${result.p50.toFixed(2)} ms, recall ${recallAt(result.found, expected).toFixed(3)}`);
  };

  const started8 = performance.now();
  const int8 = quantize(vectors);
  const build8 = (performance.now() - started8) / 1000;
  if (!skip.has("js")) {
    push("in-process exact f32", 0, vectors.byteLength / 1e6, await timeQueries(queries, (query) => exactDot(vectors, dim, query)));
    push("in-process exact int8", build8, int8.byteLength / 1e6, await timeQueries(queries, (query) => exactDot(int8, dim, quantize(query))));
  }

  // The same exact scans in usearch's SIMD kernels, one thread, as a native addon would run them.
  push("usearch exactSearch f32 (SIMD)", 0, vectors.byteLength / 1e6, await timeQueries(queries, (query) => simdExact(vectors, query, dim)));
  push("usearch exactSearch int8 (SIMD)", build8, int8.byteLength / 1e6, await timeQueries(queries, (query) => simdExact(int8, quantize(query), dim)));
  // int8 finds candidates, their float32 vectors (on disk in the vault) put the top ones in order.
  push("int8 SIMD top-50, float32 re-rank", build8, int8.byteLength / 1e6, await timeQueries(queries, (query) => rerank(vectors, dim, query, simdExact(int8, quantize(query), dim, RERANK_DEPTH))));

  if (!skip.has("libsql")) {
    const exactPath = join(dir, `exact-${data}-${n}.db`);
    const exact = createClient({ url: `file:${exactPath}` });
    const started = performance.now();
    await fillTable(exact, "v", vectors, dim, "BLOB");
    const build = (performance.now() - started) / 1000;
    push(
      "libSQL exact vector_distance_cos",
      build,
      fileMegabytes(exactPath),
      await timeQueries(queries, async (query) => {
        const result = await exact.execute({ sql: `SELECT id FROM v ORDER BY vector_distance_cos(vector, ?) LIMIT ${K}`, args: [bytes(query)] });
        return result.rows.map((row) => Number(row.id));
      }),
    );
    exact.close();
  }

  if (!skip.has("product")) {
    const vaultPath = join(dir, `vault-${data}-${n}.db`);
    const vault = await openVault(vaultPath);
    await fillVault(vault.client, vectors, dim);
    await vault.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const onDisk = await vault.client.execute("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name IN ('record_vectors', 'record_vectors_model_embedded')");
    const index = new VectorIndex("bench");
    const started = performance.now();
    await index.refresh(vault);
    const load = (performance.now() - started) / 1000;
    notes.push(
      `${data} ${n.toLocaleString("en")}: the product's vectors take ${(Number(onDisk.rows[0]!.bytes) / 1e6).toFixed(0)} MB in the vault (record_vectors and its index; the whole file ${fileMegabytes(vaultPath).toFixed(0)} MB), loaded into memory in ${load.toFixed(1)} s`,
    );
    push(`product: int8 in memory${index.threads ? ` (${index.threads} threads)` : ""} + f32 re-rank from the vault`, load, (n * dim) / 1e6, await timeQueries(queries, (query) => index.nearest(vault, query, K)));
    // A filter a quarter of the records pass (platform): over-fetching finds enough of them.
    const netflix = (id: number) => id % 4 === 0;
    const filteredTruth = queries.map((query) => exactAmong(vectors, dim, query, netflix));
    push("product, filtered to 1 platform in 4", load, (n * dim) / 1e6, await timeQueries(queries, (query) => index.nearest(vault, query, K, { platform: "netflix" })), filteredTruth);
    index.close();
    vault.close();
  }

  for (const quantization of skip.has("hnsw") ? [] : (["f32", "i8"] as const)) {
    const started = performance.now();
    const index = new usearch.Index({ dimensions: dim, metric: usearch.MetricKind.Cos, quantization: quantization === "f32" ? usearch.ScalarKind.F32 : usearch.ScalarKind.I8, connectivity: 16, expansion_add: 128, expansion_search: 128, multi: false });
    index.add(BigUint64Array.from({ length: n }, (_, i) => BigInt(i + 1)), vectors);
    const build = (performance.now() - started) / 1000;
    const indexPath = join(dir, `usearch-${data}-${n}-${quantization}.usearch`);
    index.save(indexPath);
    push(
      `usearch HNSW ${quantization} (M=16, ef=128)`,
      build,
      statSync(indexPath).size / 1e6,
      await timeQueries(queries, (query) => Array.from(index.search(query, K, 1).keys, Number)),
    );
  }

  if (n <= diskannMax) {
    const annPath = join(dir, `diskann-${data}-${n}.db`);
    const ann = createClient({ url: `file:${annPath}` });
    const started = performance.now();
    await fillTable(ann, "v", vectors, dim, `F32_BLOB(${dim})`);
    await ann.execute("CREATE INDEX v_ann ON v (libsql_vector_idx(vector, 'metric=cosine', 'compress_neighbors=float8', 'max_neighbors=32'))");
    const build = (performance.now() - started) / 1000;
    push(
      "libSQL DiskANN (float8, 32 neighbours)",
      build,
      fileMegabytes(annPath),
      await timeQueries(queries, async (query) => {
        const result = await ann.execute({ sql: `SELECT id FROM vector_top_k('v_ann', ?, ${K})`, args: [bytes(query)] });
        return result.rows.map((row) => Number(row.id));
      }),
    );
    ann.close();
  }
  return rows;
}

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10000,100000" },
      dim: { type: "string", default: "384" },
      queries: { type: "string", default: "100" },
      data: { type: "string", default: "clustered,random" },
      "diskann-max": { type: "string", default: "10000" },
      skip: { type: "string", default: "" },
    },
  });
  const dir = mkdtempSync(join(tmpdir(), "ownbase-bench-vectors-"));
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    for (const data of values.data.split(",")) {
      for (const n of values.sizes.split(",").map(Number)) {
        rows.push(...(await measure(data, n, Number(values.dim), Number(values.queries), Number(values["diskann-max"]), new Set(values.skip.split(",")), dir, notes)));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${values.dim}-d vectors, ${values.queries} queries, recall@${K} against exact float32 search\n`);
  console.log("| data | vectors | method | build s | MB | p50 ms | p95 ms | recall@10 |");
  console.log("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const row of rows) {
    console.log(
      `| ${row.data} | ${row.n.toLocaleString("en")} | ${row.method} | ${row.buildSeconds.toFixed(1)} | ${row.megabytes.toFixed(0)} | ${row.p50.toFixed(2)} | ${row.p95.toFixed(2)} | ${row.recall.toFixed(3)} |`,
    );
  }
  if (notes.length > 0) console.log(`\n${notes.join("\n")}`);
}

await main();
