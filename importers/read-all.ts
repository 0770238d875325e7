import type { FileInput, Importer, ItemError, RecordDraft } from "./types.js";

/** Every record and error an importer reads from a file; for tests and small files only. */
export async function readAll(importer: Importer, file: FileInput): Promise<{ records: RecordDraft[]; errors: ItemError[] }> {
  const records: RecordDraft[] = [];
  const errors: ItemError[] = [];
  for await (const item of importer.read(file)) {
    if (item.type === "record") records.push(item);
    else errors.push(item);
  }
  return { records, errors };
}
