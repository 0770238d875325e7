import { availableParallelism } from "node:os";
import type { Vault } from "../db/open.js";
import { filterSql, type SearchFilters } from "./filters.js";
import { Int8Matrix, type Int8Rows } from "./int8-matrix.js";
import { Int8Thread } from "./int8-thread.js";
import { vectorBytes } from "./vectors.js";

/**
 * int8 candidates scanned per result wanted, then put in order by their float32 vectors: five
 * kept recall@10 at 1.0 over 1M vectors in bench/search-vectors.ts.
 */
const CANDIDATES_PER_RESULT = 5;
/** Vectors read from the vault per query while loading: ~8 MB of float32s at 384 dimensions. */
const LOAD_PAGE = 5000;
/**
 * A filter that lets so few records through that finding enough of them among the nearest would
 * mean scanning past this share of all vectors is answered from the records it lets through.
 */
const SELECTIVE_SHARE = 1 / 8;
/** Vectors that load in about a second: a first query waits for them. */
const BACKGROUND_LOAD_FROM = 20_000;
/**
 * Vectors whose scan takes a couple of milliseconds in one thread: from here, threads share it
 * (1M took 18 ms in one thread, 11 ms in two, in bench/search-vectors.ts).
 */
const THREADS_FROM = 100_000;
/** More threads than this gain little: the scan's cost per row and memory bandwidth take over. */
const MAX_THREADS = 4;

type Filter = ReturnType<typeof filterSql>;
const NO_FILTER: Filter = filterSql({});

/** A record found near the query, with its float32 vector once read. */
interface Candidate {
  id: number;
  vector?: Float32Array;
}

/** int8 = round(127 · x): sentence vectors are unit length, so every component lies in [-1, 1]. */
function quantize(vector: Float32Array, into: Int8Array = new Int8Array(vector.length)): Int8Array {
  for (let d = 0; d < vector.length; d++) into[d] = Math.max(-127, Math.min(127, Math.round(vector[d]! * 127)));
  return into;
}

/** A float32 BLOB as libSQL hands it back. */
function floats(blob: unknown): Float32Array {
  const buffer = blob as ArrayBuffer;
  return new Float32Array(buffer, 0, buffer.byteLength / 4);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let d = 0; d < a.length; d++) {
    dot += a[d]! * b[d]!;
    normA += a[d]! * a[d]!;
    normB += b[d]! * b[d]!;
  }
  return dot / Math.sqrt(normA * normB || 1);
}

/**
 * One model's vectors from the vault, quantized to int8 and held in memory (a quarter of their
 * float32 size: 384 MB for 1M vectors of 384 dimensions). A query scans them all, exactly, in
 * usearch's SIMD kernels; the float32 vectors of the best candidates, read back from the vault,
 * put them in order. A large index is split between threads that scan their parts at once. The
 * vault stays the only store: the index reads what was embedded since it last looked before each
 * query, so vectors from `ownbase index` in another process count too. A large vault's first
 * query is answered by libSQL's exact scan while the vectors load.
 */
export class VectorIndex {
  private dim = 0;
  private count = 0;
  /** Where the int8 vectors are: row r is row ⌊r / parts⌋ of part r mod parts. */
  private parts: Int8Rows[] = [];
  /** The record id of each row. */
  private ids = new Uint32Array(0);
  /** The row of each record id: a record embedded again (its text changed) keeps its row. */
  private readonly rowOf = new Map<number, number>();
  /** The last vector read, in (embedded_at, record_id) order: the next look starts after it. */
  private last = { embeddedAt: -1, recordId: 0 };
  /** Rows to make room for when the first vector comes: as many as the vault held at the first look. */
  private reserved = 0;
  /** Every vector the vault held at the first look is in memory. */
  private loaded = false;
  /** The read going on, which a second caller joins: two would read the same vectors twice. */
  private reading: Promise<void> | null = null;

