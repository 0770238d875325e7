import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import { csvHeader, headerConfidence, requireColumns } from "../csv.js";
import type { FieldValue, FileSample, Importer } from "../types.js";
import { csvSource, keyedRecords, keyPart, type KeyedRecord } from "./records.js";
import { countField, dateField, flagField, moneyField, timeOf, value } from "./values.js";
import { snakeCase } from "../text.js";
import { withNameHint } from "../confidence.js";
import { digest } from "../keys.js";

export type Fields = Record<string, FieldValue | undefined>;

/**
 * One of the many small CSV files of Amazon's export, described rather than coded: every column
 * becomes a snake_case field (`OrderId` and `Order ID` alike become `order_id`), placeholders such
 * as `N/A` are left out, and columns Amazon adds later are kept without a change here.
 */
export interface AmazonTable {
  id: string;
  platform: string;
  /** What a person calls the file: `Amazon shopping cart`. */
  title: string;
  /** The export's name for the file; it only breaks ties between files with the same columns. */
  fileName: RegExp;
  /**
   * Columns the file cannot do without, as the export spells them; a list stands for columns
   * that different years' exports name differently, any one of which will do.
   */
  required: (string | string[])[];
  /** Further columns the export is known to have; each one present raises the confidence. */
  known?: string[];
  /** Columns without which a row is not read but reported: those the key or title rest on. */
  rowRequires?: string[];
  kind: string;
  /** Tells the file's records from other files' of the same kind: `cart` in `list_item:cart:…`. */
  keyScope?: string;
  /** Fields that together tell a row from every other one of the file, in this and later exports. */
  key: string[];
  /** Fields that may hold the row's UTC time; the first one present is used. */
  time?: string[];
  /** Fields holding amounts, dates, counts and yes/no answers, stored as numbers, ISO dates, booleans. */
  money?: string[];
  dates?: string[];
  counts?: string[];
  flags?: string[];
  /** Derived fields, e.g. the name of the list the row belongs to. */
  refine?(fields: Fields): Fields;
  recordTitle(fields: Fields): string | undefined;
  url?(fields: Fields): string | null;
  fieldSensitivity: Record<string, SensitivitySpec>;
  /** The sensitivity of every column not in `fieldSensitivity`, when it is not the default. */
  defaultSensitivity?: SensitivitySpec;
}

/** The value of a field when it is text. */
export function textField(fields: Fields, name: string): string | undefined {
  const field = fields[name];
  return typeof field === "string" ? field : undefined;
}

/** The columns a header must have, one per requirement, or null when one is missing. */
function requiredColumns(header: string[], required: AmazonTable["required"]): string[] | null {
  const columns = new Set(header.map(snakeCase));
  const found = required.map((names) => [names].flat().find((name) => columns.has(snakeCase(name))));
  return found.every((name) => name !== undefined) ? (found as string[]) : null;
}

export function amazonTable(table: AmazonTable): Importer {
  const fieldNames = new Map<string, string>();
  function fieldName(column: string): string {
    let name = fieldNames.get(column);
    if (name === undefined) fieldNames.set(column, (name = snakeCase(column)));
    return name;
  }
  const converters: [string[] | undefined, (raw: string) => FieldValue | undefined][] = [
    [table.money, moneyField],
    [table.dates, dateField],
    [table.counts, countField],
    [table.flags, flagField],
  ];
  const convert = new Map(converters.flatMap(([names, to]) => (names ?? []).map((name) => [name, to] as const)));

  function toRecord(values: Record<string, string>): KeyedRecord | string {
    let fields: Fields = {};
    for (const column of Object.keys(values)) {
      const raw = value(values, column);
      const name = fieldName(column);
      if (raw !== undefined) fields[name] = convert.get(name)?.(raw) ?? raw;
    }
    const absent = table.rowRequires?.find((column) => fields[snakeCase(column)] === undefined);
    if (absent) return `the row has no ${absent}`;
    if (table.refine) fields = table.refine(fields);
    const timeField = table.time?.find((name) => textField(fields, name) !== undefined);
    // Key fields a row lacks are left out, as layouts of different years name different ones; a
    // row lacking them all is still told apart, stably, by its whole content.
    const parts = table.key.map((name) => keyPart(fields[name], table.fieldSensitivity[name]?.level === 3)).filter((part) => part !== "");
    const identity = parts.length > 0 ? parts : [`#${digest(JSON.stringify(fields))}`];
    return {
      kind: table.kind,
      key: [table.kind, ...(table.keyScope ? [table.keyScope] : []), ...identity].join(":"),
      time: timeField ? timeOf(textField(fields, timeField)) : null,
      title: table.recordTitle(fields) ?? null,
      url: table.url?.(fields) ?? null,
      fields,
    };
  }

  return {
    id: table.id,
    platform: table.platform,
    title: table.title,
    detect(sample: FileSample) {
      const header = csvHeader(sample);
      const required = header && requiredColumns(header, table.required);
      if (!header || !required) return 0;
      const known = [...required, ...(table.known ?? [])].map(snakeCase);
      return withNameHint(headerConfidence(header.map(snakeCase), required.map(snakeCase), known), sample.name, table.fileName);
    },
    async *read(file) {
      const header = csvHeader(file) ?? [];
      const missing = table.required.filter((names) => !requiredColumns(header, [names])).map((names) => [names].flat()[0]!);
      requireColumns(file, missing, table.title, snakeCase);
      yield* keyedRecords(csvSource(file), file.resume, toRecord);
    },
    fieldSensitivity: table.fieldSensitivity,
    defaultSensitivity: table.defaultSensitivity,
  };
}
