import { eq } from "drizzle-orm";
import type { Importer, RecordDraft } from "../../importers/types.js";
import type { VaultDb } from "../db/open.js";
import { fields, imports, records } from "../db/schema.js";
import { tagField } from "../sensitivity/tag.js";

/** Rows per INSERT: keeps each statement well under SQLite's limit on bound parameters. */
const ROWS_PER_INSERT = 500;

/** Where an import stands after a batch: stored with the batch, so a crash never splits them. */
export interface ImportState {
  importId: number;
  recordsSeen: number;
  recordsAdded: number;
  errors: string[];
  checkpoint: unknown;
}

/**
 * Stores a batch of records with their tagged fields, and the import's new state, in one
 * transaction. Records whose natural key the vault already holds are skipped, so re-importing
 * adds nothing twice. Returns how many records were new.
 */
export async function storeBatch(db: VaultDb, importer: Importer, drafts: RecordDraft[], state: ImportState): Promise<number> {
  return db.transaction(async (tx) => {
    let added = 0;
    for (let offset = 0; offset < drafts.length; offset += ROWS_PER_INSERT) {
      const chunk = drafts.slice(offset, offset + ROWS_PER_INSERT);
      const inserted = await tx
        .insert(records)
        .values(
          chunk.map((draft) => ({
            platform: draft.platform ?? importer.platform,
            kind: draft.kind,
            naturalKey: draft.naturalKey,
            occurredAt: draft.time,
            title: draft.title,
            text: draft.text ?? draft.title,
            url: draft.url ?? null,
            importId: state.importId,
            importer: importer.id,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: records.id, platform: records.platform, naturalKey: records.naturalKey });
      added += inserted.length;

      const newIds = new Map(inserted.map((row) => [`${row.platform}\u0000${row.naturalKey}`, row.id]));
      const fieldRows = chunk.flatMap((draft) => {
        const platform = draft.platform ?? importer.platform;
        const key = `${platform}\u0000${draft.naturalKey}`;
        const recordId = newIds.get(key);
        if (recordId === undefined) return [];
        newIds.delete(key); // a key repeated within the batch was inserted once
        return Object.entries(draft.fields).flatMap(([name, value]) => {
          if (value === undefined || value === null || value === "") return [];
          const tag = tagField({ platform, kind: draft.kind, field: name, value, declared: importer.fieldSensitivity?.[name] });
          return [{ recordId, name, value, level: tag.level, categories: tag.categories, reason: tag.reason }];
        });
      });
      for (let start = 0; start < fieldRows.length; start += ROWS_PER_INSERT) {
        await tx.insert(fields).values(fieldRows.slice(start, start + ROWS_PER_INSERT));
      }
    }
    await tx
      .update(imports)
      .set({
        recordsSeen: state.recordsSeen,
        recordsAdded: state.recordsAdded + added,
        errors: state.errors,
        checkpoint: state.checkpoint,
      })
      .where(eq(imports.id, state.importId));
    return added;
  });
}
