import type { InArgs } from "@libsql/client";
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import type { FieldValue, Importer, RecordDraft } from "../../importers/types.js";
import type { Vault } from "../db/open.js";
import { fields, imports, records } from "../db/schema.js";
import { declaredSensitivity, tagField } from "../sensitivity/tag.js";

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
 *
 * This is the import's hot path, so it speaks SQL to the client directly: building these
 * statements through drizzle's query builder took half the import's time. Table and column
 * names still come from the drizzle schema.
 */
export async function storeBatch(vault: Vault, importer: Importer, drafts: RecordDraft[], state: ImportState): Promise<number> {
  const tx = await vault.client.transaction("write");
  try {
    let added = 0;
    for (let offset = 0; offset < drafts.length; offset += ROWS_PER_INSERT) {
      const chunk = drafts.slice(offset, offset + ROWS_PER_INSERT);
      const inserted = await tx.execute(
        insertSql(
          records,
          ["platform", "kind", "naturalKey", "occurredAt", "title", "text", "url", "importId", "importer"],
          chunk.map((draft) => [
            draft.platform ?? importer.platform,
            draft.kind,
            draft.naturalKey,
            draft.time?.getTime() ?? null,
            draft.title,
            draft.text ?? draft.title,
            draft.url ?? null,
            state.importId,
            importer.id,
          ]),
          `ON CONFLICT DO NOTHING RETURNING ${column(records, "id")}, ${column(records, "platform")}, ${column(records, "naturalKey")}`,
        ),
      );
      added += inserted.rows.length;

      const newIds = new Map(inserted.rows.map((row) => [`${row[1]}\u0000${row[2]}`, Number(row[0])]));
      const fieldRows = chunk.flatMap((draft) => {
        const platform = draft.platform ?? importer.platform;
        const key = `${platform}\u0000${draft.naturalKey}`;
        const recordId = newIds.get(key);
        if (recordId === undefined) return [];
        newIds.delete(key); // a key repeated within the batch was inserted once
        return Object.entries(draft.fields).flatMap(([name, value]) => {
          if (value === undefined || value === null || value === "") return [];
          const json = JSON.stringify(value);
          return [[recordId, name, json, ...tagColumns(importer, platform, draft.kind, name, value, json)]];
        });
      });
      for (let start = 0; start < fieldRows.length; start += ROWS_PER_INSERT) {
        await tx.execute(insertSql(fields, ["recordId", "name", "value", "level", "categories", "reason", "spans"], fieldRows.slice(start, start + ROWS_PER_INSERT)));
      }
    }
    await tx.execute(updateImportSql(state, added));
    await tx.commit();
    return added;
  } finally {
    tx.close();
  }
}

type Row = InArgs & unknown[];
type TagColumns = [level: number, categories: string, reason: string, spans: string];

/** Values no longer than this have their tags remembered: products, actions, channels, settings repeat on record after record. */
const MAX_REMEMBERED_CHARS = 200;
/** Tags remembered at most; the memory starts over beyond. */
const MAX_REMEMBERED_TAGS = 50_000;
const rememberedTags = new Map<string, TagColumns>();

/** A field's tag as stored: computed once per short value, since tagging is a sixth of an import. */
function tagColumns(importer: Importer, platform: string, kind: string, field: string, value: FieldValue, json: string): TagColumns {
  const key = json.length <= MAX_REMEMBERED_CHARS ? `${importer.id}\u0000${platform}\u0000${kind}\u0000${field}\u0000${json}` : null;
  const remembered = key === null ? undefined : rememberedTags.get(key);
  if (remembered) return remembered;
  const tag = tagField({ platform, kind, field, value, declared: declaredSensitivity(importer, field) });
  const columns: TagColumns = [tag.level, JSON.stringify(tag.categories), tag.reason, JSON.stringify(tag.spans)];
  if (key !== null) {
    if (rememberedTags.size >= MAX_REMEMBERED_TAGS) rememberedTags.clear();
    rememberedTags.set(key, columns);
  }
  return columns;
}

function column<T extends Table>(table: T, key: keyof T["_"]["columns"] & string): string {
  return `"${(getTableColumns(table) as Record<string, { name: string }>)[key]!.name}"`;
}

/** Statement texts by table, columns and row count (at most ROWS_PER_INSERT of them per table): batches repeat them. */
const statements = new Map<string, string>();

function insertSql<T extends Table>(table: T, keys: (keyof T["_"]["columns"] & string)[], rows: Row[], tail = "") {
  const name = getTableName(table);
  const id = `${name}|${keys.join(",")}|${rows.length}|${tail}`;
  let sql = statements.get(id);
  if (sql === undefined) {
    const placeholders = `(${keys.map(() => "?").join(", ")})`;
    sql = `INSERT INTO "${name}" (${keys.map((key) => column(table, key)).join(", ")}) VALUES ${Array(rows.length).fill(placeholders).join(", ")} ${tail}`;
    statements.set(id, sql);
  }
  return { sql, args: rows.flat() as Row };
}

function updateImportSql(state: ImportState, added: number) {
  const set = (["recordsSeen", "recordsAdded", "errors", "checkpoint"] as const).map((key) => `${column(imports, key)} = ?`).join(", ");
  return {
    sql: `UPDATE "${getTableName(imports)}" SET ${set} WHERE ${column(imports, "id")} = ?`,
    args: [state.recordsSeen, state.recordsAdded + added, JSON.stringify(state.errors), JSON.stringify(state.checkpoint ?? null), state.importId],
  };
}
