import { setImmediate as nextTurn } from "node:timers/promises";
import { count, eq, gt } from "drizzle-orm";
import { importers as allImporters } from "../../importers/index.js";
import type { Importer } from "../../importers/types.js";
import type { Vault } from "../db/open.js";
import { fields, records, settings } from "../db/schema.js";
import { declaredSensitivity, TAGGER_VERSION, tagField } from "./tag.js";

/** Fields read and re-tagged per transaction: bounded memory on a vault of any size. */
const BATCH_SIZE = 1000;
/** The `settings` key holding the tagger version the vault's tags were made with. */
export const TAGGER_VERSION_KEY = "tagger_version";

export interface RetagProgress {
  /** Fields looked at so far, of `total`. */
  done: number;
  total: number;
  /** Fields whose level, categories, reason or spans changed. */
  changed: number;
}

export interface RetagOptions {
  onProgress?: (progress: RetagProgress) => void;
  /** Where the fields' declared defaults come from; every importer by default. */
  importers?: readonly Importer[];
}

/**
 * Applies `tagField` again to every stored field, in id order and in batches, and writes back
 * the fields whose tag changed, a batch per transaction. An interrupted run leaves every field
 * either with its old tag or its new one; running it again finishes the job.
 */
export async function retagVault(vault: Vault, options: RetagOptions = {}): Promise<RetagProgress> {
  const byId = new Map((options.importers ?? allImporters).map((importer) => [importer.id, importer]));
  const [{ total } = { total: 0 }] = await vault.db.select({ total: count() }).from(fields);
  const progress: RetagProgress = { done: 0, total, changed: 0 };
  for (let after = 0; ; ) {
    const rows = await vault.db
      .select({
        id: fields.id,
        name: fields.name,
        value: fields.value,
        level: fields.level,
        categories: fields.categories,
        reason: fields.reason,
        spans: fields.spans,
        platform: records.platform,
        kind: records.kind,
        importer: records.importer,
      })
      .from(fields)
      .innerJoin(records, eq(records.id, fields.recordId))
      .where(gt(fields.id, after))
      .orderBy(fields.id)
      .limit(BATCH_SIZE);
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;

    const updates = rows.flatMap((row) => {
      const declared = declaredSensitivity(byId.get(row.importer), row.name);
      const tag = tagField({ platform: row.platform, kind: row.kind, field: row.name, value: row.value, declared });
      const unchanged =
        tag.level === row.level && tag.reason === row.reason && JSON.stringify(tag.categories) === JSON.stringify(row.categories) && JSON.stringify(tag.spans) === JSON.stringify(row.spans);
      return unchanged ? [] : [vault.db.update(fields).set({ level: tag.level, categories: tag.categories, reason: tag.reason, spans: tag.spans }).where(eq(fields.id, row.id))];
    });
    const [first, ...rest] = updates;
    if (first) await vault.db.batch([first, ...rest]);
    progress.done += rows.length;
    progress.changed += updates.length;
    options.onProgress?.({ ...progress });
    // A local vault's statements run on this thread: between batches, the web server answers.
    await nextTurn();
  }
  return progress;
}

/**
 * Re-tags the vault when its tags were made by another version of the tagger (or none is on
 * record), then records the current version. Returns the re-tagging's progress, or null when the
 * tags were already current.
 */
export async function ensureTagsCurrent(vault: Vault, options: RetagOptions = {}): Promise<RetagProgress | null> {
  const [stored] = await vault.db.select({ value: settings.value }).from(settings).where(eq(settings.key, TAGGER_VERSION_KEY));
  if (stored?.value === TAGGER_VERSION) return null;
  const progress = await retagVault(vault, options);
  await vault.db
    .insert(settings)
    .values({ key: TAGGER_VERSION_KEY, value: TAGGER_VERSION })
    .onConflictDoUpdate({ target: settings.key, set: { value: TAGGER_VERSION } });
  return progress;
}
