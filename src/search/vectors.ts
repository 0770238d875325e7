import type { InValue } from "@libsql/client";
import type { Vault } from "../db/open.js";
import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";
import type { Embedder } from "./embedder.js";

/** Fields whose values say who or where rather than what: noise for meaning, and private. */
const UNEMBEDDED_CATEGORIES = new Set<SensitivityCategory>(["identifier", "contact", "device", "credentials", "financial"]);
/** Fields named for identifiers, codes and times: nothing in them says what the record is about. */
const UNEMBEDDED_NAMES = /(^|_)(id|ids|code|asin|date|time|timestamp)$/;
/** One token with a digit in it is an identifier, a code or a time ("D01-8997424", "2021-11-18T11:07Z"). */
const CODE_LIKE = /^\S*\d\S*$/;
/** A sentence model reads ~256 tokens; the start of a mail body says what it is about. */
const MAX_FIELD_CHARS = 300;
const MAX_TEXT_CHARS = 1000;

interface RecordForEmbedding {
  platform: string;
  kind: string;
  title: string | null;
}

interface FieldForEmbedding {
  name: string;
  value: unknown;
  level: SensitivityLevel;
  categories: SensitivityCategory[];
}

/**
 * The short text a record's vector is made from: its title, what it is and where from
 * ("viewing on netflix"), and its wordy fields. Level-3 values never go in, nor identifiers,
 * codes, times, addresses, devices or money: they carry no topic, and private ones would live
 * on in the vector.
 */
export function embeddingText(record: RecordForEmbedding, fields: FieldForEmbedding[]): string {
  const parts = [record.title ?? "", `${words(record.kind)} on ${record.platform}`];
  for (const field of fields) {
    if (field.level >= 3 || field.categories.some((category) => UNEMBEDDED_CATEGORIES.has(category)) || UNEMBEDDED_NAMES.test(field.name)) continue;
    const value = Array.isArray(field.value) ? field.value.filter((item) => typeof item === "string").join(", ") : field.value;
    if (typeof value !== "string" || value === record.title || !/\p{L}/u.test(value) || CODE_LIKE.test(value) || /^https?:\/\//.test(value)) continue;
    parts.push(`${words(field.name)}: ${value.slice(0, MAX_FIELD_CHARS)}`);
  }
  return parts.filter(Boolean).join("\n").slice(0, MAX_TEXT_CHARS);
}

function words(name: string): string {
  return name.replace(/_/g, " ");
}

export function vectorBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export interface IndexProgress {
  /** Records with a vector from the current model. */
  done: number;
  total: number;
  elapsedMs: number;
  /** Records embedded per second in this run. */
  perSecond: number;
  /** At this run's rate; null until something was embedded. */
  secondsLeft: number | null;
}

export interface IndexOptions {
  /** Records embedded and stored together; a crash loses at most one batch's work. */
  batchSize?: number;
  onProgress?: (progress: IndexProgress) => void;
  /** Stops after the batch in hand; the next run goes on from there. */
  signal?: AbortSignal;
}

export interface IndexReport {
  model: string;
  /** Records embedded by this run. */
  embedded: number;
  done: number;
  total: number;
  /** Stopped by the signal before every record had a vector. */
  interrupted: boolean;
}

/**
 * Gives every record without a vector from the embedder's model one: records new since the last
 * run, and all of them after a change of model (their old vectors are replaced). Each batch is
 * committed on its own, so an interrupted run loses nothing already stored and the next run
 * starts where it stopped.
 */
export async function indexVault(vault: Vault, embedder: Embedder, options: IndexOptions = {}): Promise<IndexReport> {
  const batchSize = options.batchSize ?? 64;
  const started = Date.now();
  let { indexed: done, total } = await vectorStatus(vault, embedder.model);
  // The run embeds the records there are now, so that its progress adds up; those imported
  // meanwhile are for the next run.
  const last = Number((await vault.client.execute("SELECT coalesce(max(id), 0) AS id FROM records")).rows[0]!.id);
  let embedded = 0;
  let after = 0;
  const report = (): IndexProgress => {
    const elapsedMs = Date.now() - started;
    const perSecond = elapsedMs > 0 ? (embedded * 1000) / elapsedMs : 0;
    return { done, total, elapsedMs, perSecond, secondsLeft: perSecond > 0 ? (total - done) / perSecond : null };
  };
  options.onProgress?.(report());
  while (!options.signal?.aborted) {
    const pending = await vault.client.execute({
      sql: `SELECT r.id, r.platform, r.kind, r.title FROM records r
            WHERE r.id > ? AND r.id <= ? AND NOT EXISTS (SELECT 1 FROM record_vectors v WHERE v.record_id = r.id AND v.model = ?)
            ORDER BY r.id LIMIT ?`,
      args: [after, last, embedder.model, batchSize],
    });
    if (pending.rows.length === 0) break;
    const ids = pending.rows.map((row) => Number(row.id));
    after = ids.at(-1)!;
    const fieldRows = await vault.client.execute({
      sql: `SELECT record_id, name, value, level, categories FROM fields WHERE record_id IN (${ids.map(() => "?").join(", ")}) AND level < 3 ORDER BY id`,
      args: ids,
    });
    const fieldsByRecord = new Map<number, FieldForEmbedding[]>();
    for (const row of fieldRows.rows) {
      const list = fieldsByRecord.get(Number(row.record_id)) ?? [];
      list.push({ name: String(row.name), value: JSON.parse(String(row.value)), level: Number(row.level) as SensitivityLevel, categories: JSON.parse(String(row.categories)) });
      fieldsByRecord.set(Number(row.record_id), list);
    }
    const texts = pending.rows.map((row) =>
      embeddingText({ platform: String(row.platform), kind: String(row.kind), title: row.title === null ? null : String(row.title) }, fieldsByRecord.get(Number(row.id)) ?? []),
    );
    const vectors = await embedder.embed(texts);
    const now = Date.now();
    await vault.client.execute({
      // A record forgotten while its batch was embedded gets no vector (nor fails the batch).
      sql: `INSERT INTO record_vectors (record_id, model, dim, vector, embedded_at)
            SELECT * FROM (VALUES ${ids.map(() => "(?, ?, ?, ?, ?)").join(", ")}) WHERE column1 IN (SELECT id FROM records)
            ON CONFLICT (record_id) DO UPDATE SET model = excluded.model, dim = excluded.dim, vector = excluded.vector, embedded_at = excluded.embedded_at`,
      args: ids.flatMap((id, index): InValue[] => [id, embedder.model, embedder.dim, vectorBytes(vectors[index]!), now]),
    });
    embedded += ids.length;
    done += ids.length;
    options.onProgress?.(report());
  }
  // Records imported while this run went on count in the end, as records still to embed.
  ({ indexed: done, total } = await vectorStatus(vault, embedder.model));
  return { model: embedder.model, embedded, done, total, interrupted: options.signal?.aborted === true && done < total };
}

/** How many records have a vector from `model`, out of all. */
export async function vectorStatus(vault: Vault, model: string): Promise<{ indexed: number; total: number }> {
  const result = await vault.client.execute({
    sql: "SELECT (SELECT count(*) FROM record_vectors WHERE model = ?) AS indexed, (SELECT count(*) FROM records) AS total",
    args: [model],
  });
  return { indexed: Number(result.rows[0]!.indexed), total: Number(result.rows[0]!.total) };
}
