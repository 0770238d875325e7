import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { and, desc, eq } from "drizzle-orm";
import { importers as allImporters } from "../../importers/index.js";
import type { FileInput, Importer } from "../../importers/types.js";
import type { Vault } from "../db/open.js";
import { imports } from "../db/schema.js";
import { readBatches } from "./batches.js";
import { spareCores, takeCores } from "./cores.js";
import { chooseImporter } from "./detect.js";
import { importFileInThread } from "./file-thread.js";
import { importLimits, type ImportLimits } from "./limits.js";
import { PartThread } from "./part-thread.js";
import { cutParts, partInput, partsCheckpoint, PartsStored, type FilePart } from "./parts.js";
import { storeBatch, storePrepared, storeState, type ImportState } from "./store.js";
import { TwoLanes } from "./two-lanes.js";
import { WriteTurn } from "./write-turn.js";
import { walkInputs, type FoundFile } from "./walk.js";

/** What happened to one file, as the import report shows it. */
export interface FileReport {
  path: string;
  importer: string | null;
  /** Records read from the file. */
  records: number;
  /** Records that were new to the vault. */
  records_added: number;
  errors: string[];
}

export interface ImportReport {
  records_added: number;
  records_seen: number;
  files: FileReport[];
}

export interface ImportProgress {
  files: number;
  records: number;
  bytes: number;
  elapsedMs: number;
  current: string | null;
}

export interface ImportOptions {
  importers?: readonly Importer[];
  onProgress?: (progress: ImportProgress) => void;
  /** Records per transaction. */
  batchSize?: number;
  /** Limits other than the defaults and `OWNBASE_LIMIT_*` (see limits.ts). */
  limits?: Partial<ImportLimits>;
  /**
   * Files of this many bytes or more may be imported on a second thread (see file-thread.ts), or,
   * split, read in part on one (see part-thread.ts).
   */
  threadFrom?: number;
  /** Bytes per part of a file its importer splits (see Importer.split). */
  partBytes?: number;
}

/** A file's stored errors stop here; the count of the rest is kept. */
const MAX_ERRORS_PER_FILE = 100;
const PROGRESS_INTERVAL_MS = 250;
/** Files that take seconds to import: a thread costs a fraction of one to start. */
const THREAD_FROM = 32 * 1024 * 1024;
/**
 * A few batches: small enough that two threads share the end of a file evenly, large enough that
 * handing parts over costs little.
 */
const PART_BYTES = 4 * 1024 * 1024;

/**
 * Imports every file in the given inputs (files, folders, zips) into the vault and reports on
 * each. One bad file never stops the others; an interrupted file resumes from its checkpoint.
 */
export async function importInputs(vault: Vault, inputs: string[], options: ImportOptions = {}): Promise<ImportReport> {
  const importers = options.importers ?? allImporters;
  const report: ImportReport = { records_added: 0, records_seen: 0, files: [] };
  const started = Date.now();
  const progress: ImportProgress = { files: 0, records: 0, bytes: 0, elapsedMs: 0, current: null };
  let lastProgress = 0;
  const tick = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastProgress < PROGRESS_INTERVAL_MS)) return;
    lastProgress = now;
    options.onProgress({ ...progress, elapsedMs: now - started });
  };

  const limits = importLimits(options.limits);
  const threadFrom = options.threadFrom ?? THREAD_FROM;
  const run: FileRun = { importers, batchSize: options.batchSize ?? 1000, limits, turn: new WriteTurn(), threadFrom, partBytes: options.partBytes ?? PART_BYTES };
  // Files are imported while the walk goes on, on this thread and, for large ones, a second
  // when a core is spare (not one taken by an mbox's parsing threads, say).
  const lanes = new TwoLanes(() => spareCores() > 0);
  for await (const item of walkInputs(inputs, limits)) {
    progress.files++;
    if (item.type === "problem") {
      await recordUnreadFile(vault, item.source, item.path, null, item.message);
      report.files.push(unreadFile(item.path, item.message));
      continue;
    }
    const begin = () => {
      progress.current = item.file.path;
      tick(true);
    };
    const onRead = (records: number, bytes: number) => {
      progress.records += records;
      progress.bytes += bytes;
      tick();
    };
    // Importers report what they cannot read; anything else they throw (a detector's bug, say)
    // still stops only this file.
    const failed = (error: Error) => unreadFile(item.file.path, `could not be imported: ${error.message}`);
    // The file's place in the report: files are reported in the order they were found, whichever finishes first.
    const slot = report.files.push(unreadFile(item.file.path)) - 1;
    const { where } = item;
    // Custom importers (tests, benches) cannot be handed to a thread; the default ones are there.
    // A file alone stays on this thread, whose lane takes the files in the order found.
    const threadable = where && !options.importers && (item.file.size ?? 0) >= threadFrom && chooseImporter(item.file, importers).importer;
    const settled = (importing: Promise<FileReport>) =>
      importing.catch(failed).then((fileReport) => {
        report.files[slot] = fileReport;
        report.records_seen += fileReport.records;
        report.records_added += fileReport.records_added;
      });
    const done = lanes.add({
      here: () => {
        begin();
        const release = takeCores(1);
        return settled(importFile(vault, item, run, onRead).finally(release));
      },
      onThread: threadable
        ? () => {
            begin();
            return settled(importFileInThread(vault, { ...item, where }, run, onRead));
          }
        : undefined,
    });
    // A temporary copy (out of a tar or a nested zip) goes once the walk moves on: it is read first.
    if (!where) await done;
    await lanes.roomToWait();
  }
  await lanes.idle();
  progress.current = null;
  tick(true);
  return report;
}

