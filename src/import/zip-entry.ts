import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import type unzipper from "unzipper";

/** Compressed bytes read at a time. */
const READ_BYTES = 1024 * 1024;
/** Inflated bytes handed on at a time. */
const INFLATED_BYTES = 256 * 1024;
const STORED = 0;
const DEFLATED = 8;

/**
 * A zip entry's bytes, read from the zip on disk where its directory (read by unzipper) says.
 * unzipper's own entry stream inflates 16 KB at a time, through two more streams, which cost a
 * twentieth of a large Takeout's import; this inflates in large chunks.
 */
export function zipEntryStream(disk: string, entry: unzipper.File): Readable {
  return Readable.from(entryBytes(disk, entry), { objectMode: false });
}

async function* entryBytes(disk: string, entry: unzipper.File): AsyncGenerator<Buffer> {
  if (entry.flags & 0x01) throw new Error("it is encrypted, and Ownbase reads no password-protected zips");
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw new Error(`it is compressed with method ${entry.compressionMethod}, which Ownbase cannot read (only deflate)`);
  }
  const start = entry.offsetToLocalFileHeader + (await localHeaderLength(disk, entry.offsetToLocalFileHeader));
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(disk, { start, end: start + entry.compressedSize - 1, highWaterMark: READ_BYTES });
  try {
    if (entry.compressionMethod === STORED) return yield* raw;
    const inflate = createInflateRaw({ chunkSize: INFLATED_BYTES });
    raw.on("error", (error) => inflate.destroy(error));
    yield* raw.pipe(inflate);
  } finally {
    raw.destroy(); // when the reader stops early
  }
}

/** The length of the local header at `offset`, which precedes the entry's data: its name and extra field vary. */
async function localHeaderLength(disk: string, offset: number): Promise<number> {
  const file = await open(disk);
  try {
    const header = Buffer.alloc(30);
    const { bytesRead } = await file.read(header, 0, 30, offset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== 0x04034b50) throw new Error(`no entry where the zip's directory says (byte ${offset}): the zip is damaged`);
    return 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await file.close();
  }
}
