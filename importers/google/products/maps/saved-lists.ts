import { csvHeader, readCsvRows } from "../../../csv.js";
import type { FileSample, Importer, ReadItem } from "../../../types.js";
import { compact, folders, type Fields } from "../shared.js";
import { snakeCase } from "../../../text.js";
import { digest } from "../../../keys.js";

/** Column names in the account languages, by the field they become. */
const COLUMNS: Record<string, string[]> = {
  title: ["title", "titel", "titolo", "titre", "título"],
  note: ["note", "notiz", "nota", "remarque"],
  url: ["url"],
  comment: ["comment", "kommentar", "commento", "commentaire", "comentario"],
  tags: ["tags", "etiketten", "tag"],
};
const FIELD_OF = new Map(Object.entries(COLUMNS).flatMap(([field, names]) => names.map((name) => [name, field])));

/** The folder of the lists: `Saved`, German `Gespeichert`, Italian `Salvati`, … */
const FOLDER = /^(Saved|Gespeichert|Salvati|Enregistrés|Guardados|Guardado)$/i;

/**
 * `Saved/<list>.csv`: one file per list saved in Google Maps (`Want to go`, `Favourite places`,
 * the user's own), `Title,Note,URL` and in newer exports `Tags,Comment`. The list is named by the
 * file.
 */
export const savedListsImporter: Importer = {
  id: "google.maps.saved-lists",
  platform: "google_maps",
  title: "Google Maps saved lists",
  detect(sample) {
    const fields = csvHeader(sample)?.map(fieldOf) ?? [];
    if (fields[0] !== "title" || !fields.includes("url") || !fields.includes("note")) return 0;
    return inListsFolder(sample) ? 1 : 0.9;
  },
  async *read(file) {
    const list = file.name.replace(/\.csv$/i, "");
    for await (const row of readCsvRows(file)) {
      if ("type" in row) {
        yield row;
        continue;
      }
      const fields: Fields = { list };
      for (const [column, value] of Object.entries(row.values)) fields[fieldOf(column)] = value.trim();
      const item = listItem(compact(fields), row.row);
      if (item) yield item;
    }
  },
  fieldSensitivity: {
    url: { level: 3, categories: ["location"], reason: "may hold the place's coordinates" },
    note: { level: 2, categories: ["communications"], reason: "your own note on the place" },
    comment: { level: 2, categories: ["communications"], reason: "your own note on the place" },
  },
};

function fieldOf(column: string): string {
  return FIELD_OF.get(column.trim().toLowerCase()) ?? snakeCase(column);
}

function inListsFolder(sample: FileSample): boolean {
  return FOLDER.test(folders(sample.path).at(-1) ?? "");
}

function listItem(fields: Fields, row: number): ReadItem | undefined {
  const title = fields.title as string | undefined;
  const url = fields.url as string | undefined;
  // The exports write an empty row under the header, where a list description would go.
  if (Object.keys(fields).length === 1) return undefined;
  if (!title && !url) return { type: "error", at: `row ${row}`, message: "neither title nor URL" };
  return {
    type: "record",
    kind: "list_item",
    naturalKey: `list_item|${fields.list as string}|#${digest(url ?? title!)}`,
    time: null,
    title: title ?? null,
    url: url ?? null,
    fields,
    resume: row,
  };
}
