import { parentPort } from "node:worker_threads";
import { MessageJob } from "./message.js";
import type { ToWorker } from "./parse-pool.js";

/**
 * A parsing thread of the pool in parse-pool.ts: messages arrive as start, data and end, and go
 * back as the items they make. Work is done in arrival order, one step at a time.
 */
const jobs = new Map<number, MessageJob>();
let queue = Promise.resolve();

parentPort!.on("message", (message: ToWorker) => {
  queue = queue.then(() => handle(message)).catch((error: Error) => parentPort!.postMessage({ type: "failed", message: error.message }));
});

async function handle(message: ToWorker): Promise<void> {
  if (message.type === "start") {
    jobs.set(message.id, new MessageJob(message.fromLine, message.at));
  } else if (message.type === "data") {
    await jobs.get(message.id)!.write(Buffer.from(message.bytes));
    parentPort!.postMessage({ type: "ack", bytes: message.bytes.byteLength });
  } else {
    const items = await jobs.get(message.id)!.finish(message.next);
    jobs.delete(message.id);
    parentPort!.postMessage({ type: "done", id: message.id, items });
  }
}
