import { Readable } from "node:stream";
import { parentPort } from "node:worker_threads";
import { importers } from "../../importers/index.js";
import type { FileInput, ReadItem } from "../../importers/types.js";
import type { FromThread, ThreadJob, ToThread } from "./parse-pool.js";
import { tagFields, type TaggedField } from "./store.js";

/** Items sent back per message: fewer messages, while the writer is never kept waiting long. */
const ITEMS_PER_MESSAGE = 200;
/** Or fewer, when their fields hold this many characters: runs of location fixes are large. */
const CHARS_PER_MESSAGE = 1024 * 1024;
/**
 * Bytes asked for ahead of the reader: the calling thread answers between its writes, which take
 * a tenth of a second or more, and the reader should not wait for it meanwhile.
 */
const BYTES_AHEAD = 4 * 1024 * 1024;

/**
 * A reading thread of parse-pool.ts: runs one importer's reader over bytes the calling thread
 * sends as it asks for them, and sends back its items, records with their fields tagged.
 */
const port = parentPort!;
let input: Readable | null = null;

const post = (message: FromThread) => port.postMessage(message);

port.on("message", (message: ToThread) => {
  if (message.type === "start") void run(message.job, message.file);
  else if (message.type === "data") input?.push(Buffer.from(message.bytes));
  else input?.push(null);
});

async function run(job: ThreadJob, sample: Omit<FileInput, "open">): Promise<void> {
  try {
    const importer = importers.find((candidate) => candidate.id === job.importer);
    if (!importer) throw new Error(`no importer ${job.importer}`);
    const read = (await import(job.module))[job.reader] as (file: FileInput) => AsyncIterable<ReadItem>;
    const file: FileInput = {
      ...sample,
      head: Buffer.from(sample.head),
      open(start = 0) {
        input?.destroy();
        input = new Readable({ highWaterMark: BYTES_AHEAD, read: () => post({ type: "pull" }) });
        post({ type: "open", start });
        return input;
      },
    };
    let batch: { item: ReadItem; fields?: TaggedField[] }[] = [];
    let chars = 0;
    for await (const item of read(file)) {
      if (item.type === "record") {
        const fields = tagFields(importer, item);
        batch.push({ item, fields });
        for (const field of fields) chars += field[1].length;
      } else batch.push({ item });
      if (batch.length >= ITEMS_PER_MESSAGE || chars >= CHARS_PER_MESSAGE) {
        post({ type: "items", items: batch, chars });
        [batch, chars] = [[], 0];
      }
    }
    post({ type: "items", items: batch, chars });
    post({ type: "done" });
  } catch (error) {
    post({ type: "failed", message: (error as Error).message });
  }
}
