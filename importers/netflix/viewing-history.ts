import { cell, csvHeader, headerConfidence, readCsvRows, requireColumns } from "../csv.js";
import type { FileInput, Importer, ReadItem } from "../types.js";
import { DateOrderEvidence, parseLocaleDate, splitEpisodeTitle, type DateReading } from "./parse.js";

const COLUMNS = ["Title", "Date"];

/**
 * `NetflixViewingHistory.csv` (Account → Viewing activity → Download all): one profile's titles,
 * one row per title and day, dated in the account's locale. Whether `01/02/22` is 1 February or
 * 2 January only the whole file can tell, so it is read twice: once for the date order, once for
 * the records.
 */
export const viewingHistoryImporter: Importer = {
  id: "netflix.viewing-history",
  platform: "netflix",
  title: "Netflix viewing history",
  detect(sample) {
    const header = csvHeader(sample);
    // `Title,Date` and nothing else; the file's usual name breaks a tie with any look-alike.
    if (header?.length !== COLUMNS.length || headerConfidence(header, COLUMNS) === 0) return 0;
    return /^NetflixViewingHistory.*\.csv$/i.test(sample.name) ? 1 : 0.9;
  },
  async *read(file) {
    requireColumns(file, COLUMNS, viewingHistoryImporter.title);
    const reading = await dateReadingOf(file);
    for await (const row of readCsvRows(file)) yield "type" in row ? row : viewing(row.row, row.values, reading);
  },
};

/** The first pass: how the whole file writes dates, whatever row an import resumes at. */
async function dateReadingOf(file: FileInput): Promise<DateReading> {
  const evidence = new DateOrderEvidence();
  for await (const row of readCsvRows({ ...file, resume: null })) {
    if (!("type" in row)) evidence.add(row.values.Date ?? "");
  }
  return evidence.conclusion();
}

function viewing(row: number, values: Record<string, string>, reading: DateReading): ReadItem {
  const title = cell(values, "Title");
  const exported = cell(values, "Date");
  if (!title) return { type: "error", at: `row ${row}`, message: "no title" };
  const parsed = exported === undefined ? undefined : parseLocaleDate(exported, reading);
  if (!parsed) return { type: "error", at: `row ${row}`, message: `unreadable date "${exported ?? ""}"` };
  const day = parsed.date.toISOString().slice(0, 10);
  return {
    type: "record",
    kind: "viewing",
    naturalKey: `viewing|${day}|${title}`,
    time: parsed.date,
    title,
    fields: {
      title,
      ...splitEpisodeTitle(title),
      date: day,
      date_as_exported: exported,
      date_order: parsed.order,
      // Shown so a person can check, and correct, a guess the file itself could not settle.
      date_order_assumed: parsed.assumed,
      time_precision: "day",
    },
    resume: row,
  };
}
