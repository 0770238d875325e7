import { JSONParser } from "@streamparser/json";
import type { FileInput, FieldValue } from "./types.js";
import { decodeText, sniffEncoding } from "./text.js";

/** A value found at one of the requested paths, with where it was. */
export interface JsonMatch {
  value: FieldValue;
  /** Keys from the document root down to the value, e.g. `["locations", 41]`. */
  path: (string | number)[];
  /** 1-based count of matches so far: the resume token of a JSON importer. */
  index: number;
}

/**
 * Streams the values of a JSON file found at `paths` (as @streamparser/json spells them:
 * `$.*` for the items of a top-level array, `$.locations.*` for those of a member), without
 * holding more than one of them in memory. Matches up to a numeric `file.resume` are skipped,
 * so an interrupted import goes on where it stopped.
 */
export async function* streamJsonValues(file: FileInput, paths: string[]): AsyncGenerator<JsonMatch> {
  const skipThrough = typeof file.resume === "number" ? file.resume : 0;
  const parser = new JSONParser({ paths, keepStack: false });
  let index = 0;
  let ready: JsonMatch[] = [];
  let failure: Error | null = null;
  parser.onValue = ({ value, key, stack }) => {
    index++;
    if (index <= skipThrough) return;
    const path = [...stack.slice(1).map((element) => element.key as string | number), key as string | number];
    ready.push({ value: value as FieldValue, path, index });
  };
  parser.onError = (error) => (failure ??= error);

  for await (const chunk of jsonChunks(file)) {
    parser.write(chunk);
    if (failure) throw jsonError(failure);
    yield* ready;
    ready = [];
  }
  if (!parser.isEnded) parser.end();
  if (failure) throw jsonError(failure);
  yield* ready;
}

/**
 * The file as the parser takes it: UTF-8 goes in as bytes (the parser decodes them itself, about
 * a fifth faster than decoding first), only without its BOM; other encodings are decoded.
 */
async function* jsonChunks(file: FileInput): AsyncGenerator<string | Uint8Array> {
  const encoding = sniffEncoding(file.head);
  if (encoding !== "utf-8") {
    yield* decodeText(file.open(), file.head) as AsyncIterable<string>;
    return;
  }
  const bom = file.head[0] === 0xef && file.head[1] === 0xbb && file.head[2] === 0xbf;
  yield* file.open(bom ? 3 : 0) as AsyncIterable<Buffer>;
}

function jsonError(error: Error): Error {
  return new Error(`not valid JSON: ${error.message}`);
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
