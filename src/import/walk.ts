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
import { importLimits, sizeText, type ImportLimits } from "./limits.js";
import { zipEntryStream } from "./zip-entry.js";

/** A file found in the user's input, ready to be detected and read. */
export interface FoundFile {
  /** The input the user named that holds this file. */
  source: string;
  file: Omit<FileInput, "resume">;
  /**
   * Where another thread can open the file again, for files that stay there while the import
   * runs: a file on disk, or an entry of a zip on disk. Not for temporary copies (out of a tar or
   * a nested zip), which go once the walk moves on.
   */
  where?: FileLocation;
}

export interface FileLocation {
  disk: string;
  /** The entry's path inside the zip at `disk`. */
  entry?: string;
}

/** An input, or a part of one, that could not be opened at all. */
export interface WalkProblem {
  source: string;
  path: string;
  message: string;
}

export type WalkItem = ({ type: "file" } & FoundFile) | ({ type: "problem" } & WalkProblem);

/** Folders and files that operating systems add to archives and folders; never the user's data. */
const NOISE = /(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(\/|$)/;

/** One input the user named, as it is walked: its limits and how much its archives expanded so far. */
interface Walk {
  source: string;
  limits: ImportLimits;
  expandedBytes: number;
}

/**
 * Every file in the user's inputs: plain files, folders (recursively) and zips (nested zips
 * included), each as the same `FileInput` so importers never care where a file came from.
 * Entries that could escape their archive (`../`, absolute paths, links) are never opened, and
 * archives that expand past `limits` are stopped while they stream; each becomes a problem.
 */
export async function* walkInputs(inputs: string[], limits: ImportLimits = importLimits()): AsyncGenerator<WalkItem> {
  for (const input of inputs) {
    const walk: Walk = { source: input, limits, expandedBytes: 0 };
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      yield problem(walk, input, describeFsError(error));
      continue;
    }
    if (info.isDirectory()) yield* walkFolder(walk, input);
    else yield* walkFile(walk, input, input);
  }
}

function problem(walk: Walk, path: string, message: string): WalkItem {
  return { type: "problem", source: walk.source, path, message };
}

async function* walkFolder(walk: Walk, folder: string): AsyncGenerator<WalkItem> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    yield problem(walk, folder, describeFsError(error));
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (NOISE.test(entry.name)) continue;
    if (entry.isDirectory()) yield* walkFolder(walk, path);
    else if (entry.isFile()) yield* walkFile(walk, path, path);
    else if (entry.isSymbolicLink()) yield problem(walk, path, "a symbolic link: not followed (it may point anywhere on this machine)");
  }
}

/**
 * A plain file on disk: a zip is opened and walked, anything else is yielded as it is. At depth 0
 * the file is the user's own; deeper, it is a temporary copy out of an archive.
 */
async function* walkFile(walk: Walk, diskPath: string, path: string, depth = 0): AsyncGenerator<WalkItem> {
  let file;
  try {
    file = await fileInputFromPath(diskPath, path);
  } catch (error) {
    yield problem(walk, path, describeFsError(error));
    return;
  }
  if (isZip(file.name, file.head)) yield* walkZip(walk, diskPath, path, depth);
  else if (isGzip(file.head)) yield* walkGzip(walk, diskPath, path, depth);
  else yield { type: "file", source: walk.source, file, where: depth === 0 ? { disk: diskPath } : undefined };
}

function isGzip(head: Buffer): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

function isZip(name: string, head: Buffer): boolean {
  return head.subarray(0, 4).equals(Buffer.from("PK\x03\x04")) || (head.length === 0 && /\.zip$/i.test(name));
}