  /**
   * `backgroundLoadFrom`: from this many vectors, the first query does not wait for them to load
   * (close to a minute for 1M on a busy 2-core machine): libSQL's exact scan answers it while they
   * load behind it. `threadsFrom`: from this many vectors, at the first look or as the vault grows,
   * threads scan them.
   */
  constructor(
    readonly model: string,
    private readonly options: { backgroundLoadFrom?: number; threadsFrom?: number } = {},
  ) {}

  /** Vectors held. */
  get size(): number {
    return this.count;
  }

  /** Threads scanning the vectors: none while they fit one quick scan in this thread. */
  get threads(): number {
    return this.parts.filter((part) => part instanceof Int8Thread).length;
  }

  /** Reads the vectors embedded since the last look: all of this model's, the first time. */
  refresh(vault: Vault): Promise<void> {
    this.reading ??= this.readNew(vault).finally(() => (this.reading = null));
    return this.reading;
  }

  /** Lets go of the vectors and stops the threads; the next query loads them again. */
  close(): void {
    for (const part of this.parts) part.close();
    this.parts = [];
    this.dim = this.count = this.reserved = 0;
    this.ids = new Uint32Array(0);
    this.rowOf.clear();
    this.last = { embeddedAt: -1, recordId: 0 };
    this.loaded = false;
  }

  private async readNew(vault: Vault): Promise<void> {
    // Room for them all at once: growing by doubling would hold two copies of 1M rows at the end.
    if (!this.loaded) this.reserved = await this.vectorCount(vault);
    for (;;) {
      // The rest of the last time read, then later times: two seeks in the (model, embedded_at) index.
      const page = await vault.client.execute({
        sql: `SELECT * FROM (SELECT record_id, vector, embedded_at FROM record_vectors
                             WHERE model = ?1 AND embedded_at = ?2 AND record_id > ?3 ORDER BY record_id LIMIT ?4)
              UNION ALL
              SELECT * FROM (SELECT record_id, vector, embedded_at FROM record_vectors
                             WHERE model = ?1 AND embedded_at > ?2 ORDER BY embedded_at, record_id LIMIT ?4)
              LIMIT ?4`,
        args: [this.model, this.last.embeddedAt, this.last.recordId, LOAD_PAGE],
      });
      this.put(page.rows.map((row) => ({ id: Number(row.record_id), vector: floats(row.vector) })));
      const last = page.rows.at(-1);
      if (last) this.last = { embeddedAt: Number(last.embedded_at), recordId: Number(last.record_id) };
      if (page.rows.length < LOAD_PAGE) break;
    }
    this.loaded = true;
  }

  /**
   * The ids of the `depth` records whose vectors lie nearest `query` by cosine, among those
   * passing the filters, nearest first. Candidates the vault no longer holds (deleted, or whose
   * text changed and awaits its new vector) are passed over like filtered ones.
   */
  async nearest(vault: Vault, query: Float32Array, depth: number, filters: SearchFilters = {}): Promise<number[]> {
    const filter = filterSql(filters);
    if (!this.loaded && (await this.vectorCount(vault)) >= (this.options.backgroundLoadFrom ?? BACKGROUND_LOAD_FROM)) {
      // A vault closed under the load (a CLI command done) ends it; the next query goes on with it.
      this.refresh(vault).catch(() => {});
      return this.scanVault(vault, query, depth, filter);
    }
    await this.refresh(vault);
    if (this.count === 0 || query.length !== this.dim) return [];
    const wanted = depth * CANDIDATES_PER_RESULT;
    const quantized = quantize(query);
    let scanned = Math.min(this.count, wanted);
    // The first look reads the float32 vectors too: most often enough candidates pass, and one query does.
    let kept = await this.passing(vault, await this.scan(quantized, scanned), filter, { vectors: true });
    while (kept.length < wanted && scanned < this.count) {
      // Too few passed: scan as deep as the filter's pass rate says, unless that is much of the vault.
      const deeper = Math.ceil(kept.length === 0 ? scanned * 16 : (scanned * wanted * 1.5) / kept.length);
      if (deeper > this.count * SELECTIVE_SHARE) return this.nearestPassing(vault, query, quantized, depth, filter);
      scanned = Math.min(this.count, deeper);
      kept = await this.passing(vault, await this.scan(quantized, scanned), filter, { vectors: false });
    }
    return this.rerank(vault, query, kept.slice(0, wanted), depth);
  }

