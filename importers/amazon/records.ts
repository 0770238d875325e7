import { readCsvRows } from "../csv.js";
import type { FieldValue, FileInput, ItemError, ReadItem } from "../types.js";
import { digest } from "../keys.js";

/**
 * One item of a file (a CSV row by column name, a JSON array element), or why it could not be
 * read; `position` counts items from 1 and is the item's resume token, `at` is how a person finds
 * it (`row 7`, `item 7`).
 */
export type SourceItem<T = Record<string, string>> =
  | { position: number; at: string; values: T }
  | { position: number; error: ItemError };

/** A record as a format reads it, with the key that `keyedRecords` makes unique within the file. */
export interface KeyedRecord {
  kind: string;
  /** The natural key of the item's first occurrence in the file, prefixed with the kind. */
  key: string;
  time: Date | null;
  title: string | null;
  url: string | null;
  fields: Record<string, FieldValue | undefined>;
}

/**
 * Reads one item into a record; a string says why the item is not one (an error), null that it
 * carries no record of its own (e.g. a wish list's header, which its items take their list from).
 */
export type ToRecord<T> = (values: T) => KeyedRecord | string | null;

/**
 * Turns a file's items into records, adding `:<n>` to the key of the n-th item that repeats an
 * earlier one's, so that identical rows (the same ASIN twice in one order) are all kept and keyed
 * the same way in every export.
 *
 * Counting occurrences (and, for some formats, state such as the current wish list) needs every
 * earlier item, so the source is read from the top even when an import resumes: items up to
 * `resume` are read but not yielded again.
 */
export async function* keyedRecords<T>(source: AsyncIterable<SourceItem<T>>, resume: unknown, toRecord: ToRecord<T>): AsyncGenerator<ReadItem> {
  const skipThrough = typeof resume === "number" ? resume : 0;
  const occurrences = new Map<string, number>();
  for await (const item of source) {
    const done = item.position <= skipThrough;
    if ("error" in item) {
      if (!done) yield item.error;
      continue;
    }
    const record = toRecord(item.values);
    if (record === null) continue;
    if (typeof record === "string") {
      if (!done) yield { type: "error", at: item.at, message: record };
      continue;
    }
    const occurrence = (occurrences.get(record.key) ?? 0) + 1;
    occurrences.set(record.key, occurrence);
    if (done) continue;
    const { key, ...rest } = record;
    yield { type: "record", ...rest, naturalKey: occurrence === 1 ? key : `${key}:${occurrence}`, resume: item.position };
  }
}

/** A CSV file's rows from the top, whatever `file.resume` says (see `keyedRecords`). */
export async function* csvSource(file: FileInput): AsyncGenerator<SourceItem> {
  let position = 0;
  for await (const row of readCsvRows({ ...file, resume: null })) {
    // Every data row comes out once, read or as an error, so an error takes the next row number.
    position = "row" in row ? row.row : position + 1;
    yield "row" in row ? { position, at: `row ${position}`, values: row.values } : { position, error: row };
  }
}

/**
 * A value as part of a natural key. Keys are stored without sensitivity tags, so a highly
 * sensitive value (an e-mail address, a card) enters one only as a digest.
 */
export function keyPart(value: FieldValue | undefined, highlySensitive = false): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return highlySensitive ? `#${digest(text)}` : text;
}
