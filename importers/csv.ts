import Papa from "papaparse";
import { importLimits, sizeText } from "../src/import/limits.js";
import type { FileInput, FileSample, ItemError } from "./types.js";
import { decodeText, firstLine } from "./text.js";

/** One data row of a CSV file, by column name, with its 1-based row number (header excluded). */
export interface CsvRow {
  row: number;
  values: Record<string, string>;
}

/** Column names as they appear in the header row: BOM, quotes and outer spaces removed. */
export function csvHeader(sample: FileSample): string[] | null {
  const line = firstLine(sample.head);
  if (line === null || line.trim() === "") return null;
  const parsed = Papa.parse<string[]>(line, { header: false });
  const header = parsed.data[0]?.map(normalizeColumn);
  return header && header.length > 0 ? header : null;
}

function normalizeColumn(name: string): string {
  return name.replace(/^\uFEFF/, "").trim();
}

/**
 * How well a header matches a known one: 0 unless every `required` column is there; then 0.8,
 * plus up to 0.2 for the share of `known` columns present, so the closest importer wins.
 */
export function headerConfidence(header: string[] | null, required: string[], known: string[] = required): number {
  if (!header) return 0;
  const columns = new Set(header.map((column) => column.toLowerCase()));
  if (!required.every((column) => columns.has(column.toLowerCase()))) return 0;
  const present = known.filter((column) => columns.has(column.toLowerCase())).length;
  return 0.8 + (0.2 * present) / Math.max(known.length, 1);
}

/**
 * Streams a CSV file's rows with the header as keys. Malformed rows come out as errors with their
 * row number. Rows up to a numeric `file.resume` are skipped, so an interrupted import goes on
 * where it stopped.
 */
export async function* readCsvRows(file: FileInput): AsyncGenerator<CsvRow | ItemError> {
  const { csvRowChars, csvColumns } = file.limits ?? importLimits();
  const skipThrough = typeof file.resume === "number" ? file.resume : 0;
  let header: string[] | null = null;
  let rowNumber = 0;
  let carry = "";
  const rowTooLong = () => new Error(`row ${rowNumber + 1} is longer than ${sizeText(csvRowChars)} (a file without line breaks?)`);

  // Papa parses what has arrived; the last row may be cut off mid-way, so it is carried over and
  // parsed again with the next chunk. Pulling chunk by chunk keeps memory bounded.
  function* parse(text: string, atEnd: boolean): Generator<CsvRow | ItemError> {
    const rows: { data: string[]; errors: Papa.ParseError[]; end: number }[] = [];
    Papa.parse<string[]>(text, {
      header: false,
      step: (result) => rows.push({ data: result.data, errors: result.errors, end: result.meta.cursor }),
    });
    const complete = atEnd ? rows : rows.slice(0, -1);
    carry = atEnd ? "" : text.slice(complete.at(-1)?.end ?? 0);
    if (carry.length > csvRowChars) throw rowTooLong();
    for (const { data, errors } of complete) {
      if (data.length === 1 && data[0]!.trim() === "") continue;
      if (!header) {
        if (data.length > csvColumns) throw new Error(`the header row has ${data.length} columns, more than the ${csvColumns} any export has`);
        header = data.map(normalizeColumn);
        continue;
      }
      rowNumber++;
      if (rowNumber <= skipThrough) continue;
      const error = errors[0]?.message ?? fieldCountError(header.length, data.length);
      if (error) {
        yield { type: "error", at: `row ${rowNumber}`, message: error };
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((column, index) => (values[column] = data[index] ?? ""));
      yield { row: rowNumber, values };
    }
  }

  for await (const chunk of decodeText(file.open(), file.head)) {
    const text = chunk as string;
    // A row can only end at a line break: without one, parsing the carried row again is wasted
    // (and would make a file without line breaks quadratic).
    if (carry.length > 0 && !/[\r\n]/.test(text)) {
      carry += text;
      if (carry.length > csvRowChars) throw rowTooLong();
    } else yield* parse(carry + text, false);
  }
  yield* parse(carry, true);
}

function fieldCountError(expected: number, found: number): string | undefined {
  if (found === expected) return undefined;
  return `expected ${expected} fields but found ${found}`;
}

/** Trimmed value of a column, or undefined when it is empty or one of the export's placeholders. */
export function cell(values: Record<string, string>, column: string, placeholders: readonly string[] = []): string | undefined {
  const value = values[column]?.trim();
  if (value === undefined || value === "" || placeholders.includes(value)) return undefined;
  return value;
}

/**
 * Throws a clear error when a file lacks columns its importer needs. `normalize` compares names
 * the way the importer reads them (e.g. snake_case, so `profileName` matches `Profile Name`).
 */
export function requireColumns(file: FileSample, required: string[], readAs: string, normalize = (name: string) => name): void {
  const header = new Set(csvHeader(file)?.map(normalize));
  const missing = required.filter((column) => !header.has(normalize(column)));
  if (missing.length === 0) return;
  const columns = missing.map((column) => `"${column}"`).join(", ");
  throw new Error(`missing column${missing.length > 1 ? "s" : ""} ${columns}, needed to read it as ${readAs}`);
}