  /** libSQL's exact scan over the float32 vectors in the vault: slower, but nothing to load first. */
  private async scanVault(vault: Vault, query: Float32Array, depth: number, filter: Filter): Promise<number[]> {
    const rows = await vault.client.execute({
      sql: `SELECT r.id FROM record_vectors v JOIN records r ON r.id = v.record_id
            WHERE v.model = ?${filter.sql} ORDER BY vector_distance_cos(v.vector, ?), r.id LIMIT ?`,
      args: [this.model, ...filter.args, vectorBytes(query), depth],
    });
    return rows.rows.map((row) => Number(row.id));
  }

  private async vectorCount(vault: Vault): Promise<number> {
    const result = await vault.client.execute({ sql: "SELECT count(*) AS n FROM record_vectors WHERE model = ?", args: [this.model] });
    return Number(result.rows[0]!.n);
  }

  /** For a filter few records pass: the int8 scan runs over just those records' rows. */
  private async nearestPassing(vault: Vault, query: Float32Array, quantized: Int8Array, depth: number, filter: Filter): Promise<number[]> {
    const passing = await vault.client.execute({
      // `+` keeps SQLite from walking the model's index through every vector: the filter's own index is the way in.
      sql: `SELECT r.id FROM records r JOIN record_vectors v ON v.record_id = r.id WHERE +v.model = ?${filter.sql}`,
      args: [this.model, ...filter.args],
    });
    const rows = passing.rows.map((row) => this.rowOf.get(Number(row.id))).filter((row) => row !== undefined);
    if (rows.length === 0) return [];
    const found = await this.scan(quantized, depth * CANDIDATES_PER_RESULT, rows);
    return this.rerank(vault, query, found.map((id) => ({ id })), depth);
  }

  /**
   * The record ids of the `k` rows (of all, or of `among`) nearest the quantized query, nearest
   * first: each part's nearest, merged.
   */
  private async scan(quantized: Int8Array, k: number, among?: number[]): Promise<number[]> {
    const parts = this.parts.length;
    const answers = await Promise.all(
      this.parts.map((part, index) =>
        part.nearest(quantized, k, among && Uint32Array.from(among.filter((row) => row % parts === index), (row) => Math.floor(row / parts))),
      ),
    );
    return answers
      .flatMap(({ rows, distances }, index) => Array.from(rows, (row, at) => ({ row: row * parts + index, distance: distances[at]! })))
      .sort((a, b) => a.distance - b.distance || a.row - b.row)
      .slice(0, k)
      .map(({ row }) => this.ids[row]!);
  }

  /**
   * The candidates, in their order, that still have this model's vector and pass the filter,
   * with their float32 vectors if asked. CROSS JOIN makes SQLite look the candidates up by id,
   * rather than walk an index of the model or of the filter through many records.
   */
  private async passing(vault: Vault, candidates: number[], filter: Filter, { vectors }: { vectors: boolean }): Promise<Candidate[]> {
    const result = await vault.client.execute({
      sql: `SELECT r.id${vectors ? ", v.vector" : ""} FROM json_each(?) AS candidate CROSS JOIN records r ON r.id = candidate.value
            CROSS JOIN record_vectors v ON v.record_id = r.id WHERE v.model = ?${filter.sql}`,
      args: [JSON.stringify(candidates), this.model, ...filter.args],
    });
    const kept = new Map(result.rows.map((row) => [Number(row.id), vectors ? floats(row.vector) : undefined]));
    return candidates.filter((id) => kept.has(id)).map((id) => ({ id, vector: kept.get(id) }));
  }

