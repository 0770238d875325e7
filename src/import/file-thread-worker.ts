import { parentPort, workerData } from "node:worker_threads";
import { importers } from "../../importers/index.js";
import { openVault } from "../db/open.js";
import { shareCores } from "./cores.js";
import type { FileJob, FromFileThread } from "./file-thread.js";
import { importFile } from "./run.js";
import { reopenFile } from "./walk.js";
import { WriteTurn } from "./write-turn.js";

/** The thread of `importFileInThread`: one file, then the thread ends. */
const job = workerData as FileJob;
shareCores(job.cores);
/** Progress goes to the main thread at most this often; it shows progress every 250 ms. */
const PROGRESS_INTERVAL_MS = 100;

const post = (message: FromFileThread) => parentPort!.postMessage(message);
const read = { records: 0, bytes: 0, at: 0 };
const sendRead = () => {
  if (read.records > 0 || read.bytes > 0) post({ type: "read", records: read.records, bytes: read.bytes });
  Object.assign(read, { records: 0, bytes: 0, at: Date.now() });
};

try {
  const vault = await openVault(job.vault.url, { encryptionKey: job.vault.encryptionKey });
  try {
    const file = await reopenFile(job.where, job.path, job.limits);
    const { batchSize, limits, threadFrom, partBytes } = job;
    const run = { importers, batchSize, limits, threadFrom, partBytes, turn: new WriteTurn(job.turn) };
    const report = await importFile(vault, { source: job.source, file }, run, (records, bytes) => {
      read.records += records;
      read.bytes += bytes;
      if (Date.now() - read.at >= PROGRESS_INTERVAL_MS) sendRead();
    });
    sendRead();
    post({ type: "done", report });
  } finally {
    vault.close();
  }
} catch (error) {
  post({ type: "failed", message: (error as Error).message });
}
