import { parentPort, workerData } from "node:worker_threads";
import { importers } from "../../importers/index.js";
import { readBatches } from "./batches.js";
import type { FromPartThread, PartJob, ToPartThread } from "./part-thread.js";
import { partInput } from "./parts.js";
import { prepareBatch } from "./store.js";

/** The thread of a PartThread: parts in, prepared batches out, one part after the other. */
const job = workerData as PartJob;
const importer = importers.find((candidate) => candidate.id === job.importer)!;
const post = (message: FromPartThread) => parentPort!.postMessage(message);

let reading = Promise.resolve();
parentPort!.on("message", ({ id, offset, memory, length }: ToPartThread) => {
  reading = reading.then(() => readPart(id, { offset, bytes: Buffer.from(memory, 0, length) })).catch((error: Error) => post({ type: "failed", message: error.message }));
});

async function readPart(id: number, part: { offset: number; bytes: Buffer }) {
  for await (const { drafts, errors, failure } of readBatches(importer, partInput(job.file, part, job.limits), job.batchSize)) {
    post({ type: "batch", id, batch: { records: drafts.length, prepared: prepareBatch(importer, drafts), errors, ...(failure === undefined ? {} : { failure }) } });
  }
  post({ type: "done", id });
}