  /** The `depth` candidates nearest the query by their float32 vectors; equal scores by id. */
  private async rerank(vault: Vault, query: Float32Array, candidates: Candidate[], depth: number): Promise<number[]> {
    const withVectors = candidates.every((candidate) => candidate.vector)
      ? candidates
      : await this.passing(vault, candidates.map(({ id }) => id), NO_FILTER, { vectors: true });
    return withVectors
      .map(({ id, vector }) => ({ id, score: cosine(query, vector!) }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, depth)
      .map(({ id }) => id);
  }

  /** Quantizes a page of vectors read into their rows: new records get the next rows. */
  private put(page: Array<{ id: number; vector: Float32Array }>): void {
    if (page.length === 0) return;
    if (this.parts.length === 0) this.start(page[0]!.vector.length);
    const parts = this.parts.length;
    const toPart = this.parts.map(() => ({ rows: [] as number[], vectors: new Int8Array(page.length * this.dim) }));
    for (const { id, vector } of page) {
      let row = this.rowOf.get(id);
      if (row === undefined) {
        row = this.count++;
        if (this.count > this.ids.length) this.growIds(Math.max(1024, this.reserved, this.ids.length * 2));
        this.ids[row] = id;
        this.rowOf.set(id, row);
      }
      const part = toPart[row % parts]!;
      quantize(vector, part.vectors.subarray(part.rows.length * this.dim, (part.rows.length + 1) * this.dim));
      part.rows.push(Math.floor(row / parts));
    }
    // Each part takes its own copy (a thread is handed it): exactly its rows' vectors.
    toPart.forEach(({ rows, vectors }, index) => rows.length > 0 && this.parts[index]!.put(Uint32Array.from(rows), vectors.slice(0, rows.length * this.dim)));
    this.splitIfGrown();
  }

  /** A large vault's vectors go straight to threads, one per core up to four. */
  private start(dim: number): void {
    this.dim = dim;
    const threads = this.reserved >= this.threadsFrom ? threadCount() : 0;
    this.parts =
      threads === 0 ? [new Int8Matrix(dim, this.reserved)] : Array.from({ length: threads }, () => new Int8Thread(dim, Math.ceil(this.reserved / threads)));
  }

  /** A vault that has grown past `threadsFrom` since the first look has its vectors moved to threads. */
  private splitIfGrown(): void {
    const [only] = this.parts;
    if (this.parts.length !== 1 || !(only instanceof Int8Matrix) || this.count < this.threadsFrom) return;
    const threads = threadCount();
    this.parts = Array.from({ length: threads }, (_, index) => {
      const thread = new Int8Thread(this.dim, Math.ceil((2 * this.count) / threads));
      const rows = Uint32Array.from({ length: Math.ceil((this.count - index) / threads) }, (_, local) => index + local * threads);
      thread.put(rows.map((row) => Math.floor(row / threads)), only.vectorsOf(rows));
      return thread;
    });
    only.close();
  }

  private get threadsFrom(): number {
    return this.options.threadsFrom ?? THREADS_FROM;
  }

  private growIds(rows: number): void {
    const ids = new Uint32Array(rows);
    ids.set(this.ids);
    this.ids = ids;
  }
}

function threadCount(): number {
  return Math.min(MAX_THREADS, availableParallelism());
}

const indexes = new WeakMap<Vault, VectorIndex>();

/**
 * The vault's in-memory index of `model`'s vectors, loaded on first use and kept while the vault
 * is open (a server's whole life); asking for another model replaces it, as a model change
 * replaces the vectors.
 */
export function vectorIndexFor(vault: Vault, model: string): VectorIndex {
  let index = indexes.get(vault);
  if (index?.model !== model) {
    index?.close();
    const opened = new VectorIndex(model);
    vault.onClose(() => opened.close());
    indexes.set(vault, (index = opened));
  }
  return index;
}
