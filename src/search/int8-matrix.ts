import { createRequire } from "node:module";

/**
 * usearch's CommonJS build. Its ES module finds its native part from a stack trace, and in a
 * thread started through tsx's loader (the tests) that import never settles.
 */
const usearch = createRequire(import.meta.url)("usearch") as typeof import("usearch");

/** The rows nearest a query, nearest first, with their distances (smaller is nearer). */
export interface Nearest {
  rows: Uint32Array;
  distances: Float32Array;
}

/** Rows of int8 vectors that answer nearest-row queries: in this thread, or in another. */
export interface Int8Rows {
  /** Writes `vectors` (one after the other) into `rows`, growing as needed. */
  put(rows: Uint32Array, vectors: Int8Array): void;
  /** The `k` rows nearest `query`, or nearest among `among` only. */
  nearest(query: Int8Array, k: number, among?: Uint32Array): Promise<Nearest>;
  close(): void;
}

/**
 * int8 vectors in one growing matrix, scanned exactly in usearch's SIMD kernels. The vectors are
 * unit length before quantizing, so inner product ranks as cosine does, at less work per row; the
 * caller puts the best candidates in exact order by their float32 vectors.
 */
export class Int8Matrix implements Int8Rows {
  private matrix: Int8Array;
  private count = 0;

  constructor(
    private readonly dim: number,
    reserve = 1024,
  ) {
    this.matrix = new Int8Array(Math.max(1, reserve) * dim);
  }

  put(rows: Uint32Array, vectors: Int8Array): void {
    const highest = rows.reduce((max, row) => Math.max(max, row), -1);
    if (highest >= this.count) this.count = highest + 1;
    if (this.count * this.dim > this.matrix.length) this.grow(Math.max(this.count, (this.matrix.length / this.dim) * 2));
    rows.forEach((row, index) => this.matrix.set(vectors.subarray(index * this.dim, (index + 1) * this.dim), row * this.dim));
  }

  async nearest(query: Int8Array, k: number, among?: Uint32Array): Promise<Nearest> {
    return this.nearestNow(query, k, among);
  }

  /**
   * As `nearest`, in this thread. usearch reads a typed array from the start of its buffer
   * whatever its offset (2.25): only subarrays from 0 are handed to it.
   */
  nearestNow(query: Int8Array, k: number, among?: Uint32Array): Nearest {
    const rows = among ? this.vectorsOf(among) : this.matrix.subarray(0, this.count * this.dim);
    const wanted = Math.min(k, rows.length / this.dim);
    if (wanted === 0) return { rows: new Uint32Array(0), distances: new Float32Array(0) };
    const found = usearch.exactSearch(rows, query, this.dim, wanted, usearch.MetricKind.IP, 1) as InstanceType<typeof usearch.Matches>;
    const offsets = Uint32Array.from(found.keys, Number);
    return { rows: among ? offsets.map((offset) => among[offset]!) : offsets, distances: found.distances };
  }

  close(): void {
    this.matrix = new Int8Array(0);
    this.count = 0;
  }

  /** The vectors of `rows`, one after the other, in an array of their own. */
  vectorsOf(rows: Uint32Array): Int8Array {
    const gathered = new Int8Array(rows.length * this.dim);
    rows.forEach((row, index) => gathered.set(this.matrix.subarray(row * this.dim, (row + 1) * this.dim), index * this.dim));
    return gathered;
  }

  private grow(rows: number): void {
    const matrix = new Int8Array(rows * this.dim);
    matrix.set(this.matrix.subarray(0, Math.min(this.matrix.length, matrix.length)));
    this.matrix = matrix;
  }
}