async function* walkZip(walk: Walk, diskPath: string, path: string, depth: number): AsyncGenerator<WalkItem> {
  if (depth >= walk.limits.archiveDepth) {
    yield tooDeep(walk, path);
    return;
  }
  let directory;
  try {
    directory = await unzipper.Open.file(diskPath);
  } catch (error) {
    yield problem(walk, path, `not a readable zip (truncated or damaged): ${(error as Error).message}`);
    return;
  }
  for (const entry of directory.files) {
    if (entry.type !== "File" || NOISE.test(entry.path)) continue;
    const entryPath = `${path}/${entry.path}`;
    const refusal = unsafeEntry(entry.path, isZipSymlink(entry) ? "symlink" : "file") ?? zipBombSign(walk.limits, entry);
    if (refusal) {
      yield problem(walk, entryPath, refusal);
      continue;
    }
    walk.expandedBytes += entry.uncompressedSize;
    if (walk.expandedBytes > walk.limits.archiveBytes) {
      yield problem(walk, entryPath, `the archive expands past ${sizeText(walk.limits.archiveBytes)}: a zip bomb? This file and the rest of the archive are not read`);
      return;
    }
    let head;
    try {
      head = await readHead(entryStream(walk.limits, diskPath, entry));
    } catch (error) {
      yield problem(walk, entryPath, `cannot read from the zip: ${(error as Error).message}`);
      continue;
    }
    if (isZip(entry.path, head)) {
      yield* walkNestedZip(walk, () => entryStream(walk.limits, diskPath, entry), entryPath, depth);
      continue;
    }
    // A nested zip is a temporary copy (see walkFile).
    const where = depth === 0 ? { disk: diskPath, entry: entry.path } : undefined;
    yield { type: "file", source: walk.source, file: zipEntryFile(walk.limits, diskPath, entry, entryPath, head), where };
  }
}

/** Sizes come from the zip's directory, which a bomb may lie about: the stream holds it to them. */
function entryStream(limits: ImportLimits, disk: string, entry: unzipper.File): Readable {
  return heldToSizes(limits, zipEntryStream(disk, entry), entry.uncompressedSize, entry.compressedSize);
}

function zipEntryFile(limits: ImportLimits, disk: string, entry: unzipper.File, path: string, head: Buffer): FoundFile["file"] {
  return { path, name: basename(entry.path), size: entry.uncompressedSize, head, open: (start = 0) => skipBytes(entryStream(limits, disk, entry), start) };
}

/** A file the walk found, opened again from where it was found: in another thread. */
export async function reopenFile(where: FileLocation, path: string, limits: ImportLimits): Promise<FoundFile["file"]> {
  if (where.entry === undefined) return fileInputFromPath(where.disk, path);
  const directory = await unzipper.Open.file(where.disk);
  const entry = directory.files.find((file) => file.path === where.entry);
  if (!entry) throw new Error(`${where.entry} is no longer in ${where.disk}`);
  return zipEntryFile(limits, where.disk, entry, path, await readHead(entryStream(limits, where.disk, entry)));
}

function tooDeep(walk: Walk, path: string): WalkItem {
  return problem(walk, path, `archive nested more than ${walk.limits.archiveDepth} deep: a zip bomb? Not opened`);
}

/** Unix file type bits of a zip entry made on a Unix system (the upper half of its external attributes). */
function isZipSymlink(entry: unzipper.File): boolean {
  return ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
}

/**
 * Why an archive entry is refused by its name or type, if it is: Ownbase never writes entries
 * out under their names, but a path that climbs out of the archive or a link is never an
 * export's file, and another tool unpacking the same archive could be led anywhere.
 */
function unsafeEntry(name: string, type: "file" | "symlink" | "hardlink"): string | null {
  if (type !== "file") return `a ${type === "symlink" ? "symbolic" : "hard"} link: not followed (it may point anywhere on this machine)`;
  if (/^([/\\]|[a-z]:)/i.test(name)) return "an absolute path inside the archive: refused (an archive may only hold files under itself)";
  if (name.split(/[/\\]/).includes("..")) return "a path with `..` inside the archive: refused (it points outside the archive)";
  return null;
}

/** A zip entry whose directory says it expands past the compression ratio limit. */
function zipBombSign(limits: ImportLimits, entry: unzipper.File): string | null {
  const { uncompressedSize: size, compressedSize: compressed } = entry;
  if (size <= limits.ratioFreeBytes || size <= limits.compressionRatio * compressed) return null;
  return `expands ${Math.round(size / Math.max(compressed, 1))} times (${sizeText(size)} from ${sizeText(compressed)}), past the limit of ${limits.compressionRatio}: a zip bomb? Not read`;
}

/**
 * Holds a decompressing stream to what its archive declared and to the ratio limit, byte by
 * byte, so that a bomb is stopped while it streams, not after it filled the disk or the memory.
 * `compressedBytes` gives the compressed bytes read so far (a number when known up front).
 */
