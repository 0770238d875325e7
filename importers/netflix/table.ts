import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import { csvHeader, headerConfidence, readCsvRows, requireColumns, type CsvRow } from "../csv.js";
import type { FieldValue, FileSample, Importer, ItemError, RecordDraft } from "../types.js";
import { parseUtcTime } from "./parse.js";
import { snakeCase } from "../text.js";
import { withNameHint } from "../confidence.js";
import { digest } from "../keys.js";

export type Fields = Record<string, FieldValue | undefined>;

/**
 * One CSV file of Netflix's personal-information export, described rather than coded: every
 * column becomes a snake_case field, so columns Netflix adds later are kept without a change here.
 */
export interface NetflixTable {
  id: string;
  /** What a person calls the file: `Netflix viewing activity`. */
  title: string;
  /** The export's name for the file; it only breaks ties between files with the same columns. */
  fileName: RegExp;
  /** Columns, as the export spells them, that the file cannot do without. */
  required: string[];
  /** Further columns the export is known to have; each one present raises the confidence. */
  known?: string[];
  /** The record kind, or how a row decides it. */
  kind: string | ((fields: Fields, file: FileSample) => string);
  /** Fields that together tell a row from every other one, in this and later exports. */
  key: string[];
  /** Fields that may hold the row's UTC time; the first one present is used. */
  time?: string[];
  recordTitle(fields: Fields): string | undefined;
  /** Search text, when more than the title is worth finding the record by. */
  text?(fields: Fields): string | undefined;
  /** Fields holding yes/no answers (`true`, `YES`, `1`), stored as booleans. */
  flags?: string[];
  /** Typed and derived fields from the row's text ones. */
  refine?(fields: Fields): Fields;
  fieldSensitivity: Record<string, SensitivitySpec>;
}

/** Field names the Netflix files share, shortened; every record keeps the `profile` it belongs to. */
const FIELD_ALIASES: Record<string, string> = { profile_name: "profile", title_name: "title" };

const YES = /^(true|yes|1)$/i;
const NO = /^(false|no|0)$/i;

/** The value of a field when it is text. */
export function textField(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === "string" ? value : undefined;
}

export function netflixTable(table: NetflixTable): Importer {
  const required = table.required.map(snakeCase);
  const known = [...required, ...(table.known ?? []).map(snakeCase)];
  const fieldNames = new Map<string, string>();

  function fieldName(column: string): string {
    let name = fieldNames.get(column);
    if (name === undefined) {
      const snake = snakeCase(column);
      name = FIELD_ALIASES[snake] ?? snake;
      fieldNames.set(column, name);
    }
    return name;
  }

  function rowFields(values: Record<string, string>): Fields {
    let fields: Fields = {};
    for (const [column, raw] of Object.entries(values)) {
      const value = raw.trim();
      if (value !== "") fields[fieldName(column)] = value;
    }
    for (const flag of table.flags ?? []) {
      const value = textField(fields, flag);
      if (value !== undefined && (YES.test(value) || NO.test(value))) fields[flag] = YES.test(value);
    }
    if (table.refine) fields = table.refine(fields);
    return fields;
  }

  function keyPart(name: string, value: FieldValue | undefined): string {
    if (value === undefined || value === null) return "";
    const text = typeof value === "string" ? value : JSON.stringify(value);
    // Keys are stored without sensitivity tags, so a highly sensitive value enters only as a digest.
    return table.fieldSensitivity[name]?.level === 3 ? `#${digest(text)}` : text;
  }

  function naturalKey(kind: string, fields: Fields): string {
    const parts = table.key.map((name) => keyPart(name, fields[name]));
    // A row lacking every key field is still told apart, stably, by its whole content.
    if (parts.every((part) => part === "")) return `${kind}|#${digest(JSON.stringify(fields))}`;
    return [kind, ...parts].join("|");
  }

  function toRecord(row: CsvRow, file: FileSample): RecordDraft | ItemError {
    const fields = rowFields(row.values);
    let time: Date | null = null;
    const timeField = table.time?.find((name) => textField(fields, name) !== undefined);
    if (timeField) {
      const text = textField(fields, timeField)!;
      const parsed = parseUtcTime(text);
      if (!parsed) return { type: "error", at: `row ${row.row}`, message: `unreadable ${timeField} "${text}"` };
      time = parsed.time;
      if (parsed.precision === "day") fields.time_precision = "day";
    }
    const kind = typeof table.kind === "string" ? table.kind : table.kind(fields, file);
    return {
      type: "record",
      kind,
      naturalKey: naturalKey(kind, fields),
      time,
      title: table.recordTitle(fields) ?? null,
      text: table.text?.(fields),
      fields,
      resume: row.row,
    };
  }

  return {
    id: table.id,
    platform: "netflix",
    title: table.title,
    detect(sample) {
      return withNameHint(headerConfidence(csvHeader(sample)?.map(snakeCase) ?? null, required, known), sample.name, table.fileName);
    },
    async *read(file) {
      requireColumns(file, table.required, table.title, snakeCase);
      for await (const row of readCsvRows(file)) yield "type" in row ? row : toRecord(row, file);
    },
    fieldSensitivity: table.fieldSensitivity,
  };
}