/** The report of a file no importer read (yet), with why. */
function unreadFile(path: string, ...errors: string[]): FileReport {
  return { path, importer: null, records: 0, records_added: 0, errors };
}

/** How the files of one import are read and stored, on whichever thread. */
export interface FileRun {
  importers: readonly Importer[];
  /** Records per transaction. */
  batchSize: number;
  limits: ImportLimits;
  /** Shared by the threads of the import: one writes at a time. */
  turn: WriteTurn;
  /** Files of this many bytes or more may be read in part on a second thread. */
  threadFrom: number;
  /** Bytes per part of a split file. */
  partBytes: number;
}

/** Imports one file and reports on it; an interrupted import of it goes on from its checkpoint. */
export async function importFile(vault: Vault, found: FoundFile, run: FileRun, onRead: (records: number, bytes: number) => void): Promise<FileReport> {
  const { source, file } = found;
  const detection = chooseImporter(file, run.importers);
  if (!detection.importer) {
    await recordUnreadFile(vault, source, file.path, file, detection.reason);
    return unreadFile(file.path, detection.reason);
  }
  const importer = detection.importer;
  const state = await startOrResume(vault, source, file, importer, fingerprintOf(file));
  const report: FileReport = { path: file.path, importer: importer.id, records: 0, records_added: 0, errors: [] };
  const hashing = hashWhileReading(file.open, (bytes) => onRead(0, bytes));

  let droppedErrors = 0;
  const reading: FileReading = {
    vault,
    importer,
    run,
    state,
    open: hashing.open,
    addError(message) {
      if (state.errors.length < MAX_ERRORS_PER_FILE) state.errors.push(message);
      else droppedErrors++;
      if (report.errors.length < MAX_ERRORS_PER_FILE) report.errors.push(message);
    },
    onRead(records) {
      report.records += records;
      onRead(records, 0);
    },
  };
  const addedBefore = state.recordsAdded;
  const boundary = importer.split?.(file);
  const failure = boundary ? await readInParts(reading, file, boundary) : await readWhole(reading, file);
  report.records_added = state.recordsAdded - addedBefore;
  if (failure !== null) reading.addError(failure);
  if (droppedErrors > 0) {
    const more = `... and ${droppedErrors} more errors`;
    state.errors.push(more);
    report.errors.push(more);
  }
  await vault.db
    .update(imports)
    .set({
      status: failure === null ? "done" : "failed",
      finishedAt: new Date(),
      sha256: hashing.digest() ?? (await sha256Of(file.open())),
      recordsSeen: state.recordsSeen,
      recordsAdded: state.recordsAdded,
      errors: state.errors,
    })
    .where(eq(imports.id, state.importId));
  return report;
}

