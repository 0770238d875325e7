import { EventEmitter, once } from "node:events";
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import Papa from "papaparse";
import { confirmationAnswer, type Approval } from "../agent/ask.js";
import type { Vault } from "../db/open.js";
import { records } from "../db/schema.js";
import { disclose, type DisclosedRecord } from "../policy/gateway.js";
import { listRecords, type StoredRecord } from "./queries.js";

export type ExportFormat = "jsonl" | "csv";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["jsonl", "csv"];

export interface ExportOptions {
  format: ExportFormat;
  platform?: string;
  kind?: string;
  /** The answer to the `export` rules' asks: every asked field, none (the default), or `<record>.<field>` ids. */
  approve?: Approval;
  /** Records read, decided on and written at a time: what bounds the memory an export takes. */
  pageSize?: number;
}

export interface ExportReport {
  /** Records written (those with at least one field the rules let out) and their fields. */
  records: number;
  fields: number;
  /** Fields left out: asked about and not approved, and denied by the rules. */
  left_out: { asked: number; denied: number };
  /** Records left out because none of their fields could go. */
  records_left_out: number;
  /** Audit entries written: one per page of records and per basis that let fields go. */
  audit_entries: number;
}

/** The CSV layout: one row per field, the record's columns repeated on each of its rows. */
export const CSV_COLUMNS = ["record_id", "platform", "kind", "time", "title", "url", "field", "value", "level", "categories"] as const;

const DEFAULT_PAGE_SIZE = 500;

/** Where the export goes: a stream, whose backpressure is honoured, or anything that writes text. */
export interface ExportSink {
  write(text: string): unknown;
}

/**
 * Writes the vault out, page by page, through the disclosure gateway for the `export`
 * destination: denied fields never go, asked fields only when approved, and each page's
 * disclosure is in the audit log before it is written. Memory holds one page at a time, and
 * writing waits for the output to drain.
 *
 * JSONL: one line per record, `{id, platform, kind, time, title, url, fields: [{name, value,
 * level, categories}]}`. CSV: a header, then one row per field (CSV_COLUMNS); values that are
 * not text are written as JSON, categories joined by `;`, and a value a spreadsheet would run as
 * a formula (starting with = + - @) gets a leading `'`.
 */
export async function exportVault(vault: Vault, out: ExportSink, options: ExportOptions): Promise<ExportReport> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const answer = confirmationAnswer(options.approve);
  const report: ExportReport = { records: 0, fields: 0, left_out: { asked: 0, denied: 0 }, records_left_out: 0, audit_entries: 0 };
  const write = async (text: string) => {
    if (out.write(text) === false && out instanceof EventEmitter) await once(out, "drain");
  };
  if (options.format === "csv") await write(Papa.unparse([CSV_COLUMNS as unknown as string[]]) + "\r\n");

  let after = 0;
  for (;;) {
    const page = await nextPage(vault, options, after, pageSize);
    if (page.length === 0) break;
    after = page.at(-1)!.id;
    const result = await disclose(vault, {
      records: page,
      destination: "export",
      purpose: `export as ${options.format}`,
      mode: "privacy-aware",
      autonomy: "intermediate",
      confirm: async () => answer,
    });
    const approved = result.audit.filter((entry) => entry.basis === "confirmation").reduce((sum, entry) => sum + entry.field_count, 0);
    report.left_out.asked += result.plan.confirm.length - approved;
    report.left_out.denied += result.plan.withhold.length;
    report.audit_entries += result.audit.length;
    report.records_left_out += page.length - result.payload.length;
    const tagsOf = new Map(page.map((record) => [record.id, new Map(record.fields.map((field) => [field.name, field]))]));
    const lines = result.payload.map((record) => {
      const fields = Object.entries(record.fields).map(([name, value]) => {
        const { level, categories } = tagsOf.get(record.id)!.get(name)!;
        return { name, value, level, categories };
      });
      report.records++;
      report.fields += fields.length;
      return options.format === "jsonl" ? `${JSON.stringify({ ...record, fields })}\n` : csvRows(record, fields);
    });
    await write(lines.join(""));
  }
  return report;
}

/** The next records after `after` in id order, each with its fields. */
async function nextPage(vault: Vault, options: ExportOptions, after: number, pageSize: number): Promise<StoredRecord[]> {
  const conditions: SQL[] = [gt(records.id, after)];
  if (options.platform) conditions.push(eq(records.platform, options.platform));
  if (options.kind) conditions.push(eq(records.kind, options.kind));
  const ids = await vault.db.select({ id: records.id }).from(records).where(and(...conditions)).orderBy(asc(records.id)).limit(pageSize);
  if (ids.length === 0) return [];
  const page = await listRecords(vault.db, { ids: ids.map((row) => row.id), limit: pageSize });
  return page.sort((a, b) => a.id - b.id);
}

type TaggedField = { name: string; value: DisclosedRecord["fields"][string]; level: number; categories: string[] };

function csvRows(record: DisclosedRecord, fields: TaggedField[]): string {
  const rows = fields.map((field) => [
    record.id,
    record.platform,
    record.kind,
    record.time ?? "",
    record.title ?? "",
    record.url ?? "",
    field.name,
    typeof field.value === "string" ? field.value : JSON.stringify(field.value),
    field.level,
    field.categories.join(";"),
  ]);
  return Papa.unparse(rows, { escapeFormulae: true, newline: "\r\n" }) + "\r\n";
}
