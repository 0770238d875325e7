import usearch from "usearch";
import type { Vault } from "../db/open.js";
import { filterSql, type SearchFilters } from "./filters.js";
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
 * put them in order. The vault stays the only store: the index reads what was embedded since it
 * last looked before each query, so vectors from `ownbase index` in another process count too.
 * A large vault's first query is answered by libSQL's exact scan while the vectors load.
 */
export class VectorIndex {
  private dim = 0;
  private count = 0;
  private matrix = new Int8Array(0);
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
   * load behind it.
   */
  constructor(
    readonly model: string,
    private readonly options: { backgroundLoadFrom: number } = { backgroundLoadFrom: BACKGROUND_LOAD_FROM },
  ) {}

  /** Vectors held. */
  get size(): number {
    return this.count;
  }

  /** Reads the vectors embedded since the last look: all of this model's, the first time. */
  refresh(vault: Vault): Promise<void> {
    this.reading ??= this.readNew(vault).finally(() => (this.reading = null));
    return this.reading;
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
      for (const row of page.rows) this.put(Number(row.record_id), floats(row.vector));
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
    if (!this.loaded && (await this.vectorCount(vault)) >= this.options.backgroundLoadFrom) {
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
    let kept = await this.passing(vault, this.scan(quantized, scanned), filter, { vectors: true });
    while (kept.length < wanted && scanned < this.count) {
      // Too few passed: scan as deep as the filter's pass rate says, unless that is much of the vault.
      const deeper = Math.ceil(kept.length === 0 ? scanned * 16 : (scanned * wanted * 1.5) / kept.length);
      if (deeper > this.count * SELECTIVE_SHARE) return this.nearestPassing(vault, query, quantized, depth, filter);
      scanned = Math.min(this.count, deeper);
      kept = await this.passing(vault, this.scan(quantized, scanned), filter, { vectors: false });
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
    const subset = new Int8Array(rows.length * this.dim);
    rows.forEach((row, index) => subset.set(this.matrix.subarray(row * this.dim, (row + 1) * this.dim), index * this.dim));
    const wanted = Math.min(rows.length, depth * CANDIDATES_PER_RESULT);
    const found = usearch.exactSearch(subset, quantized, this.dim, wanted, usearch.MetricKind.Cos, 1) as InstanceType<typeof usearch.Matches>;
    return this.rerank(vault, query, Array.from(found.keys, (key) => ({ id: this.ids[rows[Number(key)]!]! })), depth);
  }

  /**
   * The record ids of the `k` rows nearest the quantized query, nearest first. usearch reads a
   * typed array from the start of its buffer whatever its offset (2.25): only subarrays from 0.
   */
  private scan(quantized: Int8Array, k: number): number[] {
    const found = usearch.exactSearch(this.matrix.subarray(0, this.count * this.dim), quantized, this.dim, k, usearch.MetricKind.Cos, 1) as InstanceType<typeof usearch.Matches>;
    return Array.from(found.keys, (key) => this.ids[Number(key)]!);
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

  private put(id: number, vector: Float32Array): void {
    if (this.dim === 0) this.dim = vector.length;
    let row = this.rowOf.get(id);
    if (row === undefined) {
      row = this.count++;
      if (this.count > this.ids.length) this.grow(Math.max(1024, this.reserved, this.ids.length * 2));
      this.ids[row] = id;
      this.rowOf.set(id, row);
    }
    quantize(vector, this.matrix.subarray(row * this.dim, (row + 1) * this.dim));
  }

  private grow(rows: number): void {
    const matrix = new Int8Array(rows * this.dim);
    matrix.set(this.matrix);
    const ids = new Uint32Array(rows);
    ids.set(this.ids);
    this.matrix = matrix;
    this.ids = ids;
  }
}

const indexes = new WeakMap<Vault, VectorIndex>();

/**
 * The vault's in-memory index of `model`'s vectors, loaded on first use and kept for the life of
 * the process (a server's); asking for another model replaces it, as a model change replaces the
 * vectors.
 */
export function vectorIndexFor(vault: Vault, model: string): VectorIndex {
  let index = indexes.get(vault);
  if (index?.model !== model) {
    index = new VectorIndex(model);
    indexes.set(vault, index);
  }
  return index;
}