/** One file's import as it reads: where it stores, and what it reports. */
interface FileReading {
  vault: Vault;
  importer: Importer;
  run: FileRun;
  state: ImportState;
  /** The file's bytes from `start`, counted and hashed as they are read. */
  open: FileInput["open"];
  addError(message: string): void;
  onRead(records: number): void;
}

/** Reads a file through, or on from the importer's own checkpoint; returns why it stopped early, if it did. */
async function readWhole(reading: FileReading, file: FoundFile["file"]): Promise<string | null> {
  const { vault, importer, run, state } = reading;
  const input: FileInput = { ...file, open: reading.open, resume: state.checkpoint, limits: run.limits };
  const writing = new Writing();
  for await (const batch of readBatches(importer, input, run.batchSize)) {
    // The state is the one the batch being written stores, until its transaction ends.
    const failed = await writing.done();
    if (failed !== null) return failed;
    state.recordsSeen += batch.drafts.length;
    reading.onRead(batch.drafts.length);
    batch.errors.forEach(reading.addError);
    const resume = batch.drafts.at(-1)?.resume;
    if (resume !== undefined) state.checkpoint = resume;
    if (batch.drafts.length > 0) {
      writing.start(() => storeBatch(vault, importer, batch.drafts, state, run.turn));
      // A local vault's statements run on this thread: let a server answer its requests between batches.
      await nextTurn();
    }
    if (batch.failure !== undefined) return (await writing.done()) ?? batch.failure;
  }
  return writing.done();
}

/**
 * The one batch being written while the next is read: a thread waiting for its turn to write
 * (another thread writing) reads on meanwhile.
 */
class Writing {
  private written: Promise<Error | null> = Promise.resolve(null);

  start(write: () => Promise<unknown>): void {
    this.written = write().then(
      () => null,
      (error: Error) => error,
    );
  }

  /** Once the batch is written: why it could not be, or null. */
  async done(): Promise<string | null> {
    const error = await this.written;
    return error && `could not store records: ${error.message}`;
  }
}

/**
 * Reads a file its importer splits, part after part (see cutParts): on this thread, and, while a
 * core is spare, on a second that prepares parts for this one to write. A part's records and
 * errors count once it is stored whole, so that a resumed import reads again only the parts not
 * stored, and counts nothing twice. Returns why it stopped early, if it did.
 */
async function readInParts(reading: FileReading, file: FoundFile["file"], boundary: Buffer): Promise<string | null> {
  const { vault, importer, run, state } = reading;
  const stored = new PartsStored(partsCheckpoint(state.checkpoint));
  const from = stored.checkpoint.offset;
  const mayUseThread = allImporters.includes(importer) && (file.size ?? 0) >= run.threadFrom;
  let thread: PartThread | null = null;
  let failure: string | null = null;
  const onThread = new Set<Promise<void>>();

  const readPart = async (part: FilePart, batches: AsyncIterable<PartBatch>) => {
    // Known before a thread takes the bytes.
    const [offset, length] = [part.offset, part.bytes.length];
    let records = 0;
    const errors: string[] = [];
    const writing = new Writing();
    try {
      let problem: string | null = null;
      for await (const batch of batches) {
        records += batch.records;
        reading.onRead(batch.records);
        errors.push(...batch.errors);
        problem = await writing.done();
        if (problem !== null) break;
        if (batch.records > 0) writing.start(batch.store);
        if (batch.failure !== undefined) {
          problem = batch.failure;
          break;
        }
      }
      problem = (await writing.done()) ?? problem;
      if (problem !== null) {
        failure ??= problem;
        return;
      }
      state.recordsSeen += records;
      errors.forEach(reading.addError);
      stored.add(offset, length);
      state.checkpoint = stored.checkpoint;
      await storeState(vault, state, run.turn);
    } catch (error) {
      await writing.done();
      failure ??= `could not import the part from byte ${offset}: ${(error as Error).message}`;
    }
  };
  const batchesHere = async function* (part: FilePart): AsyncGenerator<PartBatch> {
    for await (const batch of readBatches(importer, partInput(file, part, run.limits), run.batchSize)) {
      yield { records: batch.drafts.length, errors: batch.errors, failure: batch.failure, store: () => storeBatch(vault, importer, batch.drafts, state, run.turn) };
      await nextTurn();
    }
  };
  const batchesOnThread = async function* (thread: PartThread, part: FilePart): AsyncGenerator<PartBatch> {
    for await (const batch of thread.read(part)) yield { ...batch, store: () => storePrepared(vault, batch.prepared, state, run.turn) };
  };

  try {
    for await (const part of cutParts(reading.open(from), boundary, run.partBytes, { offset: from })) {
      if (failure !== null) break;
      if (stored.has(part.offset)) {
        stored.add(part.offset, part.bytes.length);
        continue;
      }
      if (!thread && mayUseThread && spareCores() > 0) {
        thread = new PartThread({ importer: importer.id, file: { path: file.path, name: file.name }, batchSize: run.batchSize, limits: run.limits });
      }
      if (thread?.free) {
        const onItsWay = readPart(part, batchesOnThread(thread, part)).finally(() => onThread.delete(onItsWay));
        onThread.add(onItsWay);
      } else await readPart(part, batchesHere(part));
    }
  } catch (error) {
    failure ??= (error as Error).message;
  } finally {
    await Promise.all(onThread);
    thread?.close();
  }
  return failure;
}

