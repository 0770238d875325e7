import { Readable } from "node:stream";
import type { FileInput } from "../../importers/types.js";
import { sizeText, type ImportLimits } from "./limits.js";

/**
 * A run of whole units of a split file (see Importer.split), and where it starts. Its bytes
 * start its memory, which holds nothing else a reader needs: it may be handed to a thread.
 */
export interface FilePart {
  offset: number;
  bytes: Buffer;
}

/** Bytes read past a part's size before looking for its end: most units are far shorter. */
const LOOK_AHEAD = 64 * 1024;
/** A unit longer than this is no unit: a broken file, or one split by mistake. */
const MAX_UNIT_BYTES = 64 * 1024 * 1024;

export interface CutOptions {
  /** Where the bytes start in the file: the start of a part. */
  offset?: number;
  maxUnitBytes?: number;
}

/**
 * Cuts a file's bytes, read from `offset`, into parts: each ends right before the first
 * `boundary` at least `partBytes` after its start, or at the end of the file. Where a part ends
 * depends on where it starts only, so a resumed import cuts the same parts again. A part that
 * would pass `partBytes + maxUnitBytes` is an error.
 */
export async function* cutParts(bytes: AsyncIterable<Buffer>, boundary: Buffer, partBytes: number, options: CutOptions = {}): AsyncGenerator<FilePart> {
  let offset = options.offset ?? 0;
  const maxUnitBytes = options.maxUnitBytes ?? MAX_UNIT_BYTES;
  let chunks: Buffer[] = [];
  let length = 0;
  /** Where in the part a boundary may still start; before it, the bytes were searched. */
  let searchFrom = partBytes;
  let lookAt = partBytes + LOOK_AHEAD;
  /** The parts the bytes so far hold; at the end of the file, the last one too. */
  function* ready(atEnd: boolean): Generator<FilePart> {
    while (length > 0 && (atEnd || length >= lookAt)) {
      const buffer = joined(chunks, length);
      const end = buffer.indexOf(boundary, searchFrom);
      if (end === -1) {
        if (length - partBytes > maxUnitBytes) throw new Error(`found nothing to cut it at in the ${sizeText(maxUnitBytes)} from byte ${offset + partBytes}`);
        if (atEnd) {
          yield { offset, bytes: buffer };
          return;
        }
        // A unit longer than the look-ahead: look again once the part has doubled, or is too long.
        [chunks, searchFrom, lookAt] = [[buffer], Math.max(searchFrom, length - boundary.length + 1), Math.min(length * 2, partBytes + maxUnitBytes + 1)];
        return;
      }
      // The rest is copied out, so that the part's memory is its own, to hand to a thread whole.
      const rest = joined([buffer.subarray(end)], length - end);
      yield { offset, bytes: buffer.subarray(0, end) };
      offset += end;
      [chunks, length, searchFrom, lookAt] = [[rest], rest.length, partBytes, partBytes + LOOK_AHEAD];
    }
  }
  for await (const chunk of bytes) {
    chunks.push(chunk);
    length += chunk.length;
    yield* ready(false);
  }
  yield* ready(true);
}

/** Buffers as one, in memory of its own: never a slice of Node's shared pool of small buffers. */
function joined(chunks: Buffer[], length: number): Buffer {
  const buffer = Buffer.allocUnsafeSlow(length);
  let at = 0;
  for (const chunk of chunks) at += chunk.copy(buffer, at);
  return buffer;
}

/** A part as a file of its own for the importer to read. */
export function partInput(file: Pick<FileInput, "path" | "name">, part: FilePart, limits: ImportLimits): FileInput {
  return {
    path: file.path,
    name: file.name,
    size: part.bytes.length,
    head: part.bytes.subarray(0, 64 * 1024),
    open: (start = 0) => Readable.from(chunksOf(part.bytes.subarray(start)), { objectMode: false }),
    resume: null,
    limits,
    part: { offset: part.offset },
  };
}

/** Bytes handed to a reader at a time: a part at once would have all its records parsed before the first is stored. */
const CHUNK_BYTES = 64 * 1024;

function* chunksOf(bytes: Buffer): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) yield bytes.subarray(start, start + CHUNK_BYTES);
}

/** Where a split file's import stands: parts before `offset` are stored, and those at `done` after it. */
export interface PartsCheckpoint {
  offset: number;
  done: number[];
}

/** The parts of a split file stored so far, which may finish out of order (two threads read them). */
export class PartsStored {
  /** End of each part stored after the first one not stored, by its start. */
  private readonly ahead = new Map<number, number>();
  private offset: number;

  constructor(checkpoint: PartsCheckpoint | null) {
    this.offset = checkpoint?.offset ?? 0;
    // Their ends are not known, nor needed: these parts are skipped, and the count moves past
    // them as the parts before them are stored.
    for (const start of checkpoint?.done ?? []) this.ahead.set(start, -1);
  }

  /** Whether the part starting at `offset` was stored before an interruption. */
  has(offset: number): boolean {
    return offset < this.offset || this.ahead.has(offset);
  }

  /** Counts a part as stored, given where it starts and how long it is. */
  add(offset: number, length: number): void {
    this.ahead.set(offset, offset + length);
    while (this.ahead.has(this.offset)) {
      const end = this.ahead.get(this.offset)!;
      if (end === -1) break;
      this.ahead.delete(this.offset);
      this.offset = end;
    }
  }

  get checkpoint(): PartsCheckpoint {
    return { offset: this.offset, done: [...this.ahead.keys()].sort((a, b) => a - b) };
  }
}

/** A checkpoint of a split file's import, or null for a fresh start (or one stored by an older version). */
export function partsCheckpoint(resume: unknown): PartsCheckpoint | null {
  const checkpoint = resume as Partial<PartsCheckpoint> | null;
  return typeof checkpoint?.offset === "number" && Array.isArray(checkpoint.done) ? (checkpoint as PartsCheckpoint) : null;
}
