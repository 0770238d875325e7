import { and, asc, count, countDistinct, desc, eq, gt, gte, inArray, isNotNull, lte, max, min, notExists, sql, type SQL } from "drizzle-orm";
import type { FieldValue } from "../../importers/types.js";
import type { VaultDb } from "../db/open.js";
import { fields, records } from "../db/schema.js";
import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";

export interface VaultStats {
  records: number;
  by_platform: Record<string, number>;
  by_kind: Record<string, number>;
}

/** How many records the vault holds, in all, per platform and per kind. */
export async function vaultStats(db: VaultDb): Promise<VaultStats> {
  const countBy = async (column: typeof records.platform | typeof records.kind) => {
    const rows = await db.select({ key: column, n: count() }).from(records).groupBy(column).orderBy(asc(column));
    return Object.fromEntries(rows.map((row) => [row.key, row.n]));
  };
  const [total] = await db.select({ n: count() }).from(records);
  return { records: total?.n ?? 0, by_platform: await countBy(records.platform), by_kind: await countBy(records.kind) };
}

export interface StoredField {
  name: string;
  value: FieldValue;
  level: SensitivityLevel;
  categories: SensitivityCategory[];
  reason: string;
}

export interface StoredRecord {
  id: number;
  platform: string;
  kind: string;
  time: string | null;
  title: string | null;
  url: string | null;
  natural_key: string;
  import_id: number | null;
  fields: StoredField[];
}

export interface RecordQuery {
  /** Only these records. */
  ids?: number[];
  platform?: string;
  kind?: string;
  /** Leave out records holding any field above this level. */
  maxLevel?: SensitivityLevel;
  /** Only records from this time on (inclusive). */
  from?: Date;
  /** Only records up to this time (inclusive). */
  to?: Date;
  limit?: number;
}

/** Records, newest first, each with every field and its sensitivity tag. */
export async function listRecords(db: VaultDb, query: RecordQuery = {}): Promise<StoredRecord[]> {
  const conditions: SQL[] = [];
  if (query.platform) conditions.push(eq(records.platform, query.platform));
  if (query.kind) conditions.push(eq(records.kind, query.kind));
  if (query.ids) conditions.push(inArray(records.id, query.ids));
  if (query.from) conditions.push(gte(records.occurredAt, query.from));
  if (query.to) conditions.push(lte(records.occurredAt, query.to));
  if (query.maxLevel !== undefined) {
    conditions.push(notExists(db.select({ id: fields.id }).from(fields).where(and(eq(fields.recordId, records.id), gt(fields.level, query.maxLevel)))));
  }
  const selected = db
    .select({ id: records.id })
    .from(records)
    .where(and(...conditions))
    .orderBy(desc(records.occurredAt), asc(records.id))
    .limit(query.limit ?? 100);
  const rows = await db.select().from(records).where(inArray(records.id, selected)).orderBy(desc(records.occurredAt), asc(records.id));
  const fieldRows = await db.select().from(fields).where(inArray(fields.recordId, selected)).orderBy(asc(fields.id));
  const fieldsByRecord = new Map<number, StoredField[]>();
  for (const field of fieldRows) {
    const list = fieldsByRecord.get(field.recordId) ?? [];
    list.push({ name: field.name, value: field.value, level: field.level, categories: field.categories, reason: field.reason });
    fieldsByRecord.set(field.recordId, list);
  }
  return rows.map((row) => ({
    id: row.id,
    platform: row.platform,
    kind: row.kind,
    time: row.occurredAt?.toISOString() ?? null,
    title: row.title,
    url: row.url,
    natural_key: row.naturalKey,
    import_id: row.importId,
    fields: fieldsByRecord.get(row.id) ?? [],
  }));
}

export interface LevelCount {
  level: SensitivityLevel;
  fields: number;
  records: number;
}

/** How much of the vault sits at each sensitivity level: fields, and records holding such a field. */
export async function levelCounts(db: VaultDb): Promise<LevelCount[]> {
  return db
    .select({ level: fields.level, fields: count(), records: countDistinct(fields.recordId) })
    .from(fields)
    .groupBy(fields.level)
    .orderBy(asc(fields.level));
}

export interface ActivityTimeline {
  /** Months for a vault spanning up to three years, years beyond: a chart stays readable either way. */
  bucket: "month" | "year";
  /** Records per period ("2024-03" or "2024") and platform, oldest first; records without a time are left out. */
  counts: { period: string; platform: string; records: number }[];
}

const MONTHS_SHOWN_AS_MONTHS = 36;

/** When the user did things, per platform: what the overview's timeline draws. */
export async function activityTimeline(db: VaultDb): Promise<ActivityTimeline> {
  const [span] = await db.select({ first: min(records.occurredAt), last: max(records.occurredAt) }).from(records);
  const months = span?.first && span.last ? (span.last.getUTCFullYear() - span.first.getUTCFullYear()) * 12 + span.last.getUTCMonth() - span.first.getUTCMonth() + 1 : 0;
  const bucket = months > MONTHS_SHOWN_AS_MONTHS ? "year" : "month";
  const period = sql<string>`strftime(${bucket === "year" ? "%Y" : "%Y-%m"}, ${records.occurredAt} / 1000, 'unixepoch')`;
  const counts = await db
    .select({ period, platform: records.platform, records: count() })
    .from(records)
    .where(isNotNull(records.occurredAt))
    .groupBy(period, records.platform)
    .orderBy(period, records.platform);
  return { bucket, counts };
}
