import { JSONParser } from "@streamparser/json";
import type { FileInput, FieldValue } from "./types.js";
import { decodeText } from "./text.js";

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

  for await (const chunk of decodeText(file.open(), file.head)) {
    parser.write(chunk as string);
    if (failure) throw jsonError(failure);
    yield* ready;
    ready = [];
  }
  if (!parser.isEnded) parser.end();
  if (failure) throw jsonError(failure);
  yield* ready;
}

function jsonError(error: Error): Error {
  return new Error(`not valid JSON: ${error.message}`);
}

/** The first non-space characters of a file: enough to tell a JSON array from an object. */
export function jsonStart(head: Buffer, length = 200): string {
  return head.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "").replace(/\s+/g, "").slice(0, length);
}
