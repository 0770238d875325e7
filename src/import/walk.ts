import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import unzipper from "unzipper";
import type { FileInput } from "../../importers/types.js";
import { fileInputFromPath, HEAD_BYTES } from "./file-input.js";

/** A file found in the user's input, ready to be detected and read. */
export interface FoundFile {
  /** The input the user named that holds this file. */
  source: string;
  file: Omit<FileInput, "resume">;
}

/** An input, or a part of one, that could not be opened at all. */
export interface WalkProblem {
  source: string;
  path: string;
  message: string;
}

export type WalkItem = ({ type: "file" } & FoundFile) | ({ type: "problem" } & WalkProblem);

/** Archives inside archives inside archives… past this depth are a bomb, not an export. */
const MAX_ARCHIVE_DEPTH = 3;

/** Folders and files that operating systems add to archives and folders; never the user's data. */
const NOISE = /(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(\/|$)/;

/**
 * Every file in the user's inputs: plain files, folders (recursively) and zips (nested zips
 * included), each as the same `FileInput` so importers never care where a file came from.
 */
export async function* walkInputs(inputs: string[]): AsyncGenerator<WalkItem> {
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      yield { type: "problem", source: input, path: input, message: describeFsError(error) };
      continue;
    }
    if (info.isDirectory()) yield* walkFolder(input, input);
    else yield* walkFile(input, input, input);
  }
}

async function* walkFolder(source: string, folder: string): AsyncGenerator<WalkItem> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    yield { type: "problem", source, path: folder, message: describeFsError(error) };
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (NOISE.test(entry.name)) continue;
    if (entry.isDirectory()) yield* walkFolder(source, path);
    else if (entry.isFile()) yield* walkFile(source, path, path);
  }
}

/** A plain file on disk: a zip is opened and walked, anything else is yielded as it is. */
async function* walkFile(source: string, diskPath: string, path: string, depth = 0): AsyncGenerator<WalkItem> {
  let file;
  try {
    file = await fileInputFromPath(diskPath, path);
  } catch (error) {
    yield { type: "problem", source, path, message: describeFsError(error) };
    return;
  }
  if (isZip(file.name, file.head)) yield* walkZip(source, diskPath, path, depth);
  else if (isGzip(file.head)) yield* walkGzip(source, diskPath, path, depth);
  else yield { type: "file", source, file };
}

function isGzip(head: Buffer): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

function isZip(name: string, head: Buffer): boolean {
  return head.subarray(0, 4).equals(Buffer.from("PK\x03\x04")) || (head.length === 0 && /\.zip$/i.test(name));
}

async function* walkZip(source: string, diskPath: string, path: string, depth: number): AsyncGenerator<WalkItem> {
  if (depth >= MAX_ARCHIVE_DEPTH) {
    yield { type: "problem", source, path, message: `archive nested more than ${MAX_ARCHIVE_DEPTH} deep; not opened` };
    return;
  }
  let directory;
  try {
    directory = await unzipper.Open.file(diskPath);
  } catch (error) {
    yield { type: "problem", source, path, message: `not a readable zip (truncated or damaged): ${(error as Error).message}` };
    return;
  }
  for (const entry of directory.files) {
    if (entry.type !== "File" || NOISE.test(entry.path)) continue;
    const entryPath = `${path}/${entry.path.replace(/^\/+/, "")}`;
    let head;
    try {
      head = await readHead(entry.stream());
    } catch (error) {
      yield { type: "problem", source, path: entryPath, message: `cannot read from the zip: ${(error as Error).message}` };
      continue;
    }
    if (isZip(entry.path, head)) {
      yield* walkNestedZip(source, entry, entryPath, depth);
      continue;
    }
    yield {
      type: "file",
      source,
      file: {
        path: entryPath,
        name: basename(entry.path),
        size: entry.uncompressedSize,
        head,
        open: (start = 0) => skipBytes(entry.stream(), start),
      },
    };
  }
}

/** A zip inside a zip is copied to a temporary file first: zips are read from their end. */
async function* walkNestedZip(source: string, entry: unzipper.File, path: string, depth: number): AsyncGenerator<WalkItem> {
  const folder = await mkdtemp(join(tmpdir(), "ownbase-zip-"));
  try {
    const copy = join(folder, "nested.zip");
    try {
      await pipeline(entry.stream(), createWriteStream(copy, { mode: 0o600 }));
    } catch (error) {
      yield { type: "problem", source, path, message: `cannot read from the zip: ${(error as Error).message}` };
      return;
    }
    yield* walkZip(source, copy, path, depth + 1);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * A `.tgz` / `.tar.gz` is walked entry by entry (a tar can only be read in order): each entry is
 * copied to a private temporary file, handed on like any file, and removed before the next one.
 * A plain `.gz` is one compressed file, read through gunzip.
 */
async function* walkGzip(source: string, diskPath: string, path: string, depth: number): AsyncGenerator<WalkItem> {
  if (depth >= MAX_ARCHIVE_DEPTH) {
    yield { type: "problem", source, path, message: `archive nested more than ${MAX_ARCHIVE_DEPTH} deep; not opened` };
    return;
  }
  let inner: Buffer;
  try {
    inner = await readHead(gunzipped(diskPath));
  } catch (error) {
    yield { type: "problem", source, path, message: `not a readable gzip file (truncated or damaged): ${(error as Error).message}` };
    return;
  }
  if (inner.subarray(257, 262).toString("latin1") === "ustar") {
    yield* walkTar(source, diskPath, path, depth);
    return;
  }
  const name = basename(path).replace(/\.gz$/i, "");
  yield {
    type: "file",
    source,
    file: { path, name, size: null, head: inner, open: (start = 0) => skipBytes(gunzipped(diskPath), start) },
  };
}

function gunzipped(diskPath: string): Readable {
  const gunzip = createGunzip();
  const file = createReadStream(diskPath);
  file.on("error", (error) => gunzip.destroy(error));
  gunzip.on("close", () => file.destroy());
  return file.pipe(gunzip);
}

async function* walkTar(source: string, diskPath: string, path: string, depth: number): AsyncGenerator<WalkItem> {
  const folder = await mkdtemp(join(tmpdir(), "ownbase-tar-"));
  const extract = tar.extract();
  const input = gunzipped(diskPath);
  input.on("error", (error) => extract.destroy(error));
  input.pipe(extract);
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (type !== "file" || NOISE.test(name)) {
        entry.resume();
        continue;
      }
      const copy = join(folder, "entry");
      await pipeline(entry, createWriteStream(copy, { mode: 0o600 }));
      yield* walkFile(source, copy, `${path}/${name.replace(/^\/+/, "")}`, depth + 1);
      await rm(copy, { force: true });
    }
  } catch (error) {
    yield { type: "problem", source, path, message: `not a readable tar.gz (truncated or damaged): ${(error as Error).message}` };
  } finally {
    input.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The first bytes of a stream, which is then closed. */
async function readHead(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= HEAD_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

/** Drops the first `count` bytes of a stream: how a zip entry is "opened at an offset". */
function skipBytes(stream: Readable, count: number): Readable {
  if (count <= 0) return stream;
  let toSkip = count;
  const skipping = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (toSkip >= chunk.length) {
        toSkip -= chunk.length;
        return done();
      }
      const rest = chunk.subarray(toSkip);
      toSkip = 0;
      done(null, rest);
    },
  });
  stream.on("error", (error) => skipping.destroy(error));
  return stream.pipe(skipping);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return (error as Error).message;
}
