import { startWorker } from "../worker-thread.js";
import { coresCount, takeCores } from "./cores.js";
import type { Vault } from "../db/open.js";
import type { ImportLimits } from "./limits.js";
import type { FileReport, FileRun } from "./run.js";
import type { FileLocation, FoundFile } from "./walk.js";

/** What a thread needs to import one file: all of it plain data. */
export interface FileJob {
  vault: { url: string; encryptionKey?: string };
  source: string;
  path: string;
  where: FileLocation;
  batchSize: number;
  limits: ImportLimits;
  threadFrom: number;
  partBytes: number;
  /** The import's WriteTurn. */
  turn: SharedArrayBuffer;
  /** The import's count of cores taken (see cores.ts). */
  cores: SharedArrayBuffer;
}

/**
 * An import thread's heap (this one's, and that of a thread reading parts), held in: two imports
 * left to grow took a 2 GB Takeout's import to 575 MB (bench/takeout-import.ts); held to this, it
 * stays near 450 MB, and a larger heap (256 MB, young 48 MB) was no faster.
 */
export const HEAP_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };

export type FromFileThread = { type: "read"; records: number; bytes: number } | { type: "done"; report: FileReport } | { type: "failed"; message: string };

/**
 * Imports one large file on a thread of its own, with its own connection to the vault, so that
 * two large files are parsed, tagged and stored at once (their write transactions take turns).
 * The file is opened again there from where the walk found it.
 */
export function importFileInThread(
  vault: Vault,
  found: FoundFile & { where: FileLocation },
  { batchSize, limits, turn, threadFrom, partBytes }: FileRun,
  onRead: (records: number, bytes: number) => void,
): Promise<FileReport> {
  const job: FileJob = {
    vault: { url: vault.url, encryptionKey: vault.encryptionKey },
    source: found.source,
    path: found.file.path,
    where: found.where,
    batchSize,
    limits,
    threadFrom,
    partBytes,
    turn: turn.shared,
    cores: coresCount(),
  };
  const release = takeCores(1);
  return new Promise<FileReport>((resolve, reject) => {
    const worker = startWorker(import.meta.url, "file-thread-worker", { workerData: job, resourceLimits: HEAP_LIMITS });
    worker.on("message", (message: FromFileThread) => {
      if (message.type === "read") onRead(message.records, message.bytes);
      else if (message.type === "done") resolve(message.report);
      else reject(new Error(message.message));
    });
    worker.on("error", reject);
    // After an answer, this changes nothing.
    worker.on("exit", (code) => reject(new Error(`its import thread stopped (exit code ${code})`)));
  }).finally(release);
}
