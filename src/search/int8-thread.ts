import type { Worker } from "node:worker_threads";
import { startWorker } from "../worker-thread.js";
import type { Int8Rows, Nearest } from "./int8-matrix.js";

export type ToInt8Thread =
  | { type: "start"; dim: number; reserve: number }
  | { type: "put"; rows: Uint32Array; vectors: Int8Array }
  | { type: "nearest"; id: number; query: Int8Array; k: number; among?: Uint32Array };

export type FromInt8Thread = { type: "nearest"; id: number; nearest: Nearest } | { type: "failed"; id: number | null; message: string };

/**
 * An `Int8Matrix` held by a thread of its own, so that several scan their share of a large index
 * at once, and the main thread stays free while they do. Messages keep their order, so a query
 * sees every vector put before it.
 */
export class Int8Thread implements Int8Rows {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (nearest: Nearest) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(dim: number, reserve: number) {
    this.worker = startWorker(import.meta.url, "int8-thread-worker");
    // An idle index must not keep a finished command's process alive: the thread counts only while asked.
    this.worker.unref();
    this.worker.on("message", (message: FromInt8Thread) => this.receive(message));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => code !== 0 && this.fail(new Error(`a vector search thread stopped (exit code ${code})`)));
    this.send({ type: "start", dim, reserve });
  }

  put(rows: Uint32Array, vectors: Int8Array): void {
    this.send({ type: "put", rows, vectors }, [rows.buffer as ArrayBuffer, vectors.buffer as ArrayBuffer]);
  }

  nearest(query: Int8Array, k: number, among?: Uint32Array): Promise<Nearest> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ type: "nearest", id, query, k, among });
    });
  }

  close(): void {
    this.fail(new Error("the vector index was closed"));
    void this.worker.terminate();
  }

  private send(message: ToInt8Thread, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private receive(message: FromInt8Thread): void {
    const failure = message.type === "failed" ? new Error(`a vector search thread failed: ${message.message}`) : null;
    if (message.id === null) return this.fail(failure!);
    const waiter = this.waiting.get(message.id);
    this.waiting.delete(message.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (message.type === "nearest") waiter?.resolve(message.nearest);
    else waiter?.reject(failure!);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(this.failure);
    this.waiting.clear();
    this.worker.unref();
  }
}
