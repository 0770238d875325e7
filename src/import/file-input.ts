import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { Readable } from "node:stream";
import type { FileInput } from "../../importers/types.js";

/** Bytes of a file's head that importers see when they detect. */
export const HEAD_BYTES = 64 * 1024;

/** A file on disk as importers see it; `path` is how the report names it. */
export async function fileInputFromPath(diskPath: string, path = diskPath, resume: unknown = null): Promise<FileInput> {
  const { size } = await stat(diskPath);
  const handle = await open(diskPath, "r");
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    return {
      path,
      name: basename(path),
      size,
      head,
      resume,
      open: (start = 0) => createReadStream(diskPath, { start, highWaterMark: 256 * 1024 }),
    };
  } finally {
    await handle.close();
  }
}

/** An in-memory file as importers see it: for tests and small inputs. */
export function fileInputFromBuffer(path: string, content: Buffer | string, resume: unknown = null): FileInput {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return {
    path,
    name: basename(path),
    size: bytes.length,
    head: bytes.subarray(0, HEAD_BYTES),
    resume,
    open: (start = 0) => Readable.from([bytes.subarray(start)]),
  };
}
