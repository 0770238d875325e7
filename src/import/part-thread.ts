import type { Worker } from "node:worker_threads";
import { startWorker } from "../worker-thread.js";
import { takeCores } from "./cores.js";
import { HEAP_LIMITS } from "./file-thread.js";
import type { ImportLimits } from "./limits.js";
import type { FilePart } from "./parts.js";
import type { PreparedBatch } from "./store.js";

/** What the thread needs to know of the file whose parts it reads. */
export interface PartJob {
  importer: string;
  file: { path: string; name: string };
  batchSize: number;
  limits: ImportLimits;
}

/** A part: its bytes are the first `length` of `memory`. */
export type ToPartThread = { type: "part"; id: number; offset: number; memory: ArrayBuffer; length: number };

/** A batch of a part, prepared. */
export interface PreparedPartBatch {
  records: number;
  prepared: PreparedBatch;
  errors: string[];
  failure?: string;
}

/** A part's batches, then `done` once it is read through. */
export type FromPartThread = { type: "batch"; id: number; batch: PreparedPartBatch } | { type: "done"; id: number } | { type: "failed"; message: string };

/** Parts sent and not yet read back, at most: each holds a few MB. */
const MAX_PARTS_IN_FLIGHT = 3;


/**
 * A thread that reads parts of a split file and prepares their batches (parsing, tagging, rows):
 * most of an import's work, all but the writing, which the thread that reads the file does. It
 * takes a core while it lives.
 */
export class PartThread {
  private readonly worker: Worker;
  private readonly release = takeCores(1);
  /** Each part's batches come back, and null once it is read through, by part. */
  private readonly batches = new Map<number, (PreparedPartBatch | null)[]>();
  private readonly waiting = new Map<number, () => void>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(job: PartJob) {
    this.worker = startWorker(import.meta.url, "part-thread-worker", { workerData: job, resourceLimits: HEAP_LIMITS });
    this.worker.on("message", (message: FromPartThread) => {
      if (message.type === "failed") return this.fail(new Error(message.message));
      this.batches.get(message.id)?.push(message.type === "batch" ? message.batch : null);
      this.waiting.get(message.id)?.();
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`a thread reading parts stopped (exit code ${code})`)));
  }

  /** Whether it takes another part now. */
  get free(): boolean {
    return this.batches.size < MAX_PARTS_IN_FLIGHT && this.failure === null;
  }

  /** Sends a part to the thread; its batches come back in order as they are ready. */
  async *read(part: FilePart): AsyncGenerator<PreparedPartBatch> {
    const id = this.nextId++;
    const queue: (PreparedPartBatch | null)[] = [];
    this.batches.set(id, queue);
    // Handed over rather than copied (see FilePart): no longer readable here.
    const memory = part.bytes.buffer as ArrayBuffer;
    this.worker.postMessage({ type: "part", id, offset: part.offset, memory, length: part.bytes.length } satisfies ToPartThread, [memory]);
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        const batch = queue.shift();
        if (batch === null) return;
        if (batch === undefined) await new Promise<void>((resolve) => this.waiting.set(id, resolve));
        else yield batch;
      }
    } finally {
      this.batches.delete(id);
      this.waiting.delete(id);
    }
  }

  close(): void {
    this.failure ??= new Error("closed");
    this.release();
    void this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const wake of this.waiting.values()) wake();
  }
}
