import type { FieldValue, FileInput, ItemError } from "./types.js";
import { importLimits, sizeText, type ImportLimits } from "../src/import/limits.js";
import { decodeText, sniffEncoding } from "./text.js";

/** One item of a requested member of a JSON document. */
export interface JsonItem {
  type: "item";
  /** The top-level member it belongs to; `""` for the items of a top-level array. */
  member: string;
  /** 1-based count of items so far: the resume token of a JSON importer. */
  index: number;
  value: FieldValue;
}

/** An item that is not valid JSON, with its place in the count. */
export type JsonItemError = ItemError & { index: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
/** The bytes that change a scanner's state inside an item, by byte value. */
const STRUCTURAL = new Uint8Array(256);
for (const byte of [QUOTE, OPEN_OBJECT, OPEN_ARRAY, CLOSE_OBJECT, CLOSE_ARRAY]) STRUCTURAL[byte] = 1;

/**
 * Streams the items of top-level members of a JSON document: each element of a member that is
 * an array, or the member's whole value when it is an object; `""` names the elements of a
 * top-level array. Items are counted across the members in file order (1-based `index`, the
 * resume token), and items up to a numeric `file.resume` are skipped without being parsed. An
 * item that is not valid JSON comes out as an error and reading goes on.
 *
 * Why not a streaming JSON library: exports reach several GB, and a byte scanner that only
 * tracks strings and nesting, handing each item to `JSON.parse`, reads them 2.7 times as fast
 * as @streamparser/json did (100 MB/s against 37 MB/s on a generated Records.json).
 */
export async function* streamJsonItems(file: FileInput, members: readonly string[]): AsyncGenerator<JsonItem | JsonItemError> {
  for await (const items of streamJsonItemLists(file, members)) yield* items;
}

/**
 * streamJsonItems, an array of items at a time (those of one chunk read): a file of millions of
 * small items (Records.json) is read without a turn of the async iteration per item.
 */
export async function* streamJsonItemLists(file: FileInput, members: readonly string[]): AsyncGenerator<(JsonItem | JsonItemError)[]> {
  const limits = file.limits ?? importLimits();
  const skipThrough = typeof file.resume === "number" ? file.resume : 0;
  const wanted = new Set(members);
  let root: "object" | "array" | null = null;
  let depth = 0;
  let inString = false;
  let escaped = false;
  // The root object's member names: whether one comes next, the one being read, the last read.
  let expectKey = false;
  // (A name longer than every wanted one, escapes included, is not wanted: it is not kept.)
  let keyBytes: number[] | null = null;
  let key: string | null = "";
  const longestKey = Math.max(0, ...[...wanted].map((name) => Buffer.byteLength(JSON.stringify(name))));
  // The member whose items are being read, the depth its items open at, and where it ends.
  let member: string | null = null;
  let itemDepth = 0;
  let memberEnd = 0;
  let index = 0;
  // Whether the member is an array (so bare values in it are items too), and one is being read.
  let memberIsArray = false;
  let inScalar = false;
  // The item being captured: its parts from earlier chunks, and where it starts in this one.
  let parts: Buffer[] = [];
  let partBytes = 0;
  let start = -1;

  // A fatal problem ends the reading once the items before it in the chunk are out.
  let failure: Error | null = null;
  for await (const chunk of utf8Bytes(file)) {
    const bytes = chunk as Buffer;
    const ready: (JsonItem | JsonItemError)[] = [];
    if (parts.length > 0) start = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          if (keyBytes) {
            key = memberName(keyBytes);
            keyBytes = null;
          }
          continue;
        }
        if (keyBytes) {
          keyBytes.push(byte);
          if (keyBytes.length > longestKey) [keyBytes, key] = [null, null];
        }
        continue;
      }
      // Inside an item only quotes and brackets matter: the rest, most of its bytes, is passed over.
      if (member !== null && depth >= itemDepth && !STRUCTURAL[byte]) continue;
      const scalarItemDepth = member !== null && memberIsArray && depth === itemDepth - 1;
      if (scalarItemDepth && !inScalar && byte !== COMMA && byte !== CLOSE_ARRAY && byte !== OPEN_OBJECT && byte !== OPEN_ARRAY && !isSpace(byte)) {
        // A bare value (string, number, true, false, null) as an item: read to the next comma or `]`.
        inScalar = true;
        index++;
        if (index > skipThrough) start = i;
      }
      if (inScalar && scalarItemDepth && (byte === COMMA || byte === CLOSE_ARRAY)) {
        if (start >= 0) ready.push(parseItem(member!, index, parts, bytes, start, i));
        [parts, partBytes, start, inScalar] = [[], 0, -1, false];
      }
      if (byte === QUOTE) {
        inString = true;
        if (depth === 1 && expectKey) [keyBytes, expectKey] = [[], false];
      } else if (byte === COMMA) {
        if (depth === 1 && root === "object") expectKey = true;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        depth++;
        if (depth > limits.jsonDepth) {
          failure = tooDeep(limits);
          break;
        }
        if (depth === 1) {
          root = byte === OPEN_OBJECT ? "object" : "array";
          expectKey = root === "object";
          if (root === "array" && wanted.has("")) [member, itemDepth, memberEnd, memberIsArray] = ["", 2, 0, true];
        } else if (depth === 2 && root === "object" && key !== null && wanted.has(key)) {
          // An object member is one item; an array member's elements are.
          [member, itemDepth, memberEnd, memberIsArray] = [key, byte === OPEN_ARRAY ? 3 : 2, 1, byte === OPEN_ARRAY];
        }
        if (member !== null && depth === itemDepth) {
          index++;
          if (index > skipThrough) start = i;
        }
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (member !== null && depth === itemDepth && start >= 0) {
          ready.push(parseItem(member, index, parts, bytes, start, i + 1));
          [parts, partBytes, start] = [[], 0, -1];
        }
        depth--;
        if (depth < 0) {
          failure = new Error("not valid JSON: more closing brackets than opening ones");
          break;
        }
        if (member !== null && depth === memberEnd) member = null;
      }
    }
    if (start >= 0) {
      parts.push(bytes.subarray(start));
      partBytes += bytes.length - start;
      if (partBytes > limits.jsonItemBytes) throw tooLarge(limits, index);
      start = -1;
    }
    if (ready.length > 0) yield ready;
    if (failure) throw failure;
  }
  if (root === null) throw new Error("not valid JSON: no object or array");
  if (depth !== 0 || inString) throw new Error(`not valid JSON: the file ends inside the document, after item ${index} (cut short?)`);
}