/** A batch of a part, read here or prepared on a thread, and how to store it. */
interface PartBatch {
  records: number;
  errors: string[];
  failure?: string;
  store(): Promise<number>;
}

/** The import row for this file: an interrupted one to go on with, or a new one. */
async function startOrResume(
  vault: Vault,
  source: string,
  file: FoundFile["file"],
  importer: Importer,
  fingerprint: string,
): Promise<ImportState> {
  const [interrupted] = await vault.db
    .select()
    .from(imports)
    .where(and(eq(imports.fingerprint, fingerprint), eq(imports.importer, importer.id), eq(imports.status, "running")))
    .orderBy(desc(imports.id))
    .limit(1);
  if (interrupted) {
    return {
      importId: interrupted.id,
      recordsSeen: interrupted.recordsSeen,
      recordsAdded: interrupted.recordsAdded,
      errors: interrupted.errors,
      checkpoint: interrupted.checkpoint ?? null,
    };
  }
  const [row] = await vault.db
    .insert(imports)
    .values({ source, path: file.path, fingerprint, size: file.size, importer: importer.id, status: "running", startedAt: new Date() })
    .returning({ id: imports.id });
  return { importId: row!.id, recordsSeen: 0, recordsAdded: 0, errors: [], checkpoint: null };
}

/** Files that were not read still get an import row, so the import history shows them. */
async function recordUnreadFile(vault: Vault, source: string, path: string, file: FoundFile["file"] | null, reason: string) {
  const now = new Date();
  await vault.db.insert(imports).values({
    source,
    path,
    fingerprint: file ? fingerprintOf(file) : "",
    size: file?.size ?? null,
    status: file ? "unrecognised" : "failed",
    startedAt: now,
    finishedAt: now,
    errors: [reason],
  });
}

/** Identifies a file cheaply before it is read: its first bytes and its size. */
function fingerprintOf(file: FoundFile["file"]): string {
  return `${createHash("sha256").update(file.head).digest("hex")}:${file.size ?? "?"}`;
}

/**
 * Wraps a file's `open` so that reading reports progress (how far into the file any pass has
 * got, so an importer reading twice does not count twice) and hashes any pass over the whole
 * file: an importer's own reading gives the file's sha256 for free.
 */
function hashWhileReading(open: FileInput["open"], onAdvance: (bytes: number) => void) {
  let sha256: string | null = null;
  let furthest = 0;
  return {
    open(start = 0): Readable {
      const hash = start === 0 ? createHash("sha256") : null;
      let position = start;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash?.update(chunk);
          position += chunk.length;
          if (position > furthest) {
            onAdvance(position - furthest);
            furthest = position;
          }
          done(null, chunk);
        },
        flush(done) {
          if (hash) sha256 = hash.digest("hex");
          done();
        },
      });
      const stream = open(start);
      stream.on("error", (error) => tap.destroy(error));
      return stream.pipe(tap);
    },
    digest: () => sha256,
  };
}

async function sha256Of(stream: Readable): Promise<string | null> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch {
    return null; // the read errors are already in the report
  }
}
