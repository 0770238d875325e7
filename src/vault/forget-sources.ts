import { asc, count, desc, eq, isNotNull } from "drizzle-orm";
import type { VaultDb } from "../db/open.js";
import { imports, records } from "../db/schema.js";

/** What the user can forget at once: a platform, or an import, each with its records. */
export interface ForgetSources {
  platforms: { platform: string; records: number }[];
  /** Imports that first stored at least one record, newest first. */
  imports: { id: number; path: string; importer: string | null; started_at: string; records: number }[];
}

export async function forgetSources(db: VaultDb): Promise<ForgetSources> {
  const platforms = await db.select({ platform: records.platform, records: count() }).from(records).groupBy(records.platform).orderBy(asc(records.platform));
  const perImport = db.select({ id: records.importId, records: count().as("records") }).from(records).where(isNotNull(records.importId)).groupBy(records.importId).as("per_import");
  const rows = await db
    .select({ id: imports.id, path: imports.path, importer: imports.importer, startedAt: imports.startedAt, records: perImport.records })
    .from(imports)
    .innerJoin(perImport, eq(perImport.id, imports.id))
    .orderBy(desc(imports.id));
  return { platforms, imports: rows.map(({ startedAt, ...row }) => ({ ...row, started_at: startedAt.toISOString() })) };
}
