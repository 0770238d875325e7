import { spareCores, takeCores } from "../../src/import/cores.js";
import { importLimits } from "../../src/import/limits.js";
import type { FileInput, ReadItem } from "../types.js";
import { MessageJob } from "./message.js";
import { ParsePool } from "./parse-pool.js";
import { splitMbox } from "./splitter.js";

/** Below this size, starting parsing threads costs more than it saves. */
const PARALLEL_FROM_BYTES = 16 * 1024 * 1024;

export interface MboxReadOptions {
  /** Parsing threads beside the reading one; by default one per spare core (see spareCores), for large files. */
  threads?: number;
}

/** Reads an mbox, continuing at the byte offset in `file.resume` when an import restarts. */
export async function* readMbox(file: FileInput, options: MboxReadOptions = {}): AsyncGenerator<ReadItem> {
  const large = (file.size ?? Number.POSITIVE_INFINITY) >= PARALLEL_FROM_BYTES;
  const threads = options.threads ?? (large ? spareCores() : 0);
  if (threads === 0) return yield* readInline(file);
  const release = takeCores(threads);
  try {
    yield* readInParallel(file, threads);
  } finally {
    release();
  }
}

/** Where a person finds a message; after a resume the messages before `start` were not counted. */
function messageLabel(count: number, offset: number, resumedAt: number): string {
  return resumedAt === 0 ? `message ${count} (byte ${offset})` : `message at byte ${offset}`;
}

async function* readInline(file: FileInput): AsyncGenerator<ReadItem> {
  const start = typeof file.resume === "number" ? file.resume : 0;
  const { mailTextBytes } = file.limits ?? importLimits();
  let count = 0;
  let message: MessageJob | null = null;
  for await (const piece of splitMbox(file.open(start), start)) {
    if (piece.type === "start") message = new MessageJob(piece.fromLine, messageLabel(++count, piece.offset, start), mailTextBytes);
    // The splitter sends data only between a message's start and end.
    else if (piece.type === "data") await message!.write(piece.bytes);
    else yield* await message!.finish(piece.next);
  }
}

async function* readInParallel(file: FileInput, threads: number): AsyncGenerator<ReadItem> {
  const start = typeof file.resume === "number" ? file.resume : 0;
  const pool = new ParsePool(threads);
  try {
    let count = 0;
    let id = 0;
    for await (const piece of splitMbox(file.open(start), start)) {
      if (piece.type === "start") id = pool.start(piece.fromLine, messageLabel(++count, piece.offset, start));
      else if (piece.type === "data") await pool.write(id, piece.bytes);
      else {
        pool.end(id, piece.next);
        yield* pool.ready();
      }
    }
    yield* pool.rest();
  } finally {
    await pool.close();
  }
}
