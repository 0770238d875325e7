import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { basename, join, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Vault } from "../db/open.js";
import { errorMessage } from "../error-message.js";
import { importInputs, type ImportReport } from "../import/run.js";
import { BackgroundIndexer } from "../search/background.js";
import { ensureTagsCurrent } from "../sensitivity/retag.js";

export interface UploadLimits {
  /** Bytes per file. */
  maxFileBytes: number;
  /** Files being uploaded or waiting for their import. */
  maxQueuedFiles: number;
}

export const DEFAULT_LIMITS: UploadLimits = { maxFileBytes: 20 * 1024 ** 3, maxQueuedFiles: 50 };

export interface ProgressEvent {
  files: number;
  records: number;
  bytes: number;
  /** Bytes read per second so far. */
  rate: number;
}

export type ImportEvent =
  | { type: "queued" }
  | { type: "progress"; data: ProgressEvent }
  | { type: "report"; data: ImportReport }
  | { type: "failed"; data: { message: string } };

/** A request the user can fix: too big, too many. Carries the HTTP status to answer with. */
export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
  }
}

interface ImportJob {
  id: string;
  /** The uploaded file's name. */
  name: string;
  dir: string;
  /** Every event so far, so a page that (re)connects late sees the whole story. */
  events: ImportEvent[];
}

/**
 * Uploaded files waiting for import, imported one at a time in the background: an import goes on
 * whether or not a browser is still watching, and its events are kept for whoever asks.
 */
export class ImportQueue {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly emitter = new EventEmitter();
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  /** Embeds what each import brought, for meaning search; started now to finish an interrupted run. */
  readonly indexer: BackgroundIndexer;

  constructor(
    private readonly vault: Vault,
    private readonly uploadDir: string,
    private readonly limits: UploadLimits = DEFAULT_LIMITS,
  ) {
    this.emitter.setMaxListeners(0);
    this.indexer = new BackgroundIndexer(vault);
    this.indexer.start();
  }

  /**
   * Streams one uploaded file to a private file on disk (never whole in memory) and queues its
   * import; returns the import's id. A file over the size limit is cut off and removed.
   */
  async add(name: string, body: WebReadableStream<Uint8Array> | null, declaredBytes: number | null): Promise<string> {
    const { maxFileBytes, maxQueuedFiles } = this.limits;
    if (this.waiting >= maxQueuedFiles) {
      throw new UploadRefused(`too many files waiting: at most ${maxQueuedFiles} files can wait for import at once; try again when some are done`, 413);
    }
    const tooBig = new UploadRefused(`"${name}" is too large: files of at most ${formatBytes(maxFileBytes)} can be uploaded`, 413);
    if (declaredBytes !== null && declaredBytes > maxFileBytes) throw tooBig;
    if (body === null) throw new UploadRefused("the request holds no file", 400);

    const id = randomUUID();
    const dir = join(this.uploadDir, id);
    // Counted from now, so uploads arriving together cannot all slip under the limit.
    this.waiting++;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      let received = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          done(received > maxFileBytes ? tooBig : null, chunk);
        },
      });
      await pipeline(Readable.fromWeb(body), limit, createWriteStream(join(dir, name), { mode: 0o600, flags: "wx" }));
    } catch (error) {
      this.waiting--;
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const job: ImportJob = { id, name, dir, events: [{ type: "queued" }] };
    this.jobs.set(id, job);
    this.tail = this.tail.then(() => this.run(job));
    return id;
  }

  /** This server's imports, oldest first, each with its latest event: queued, progress or the end. */
  list(): { id: string; name: string; latest: ImportEvent }[] {
    return [...this.jobs.values()].map((job) => ({ id: job.id, name: job.name, latest: job.events.at(-1)! }));
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  /** Calls back with the events of an import so far, then with each later one as it happens. */
  watch(id: string, onEvent: (event: ImportEvent) => void): { stop: () => void } {
    for (const event of this.jobs.get(id)?.events ?? []) onEvent(event);
    this.emitter.on(id, onEvent);
    return { stop: () => this.emitter.off(id, onEvent) };
  }

  /** Resolves once every queued import has finished. */
  idle(): Promise<void> {
    return this.tail;
  }

  private emit(job: ImportJob, event: ImportEvent): void {
    job.events = event.type === "progress" ? [...job.events.filter((e) => e.type !== "progress"), event] : [...job.events, event];
    this.emitter.emit(job.id, event);
  }

  private async run(job: ImportJob): Promise<void> {
    let outcome: ImportEvent;
    try {
      // As the CLI does: tags from an older tagger are brought up to date before new records join them.
      await ensureTagsCurrent(this.vault);
      const report = await importInputs(this.vault, [job.dir], {
        onProgress: (progress) => {
          const seconds = progress.elapsedMs / 1000;
          const rate = seconds > 0 ? Math.round(progress.bytes / seconds) : 0;
          this.emit(job, { type: "progress", data: { files: progress.files, records: progress.records, bytes: progress.bytes, rate } });
        },
      });
      // Paths inside the private upload folder mean nothing to the user: show them from the file's name on.
      for (const file of report.files) file.path = file.path.startsWith(job.dir + sep) ? file.path.slice(job.dir.length + 1) : file.path;
      outcome = { type: "report", data: report };
    } catch (error) {
      outcome = { type: "failed", data: { message: errorMessage(error) } };
    }
    // The upload is gone before anyone hears the import is over.
    await rm(job.dir, { recursive: true, force: true });
    this.waiting--;
    this.emit(job, outcome);
    if (outcome.type === "report") this.indexer.start();
  }
}

/**
 * A private folder for this server's uploads under `root`, named after its process. Folders left
 * by servers that are gone (killed before they could clean up) are removed first: uploads are
 * copies of vault content.
 */
export async function newUploadFolder(root: string): Promise<string> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  for (const name of await readdir(root)) {
    const owner = /^serve-(\d+)-/.exec(name)?.[1];
    if (name.startsWith("serve-") && (owner === undefined || !isRunning(Number(owner)))) await rm(join(root, name), { recursive: true, force: true });
  }
  return mkdtemp(join(root, `serve-${process.pid}-`));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A file name safe to create inside the upload folder: no folders, no control characters. */
export function safeFileName(name: string | undefined): string {
  const cleaned = basename((name ?? "").replace(/\\/g, "/"))
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .slice(-200);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "upload" : cleaned;
}

function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
