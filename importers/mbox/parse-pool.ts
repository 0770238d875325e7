import type { Worker } from "node:worker_threads";
import { startWorker } from "../../src/worker-thread.js";
import type { ReadItem } from "../types.js";

export type ToWorker =
  | { type: "start"; id: number; fromLine: string; at: string }
  | { type: "data"; id: number; bytes: ArrayBuffer }
  | { type: "end"; id: number; next: number };

type FromWorker = { type: "ack"; bytes: number } | { type: "done"; id: number; items: ReadItem[] } | { type: "failed"; message: string };

/** Bytes sent to the threads and not yet parsed: what bounds memory while they catch up. */
const MAX_BYTES_IN_FLIGHT = 16 * 1024 * 1024;
/** Parsed messages waiting for an earlier one, so that records still come out in file order. */
const MAX_MESSAGES_IN_FLIGHT = 128;

/**
 * Parsing threads for one mbox: mailparser's work is most of an mbox import, and the main thread
 * is busy tagging and storing, so messages are parsed beside it, each on one thread, in turn.
 * Results come back out of order and are handed on in file order, which keeps resume tokens right.
 */
export class ParsePool {
  private readonly workers: Worker[];
  private readonly workerOf = new Map<number, Worker>();
  private readonly done = new Map<number, ReadItem[]>();
  private nextToHand = 0;
  private nextId = 0;
  private bytesInFlight = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => startWorker(import.meta.url, "parse-worker"));
    for (const worker of this.workers) {
      worker.on("message", (message: FromWorker) => this.receive(message));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => code !== 0 && this.fail(new Error(`a parsing thread stopped (exit code ${code})`)));
    }
  }

  /** Starts the next message on the next thread; returns its id. */
  start(fromLine: string, at: string): number {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    this.workerOf.set(id, worker);
    this.send(worker, { type: "start", id, fromLine, at });
    return id;
  }

  /** Sends bytes of a message, waiting first while too much is still unparsed. */
  async write(id: number, bytes: Buffer): Promise<void> {
    while (this.bytesInFlight > MAX_BYTES_IN_FLIGHT) await this.progress();
    // A copy the exact size of the bytes, handed over rather than cloned: a view would clone the
    // whole buffer it was cut from.
    const copy = new Uint8Array(bytes).buffer;
    this.bytesInFlight += copy.byteLength;
    this.workerOf.get(id)!.postMessage({ type: "data", id, bytes: copy } satisfies ToWorker, [copy]);
  }

  end(id: number, next: number): void {
    this.send(this.workerOf.get(id)!, { type: "end", id, next });
    this.workerOf.delete(id);
  }

  /** The items of every message parsed so far in file order, waiting while too many are out. */
  async *ready(): AsyncGenerator<ReadItem> {
    while (this.nextId - this.nextToHand > MAX_MESSAGES_IN_FLIGHT) {
      yield* this.handOver();
      if (this.nextId - this.nextToHand > MAX_MESSAGES_IN_FLIGHT) await this.progress();
    }
    yield* this.handOver();
  }

  /** Every remaining message's items, in file order. */
  async *rest(): AsyncGenerator<ReadItem> {
    while (this.nextToHand < this.nextId) {
      yield* this.handOver();
      if (this.nextToHand < this.nextId) await this.progress();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private *handOver(): Generator<ReadItem> {
    if (this.failure) throw this.failure;
    for (let items = this.done.get(this.nextToHand); items; items = this.done.get(this.nextToHand)) {
      this.done.delete(this.nextToHand++);
      yield* items;
    }
  }

  private send(worker: Worker, message: ToWorker): void {
    worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === "ack") this.bytesInFlight -= message.bytes;
    else if (message.type === "done") this.done.set(message.id, message.items);
    else this.failure ??= new Error(`a parsing thread failed: ${message.message}`);
    this.notify();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = null;
  }

  private progress(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => (this.wake = resolve));
  }
}
