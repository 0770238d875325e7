import { and, count, eq, inArray, isNotNull, lt, not, notExists, or, sql, type SQL } from "drizzle-orm";
import type { Vault, VaultDb } from "../db/open.js";
import { auditLog, fields, imports, records } from "../db/schema.js";
import { recordVectors } from "../search/schema.js";

/** Which records to forget: every given part must match (an import, a platform, a time). */
export interface ForgetScope {
  /** Records first stored by this import. */
  importId?: number;
  platform?: string;
  /** Records that happened before this moment; records without a time are kept. */
  before?: Date;
}

export interface ForgetReport {
  scope: { import: number | null; platform: string | null; before: string | null };
  dry_run: boolean;
  /** How many were removed, or would be on a dry run. */
  records: number;
  fields: number;
  vectors: number;
  /** Import rows (path, errors, resume checkpoint) removed because none of their records is left. */
  imports: number;
  /** The audit entry that records the forgetting; null on a dry run or when nothing matched. */
  audit_id: number | null;
  /** What could not be done to scrub the file, in words for the user. */
  notes: string[];
}

/**
 * Removes records with their fields, tags, vectors and full-text entries, and the imports left
 * with no record, then appends what was forgotten (the scope and the counts, never content) to
 * the audit log, all in one transaction: a forgetting that cannot be logged does not happen.
 *
 * Deleted rows must not linger in the file. `secure_delete` zeroes what this transaction frees;
 * VACUUM then rewrites the file from the rows that remain, because free space left by earlier
 * work (page splits during imports, full-text segment merges, re-tagging) already holds copies
 * of the forgotten values that secure_delete never sees (the test finds them without it), and a
 * TRUNCATE checkpoint empties the write-ahead log of older page images. Pending confirmations are not stored in the vault (ConfirmationQueue
 * keeps them in memory, with the request that waits), so there are none to remove here.
 */
export async function forget(vault: Vault, scope: ForgetScope, options: { dryRun?: boolean } = {}): Promise<ForgetReport> {
  const inScope = scopeCondition(scope);
  const local = vault.url.startsWith("file:");
  const report = (counts: Counts, auditId: number | null, notes: string[]): ForgetReport => ({
    scope: { import: scope.importId ?? null, platform: scope.platform ?? null, before: scope.before?.toISOString() ?? null },
    dry_run: options.dryRun ?? false,
    ...counts,
    audit_id: auditId,
    notes,
  });
  // Counting alone reads: it does not queue behind an import or an indexing run for the write lock.
  if (options.dryRun) return report(await countScope(vault.db, scope, inScope), null, []);

  const outcome = await vault.db.transaction(async (tx) => {
    const counts = await countScope(tx, scope, inScope);
    if (counts.records === 0 && counts.imports === 0) return { counts, auditId: null };
    const { ids, emptied } = selection(tx, scope, inScope);
    if (local) await tx.run(sql`PRAGMA secure_delete = ON`);
    const emptiedIds = (await tx.select({ id: imports.id }).from(imports).where(emptied)).map((row) => row.id);
    await tx.delete(fields).where(inArray(fields.recordId, ids));
    await tx.delete(recordVectors).where(inArray(recordVectors.recordId, ids));
    // The records_fts_delete trigger takes each record out of the full-text index.
    await tx.delete(records).where(inScope);
    if (emptiedIds.length > 0) await tx.delete(imports).where(inArray(imports.id, emptiedIds));
    // FTS5 keeps deleted terms in its segments, marked deleted, until they are merged: merge now.
    await tx.run(sql`INSERT INTO records_fts (records_fts) VALUES ('optimize')`);
    const [entry] = await tx
      .insert(auditLog)
      .values({
        at: new Date(),
        destination: "forget",
        purpose: `forget ${describeScope(scope)}: ${counts.records} records, ${counts.fields} fields, ${counts.vectors} vectors, ${counts.imports} imports`,
        // The user asked for it in so many words; nothing left the vault.
        basis: "confirmation",
        mode: "none",
        autonomy: "none",
        disclosed: [],
        recordCount: counts.records,
        fieldCount: counts.fields,
      })
      .returning({ id: auditLog.id });
    return { counts, auditId: entry!.id };
  });

  if (outcome.auditId === null) return report(outcome.counts, null, []);
  const notes = local ? await scrubFile(vault) : ["the vault is on a libSQL server: how it keeps deleted pages is the server's affair"];
  return report(outcome.counts, outcome.auditId, notes);
}

