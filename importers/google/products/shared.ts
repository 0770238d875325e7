import Papa from "papaparse";
import { parseUtcTime } from "../../netflix/parse.js";
import { looksBinary, sniffEncoding } from "../../text.js";
import type { FieldValue, FileSample } from "../../types.js";

export type Fields = Record<string, FieldValue | undefined>;

/** A Takeout timestamp (`2023-09-19T17:42:53.434647+00:00`, `2020-05-13 19:04:20 UTC`) as a Date, or null. */
export function takeoutTime(text: string | undefined): Date | null {
  return text === undefined ? null : (parseUtcTime(text)?.time ?? null);
}

/**
 * The first rows of a CSV file's head, header included, cells trimmed: enough to judge a file by
 * its values when its header is localised. A row the head cuts off is left out.
 */
export function csvHeadRows(sample: FileSample, limit = 20): string[][] {
  if (sample.head.length === 0 || looksBinary(sample.head)) return [];
  let text = new TextDecoder(sniffEncoding(sample.head)).decode(sample.head);
  if (sample.size === null || sample.size > sample.head.length) text = text.slice(0, text.lastIndexOf("\n") + 1);
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: "greedy", preview: limit }).data;
  return rows.map((row) => row.map((value) => value.replace(/^\uFEFF/, "").trim()));
}

/** True when most of the sampled rows (a damaged one may be among them) have the expected shape. */
export function mostly<T>(rows: T[], shaped: (row: T) => boolean): boolean {
  return rows.length > 0 && rows.filter(shaped).length * 3 >= rows.length * 2;
}

/** Leaves out the fields that are undefined, empty text, or empty lists. */
export function compact(fields: Fields): Fields {
  const kept: Fields = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    kept[name] = value;
  }
  return kept;
}

/** The folders of a path inside a Takeout, e.g. `["Takeout", "Maps (your places)"]`. */
export function folders(path: string): string[] {
  return path.split(/[\\/]/).slice(0, -1);
}
