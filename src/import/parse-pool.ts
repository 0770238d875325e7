import type { Readable } from "node:stream";
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { FileInput, ReadItem } from "../../importers/types.js";
import { useTaggedFields, type TaggedField } from "./store.js";

/**
 * What a thread runs: the reader exported as `reader` by the module at `module` (a file URL),
 * for the importer `importer` (by id), whose field tags the thread computes as well.
 */
export interface ThreadJob {
  module: string;
  reader: string;
  importer: string;
}

export type ToThread =
  | { type: "start"; job: ThreadJob; file: Omit<FileInput, "open"> }
  | { type: "data"; bytes: ArrayBuffer }
  | { type: "end" };

export type FromThread =
  | { type: "open"; start: number }
  | { type: "pull" }
  /** `chars`: the length of the records' fields as JSON, what their size in memory follows. */
  | { type: "items"; items: { item: ReadItem; fields?: TaggedField[] }[]; chars: number }
  | { type: "done" }
  | { type: "failed"; message: string };

/** Files smaller than this are read on the calling thread: starting a thread costs more than it saves. */
export const MIN_THREAD_BYTES = 16 * 1024 * 1024;
/** Bytes sent to the thread per request. */
const SEND_BYTES = 1024 * 1024;
/**
 * Items read ahead of the writer at most, and characters of their fields: bounds memory when
 * storing is the slower side (a run of location fixes holds a thousand times an activity's text).
 */
const MAX_ITEMS_AHEAD = 1000;
const MAX_CHARS_AHEAD = 4 * 1024 * 1024;

/**
 * Reads a file on a second thread and yields its items here, in file order, each record with its
 * fields already tagged. The calling thread only feeds bytes and stores, so reading, tagging and
 * writing overlap: a large HTML My Activity or Records.json is read beside the writer. Small
 * files (below `minBytes`) are read here, with `inline`.
 *
 * The thread pulls bytes as it reads (a megabyte at a time) and the bytes stop while it is more
 * than MAX_ITEMS_AHEAD items ahead, so memory stays bounded whichever side is slower.
 */
export async function* readOnThread(
  file: FileInput,
  job: ThreadJob,
  inline: (file: FileInput) => AsyncIterable<ReadItem>,
  minBytes = MIN_THREAD_BYTES,
): AsyncGenerator<ReadItem> {
  if (file.size === null || file.size < minBytes) {
    yield* inline(file);
    return;
  }
  const thread = new ReaderThread(file);
  try {
    thread.start(job);
    yield* thread.items();
  } finally {
    await thread.close();
  }
}

class ReaderThread {
  // The heap is capped: left alone, V8 lets a busy reader's heap grow by hundreds of megabytes
  // before collecting it. An entry or run is far smaller.
  private readonly worker = startWorker(new URL(import.meta.url.endsWith(".ts") ? "./parse-pool-worker.ts" : "./parse-pool-worker.js", import.meta.url), {
    maxOldGenerationSizeMb: 128,
  });
  private readonly queue: ReadItem[] = [];
  private queuedChars = 0;
  private source: AsyncIterator<Buffer> | null = null;
  private stream: Readable | null = null;
  private pullWaiting = false;
  private sending = false;
  private finished = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly file: FileInput) {
    this.worker.on("message", (message: FromThread) => this.receive(message));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => !this.finished && this.fail(new Error(`the reading thread stopped (exit code ${code})`)));
  }

  start(job: ThreadJob): void {
    const { open: _open, ...file } = this.file;
    this.send({ type: "start", job, file });
  }

  async *items(): AsyncGenerator<ReadItem> {
    for (;;) {
      if (this.queue.length > 0) {
        const items = this.queue.splice(0);
        this.queuedChars = 0;
        this.servePull(); // the thread reads on while these are stored
        yield* items;
        // Storing runs synchronously under its promises, so without a turn of the event loop the
        // thread's requests for bytes, and the file's reads, would wait until every item is stored.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.finished) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async close(): Promise<void> {
    this.finished = true;
    this.stream?.destroy();
    await this.worker.terminate();
  }

  private receive(message: FromThread): void {
    switch (message.type) {
      case "open":
        this.stream?.destroy();
        this.stream = this.file.open(message.start);
        this.source = this.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        break;
      case "pull":
        this.pullWaiting = true;
        this.servePull();
        break;
      case "items":
        for (const { item, fields } of message.items) {
          if (fields) useTaggedFields(item, fields);
          this.queue.push(item);
        }
        this.queuedChars += message.chars;
        break;
      case "done":
        this.finished = true;
        break;
      case "failed":
        this.failure ??= new Error(message.message);
        break;
    }
    this.notify();
  }

  /** Sends the thread its next bytes, if it asked and the writer is not too far behind. */
  private servePull(): void {
    if (!this.pullWaiting || this.sending || this.queue.length > MAX_ITEMS_AHEAD || this.queuedChars > MAX_CHARS_AHEAD || !this.source) return;
    this.pullWaiting = false;
    this.sending = true;
    void this.sendBytes().finally(() => (this.sending = false));
  }

  private async sendBytes(): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      while (size < SEND_BYTES) {
        const next = await this.source!.next();
        if (next.done) break;
        chunks.push(next.value);
        size += next.value.length;
      }
    } catch (error) {
      return this.fail(error as Error);
    }
    if (size === 0) return this.send({ type: "end" });
    // Handed over rather than cloned. A large Buffer.concat owns an ArrayBuffer of its exact size;
    // a small one is cut from a shared pool, and only its own bytes must go.
    const joined = Buffer.concat(chunks, size);
    const bytes = joined.byteOffset === 0 && joined.buffer.byteLength === size ? joined.buffer : new Uint8Array(joined).buffer;
    this.worker.postMessage({ type: "data", bytes } satisfies ToThread, [bytes]);
  }

  private send(message: ToThread): void {
    this.worker.postMessage(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = null;
  }
}

/**
 * A worker running `url`. The built project runs the thread's JavaScript; its TypeScript sources
 * (tests, tsx) need tsx's loader registered in the thread first, which a worker's `execArgv`
 * cannot do on Node 20.
 */
export function startWorker(url: URL, resourceLimits?: ResourceLimits): Worker {
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { resourceLimits });
  const tsx = import.meta.resolve("tsx/esm/api");
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { resourceLimits, eval: true });
}