type Counts = Pick<ForgetReport, "records" | "fields" | "vectors" | "imports">;
/** The vault, or a transaction on it. */
type Reader = Pick<VaultDb, "select" | "selectDistinct">;

/** The records in scope, and the imports that would be left with none. */
function selection(db: Reader, scope: ForgetScope, inScope: SQL) {
  const ids = db.select({ id: records.id }).from(records).where(inScope);
  // Imports that hold records in scope (or are named), and hold none outside it.
  const touched = db.selectDistinct({ id: records.importId }).from(records).where(and(inScope, isNotNull(records.importId)));
  const emptied = and(
    scope.importId === undefined ? inArray(imports.id, touched) : or(eq(imports.id, scope.importId), inArray(imports.id, touched)),
    notExists(db.select({ id: records.id }).from(records).where(and(eq(records.importId, imports.id), not(inScope)))),
  )!;
  return { ids, emptied };
}

async function countScope(db: Reader, scope: ForgetScope, inScope: SQL): Promise<Counts> {
  const { ids, emptied } = selection(db, scope, inScope);
  return {
    records: await countOf(db.select({ n: count() }).from(records).where(inScope)),
    fields: await countOf(db.select({ n: count() }).from(fields).where(inArray(fields.recordId, ids))),
    vectors: await countOf(db.select({ n: count() }).from(recordVectors).where(inArray(recordVectors.recordId, ids))),
    imports: await countOf(db.select({ n: count() }).from(imports).where(emptied)),
  };
}

function scopeCondition(scope: ForgetScope): SQL {
  const parts: SQL[] = [];
  if (scope.importId !== undefined) parts.push(eq(records.importId, scope.importId));
  if (scope.platform !== undefined) parts.push(eq(records.platform, scope.platform));
  // Not null first, so that NOT(scope) counts records without a time as kept rather than unknown.
  if (scope.before !== undefined) parts.push(and(isNotNull(records.occurredAt), lt(records.occurredAt, scope.before))!);
  if (parts.length === 0) throw new Error("say what to forget: an import, a platform, a date, or several of them");
  return and(...parts)!;
}

/** The scope in words for the audit log: ids, a platform name and a date, nothing of the records. */
function describeScope(scope: ForgetScope): string {
  const parts: string[] = [];
  if (scope.importId !== undefined) parts.push(`import ${scope.importId}`);
  if (scope.platform !== undefined) parts.push(`platform ${scope.platform}`);
  if (scope.before !== undefined) parts.push(`before ${scope.before.toISOString()}`);
  return parts.join(", ");
}

async function countOf(query: PromiseLike<{ n: number }[]>): Promise<number> {
  const [row] = await query;
  return row?.n ?? 0;
}

/** Rewrites the file without free pages and empties the write-ahead log; says what it could not do. */
async function scrubFile(vault: Vault): Promise<string[]> {
  const notes: string[] = [];
  await vault.client.execute("PRAGMA secure_delete = OFF");
  try {
    await vault.client.execute("VACUUM");
  } catch (error) {
    notes.push(`could not compact the vault file (${(error as Error).message}): pages freed before this forget may still hold old copies until the next forget or VACUUM`);
  }
  const checkpoint = await vault.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  if (Number(checkpoint.rows[0]?.[0] ?? 0) !== 0) notes.push("another connection is reading the vault: the write-ahead log keeps older page images until it is checkpointed");
  return notes;
}