function heldToSizes(limits: ImportLimits, stream: Readable, declaredBytes: number | null, compressedBytes: number | (() => number)): Readable {
  let expanded = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      expanded += chunk.length;
      const compressed = typeof compressedBytes === "number" ? compressedBytes : compressedBytes();
      if (declaredBytes !== null && expanded > declaredBytes) {
        return done(new Error(`holds more than the ${sizeText(declaredBytes)} its archive declares: damaged, or a zip bomb; stopped`));
      }
      if (expanded > limits.ratioFreeBytes && expanded > limits.compressionRatio * compressed) {
        return done(new Error(`expanded more than ${limits.compressionRatio} times (${sizeText(expanded)} from ${sizeText(compressed)}): a zip bomb? Stopped`));
      }
      if (expanded > limits.archiveBytes) return done(new Error(`expanded past ${sizeText(limits.archiveBytes)}: a zip bomb? Stopped`));
      done(null, chunk);
    },
  });
  stream.on("error", (error) => guard.destroy(error));
  guard.on("close", () => stream.destroy());
  return stream.pipe(guard);
}

/** A zip inside a zip is copied to a temporary file first: zips are read from their end. */
async function* walkNestedZip(walk: Walk, open: () => Readable, path: string, depth: number): AsyncGenerator<WalkItem> {
  if (depth + 1 >= walk.limits.archiveDepth) {
    yield tooDeep(walk, path); // known before copying it out
    return;
  }
  const folder = await mkdtemp(join(tmpdir(), "ownbase-zip-"));
  try {
    const copy = join(folder, "nested.zip");
    try {
      await pipeline(open(), createWriteStream(copy, { mode: 0o600 }));
    } catch (error) {
      yield problem(walk, path, `cannot read from the zip: ${(error as Error).message}`);
      return;
    }
    yield* walkZip(walk, copy, path, depth + 1);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * A `.tgz` / `.tar.gz` is walked entry by entry (a tar can only be read in order): each entry is
 * copied to a private temporary file, handed on like any file, and removed before the next one.
 * A plain `.gz` is one compressed file, read through gunzip.
 */
async function* walkGzip(walk: Walk, diskPath: string, path: string, depth: number): AsyncGenerator<WalkItem> {
  if (depth >= walk.limits.archiveDepth) {
    yield tooDeep(walk, path);
    return;
  }
  let inner: Buffer;
  try {
    inner = await readHead(gunzipped(walk.limits, diskPath));
  } catch (error) {
    yield problem(walk, path, `not a readable gzip file (truncated or damaged): ${(error as Error).message}`);
    return;
  }
  if (inner.subarray(257, 262).toString("latin1") === "ustar") {
    yield* walkTar(walk, diskPath, path, depth);
    return;
  }
  const name = basename(path).replace(/\.gz$/i, "");
  yield {
    type: "file",
    source: walk.source,
    file: { path, name, size: null, head: inner, open: (start = 0) => skipBytes(gunzipped(walk.limits, diskPath), start) },
  };
}

/** A gzip file's content, held to the ratio limit against the compressed bytes read so far. */
function gunzipped(limits: ImportLimits, diskPath: string): Readable {
  const gunzip = createGunzip();
  const file = createReadStream(diskPath);
  file.on("error", (error) => gunzip.destroy(error));
  gunzip.on("close", () => file.destroy());
  return heldToSizes(limits, file.pipe(gunzip), null, () => file.bytesRead);
}

async function* walkTar(walk: Walk, diskPath: string, path: string, depth: number): AsyncGenerator<WalkItem> {
  const folder = await mkdtemp(join(tmpdir(), "ownbase-tar-"));
  const extract = tar.extract();
  const input = gunzipped(walk.limits, diskPath);
  input.on("error", (error) => extract.destroy(error));
  input.pipe(extract);
  try {
    for await (const entry of extract) {
      const { name, type, size } = entry.header;
      const entryPath = `${path}/${name}`;
      const link = type === "symlink" ? "symlink" : type === "link" ? "hardlink" : null;
      if (NOISE.test(name) || (type !== "file" && !link)) {
        entry.resume();
        continue;
      }
      const refusal = unsafeEntry(name, link ?? "file");
      if (refusal) {
        yield problem(walk, entryPath, refusal);
        entry.resume();
        continue;
      }
      walk.expandedBytes += size ?? 0;
      if (walk.expandedBytes > walk.limits.archiveBytes) {
        yield problem(walk, entryPath, `the archive expands past ${sizeText(walk.limits.archiveBytes)}: a zip bomb? This file and the rest of the archive are not read`);
        return;
      }
      const copy = join(folder, "entry");
      await pipeline(entry, createWriteStream(copy, { mode: 0o600 }));
      yield* walkFile(walk, copy, entryPath, depth + 1);
      await rm(copy, { force: true });
    }
  } catch (error) {
    yield problem(walk, path, `not a readable tar.gz (truncated, damaged or too large): ${(error as Error).message}`);
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