/**
 * JSON text whose escapes of lone surrogates (`\ud800` not followed by a low half, `\udc00` not
 * after a high one) are `\ufffd`. Strings holding them are not text: stored, they become bytes
 * that are not UTF-8, which libSQL cannot read back.
 */
export function withoutLoneSurrogates(json: string): string {
  if (!/\\u[dD][89a-fA-F]/.test(json)) return json;
  return json
    .replace(/(?<!\\)((?:\\\\)*)\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})/g, "$1\\ufffd")
    .replace(/(?<!\\)((?:\\\\)*)(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/g, "$1\\ufffd");
}

/** A member name from its bytes between the quotes; null when its escapes are broken. */
function memberName(bytes: number[]): string | null {
  try {
    return JSON.parse(withoutLoneSurrogates(`"${Buffer.from(bytes).toString("utf8")}"`)) as string;
  } catch {
    return null;
  }
}

function tooLarge(limits: ImportLimits, index: number): Error {
  return new Error(`item ${index} is larger than ${sizeText(limits.jsonItemBytes)}: not an export's`);
}

function tooDeep(limits: ImportLimits): Error {
  return new Error(`not an export's JSON: nested more than ${limits.jsonDepth} levels deep`);
}

/**
 * Throws when a whole JSON text nests deeper than the limit: `JSON.parse` copes with any depth,
 * but every recursive pass over the value afterwards (tagging, storing) would overflow the stack.
 */
export function checkJsonDepth(text: string, limits: ImportLimits): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > limits.jsonDepth) throw tooDeep(limits);
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) depth--;
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The item made of `parts` from earlier chunks and `bytes` from `start` to `end`. */
function parseItem(member: string, index: number, parts: Buffer[], bytes: Buffer, start: number, end: number): JsonItem | JsonItemError {
  const text = parts.length > 0 ? Buffer.concat([...parts, bytes.subarray(start, end)]).toString("utf8") : bytes.toString("utf8", start, end);
  try {
    return { type: "item", member, index, value: JSON.parse(withoutLoneSurrogates(text)) as FieldValue };
  } catch (error) {
    return { type: "error", at: `item ${index}`, message: `not valid JSON: ${(error as Error).message}`, index };
  }
}

/** The file as UTF-8 bytes: as it is, or decoded (UTF-16, legacy code pages) and encoded again. */
async function* utf8Bytes(file: FileInput): AsyncGenerator<Buffer> {
  if (sniffEncoding(file.head) === "utf-8") {
    yield* file.open() as AsyncIterable<Buffer>;
    return;
  }
  for await (const text of decodeText(file.open(), file.head)) yield Buffer.from(text as string);
}

/** The first non-space characters of a file: enough to tell a JSON array from an object. */
export function jsonStart(head: Buffer, length = 200): string {
  return head.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "").replace(/\s+/g, "").slice(0, length);
}

/**
 * The keys in the head of a file that starts a JSON array, whether or not the head cuts it off:
 * enough to recognise the shape of its objects. Null for anything else.
 */
export function jsonArrayKeys(head: Buffer): string[] | null {
  const text = new TextDecoder(sniffEncoding(head)).decode(head);
  if (!text.trimStart().startsWith("[")) return null;
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)].map((match) => match[1]!);
}

/** A JSON object, as opposed to an array, a string or null. */
export function isObject(value: unknown): value is { [key: string]: FieldValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
