import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import type { FieldValue, Importer, RecordDraft } from "../../importers/types.js";
import type { Vault } from "../db/open.js";
import { fields, imports, records } from "../db/schema.js";
import { declaredSensitivity, tagField } from "../sensitivity/tag.js";
import { WriteTurn } from "./write-turn.js";

/** Where an import stands after a batch: stored with the batch, so a crash never splits them. */
export interface ImportState {
  importId: number;
  recordsSeen: number;
  recordsAdded: number;
  errors: string[];
  checkpoint: unknown;
}

/**
 * A batch made ready to write, off the write turn (and, for a part of a split file, off the
 * thread that writes): plain strings, cheap to hand between threads.
 */
export interface PreparedBatch {
  /** Each record's platform and natural key. */
  keys: [platform: string, naturalKey: string][];
  /** Each record's row as JSON, but its import id, which the writer knows. */
  recordRows: string[];
  /**
   * Each record's fields as the members of a JSON object, `"tag:name":"value as JSON"`, where
   * `tag` indexes `tags`; the record id, which the INSERT gives, is added when writing.
   */
  fieldMembers: string[];
  /** The batch's distinct tags as a JSON array. */
  tags: string;
}

/**
 * Stores a batch of records with their tagged fields, and the import's new state, in one
 * transaction. Records whose natural key the vault already holds are skipped, so re-importing
 * adds nothing twice. Returns how many records were new, and counts them in the state.
 */
export async function storeBatch(vault: Vault, importer: Importer, drafts: RecordDraft[], state: ImportState, turn = new WriteTurn()): Promise<number> {
  // Records the vault holds are neither tagged nor sent: a re-import costs little.
  const stored = await storedKeys(vault, drafts.map((draft) => [draft.platform ?? importer.platform, draft.naturalKey]));
  return writeBatch(vault, prepareBatch(importer, stored.size === 0 ? drafts : drafts.filter((draft) => !stored.has(keyOf(draft.platform ?? importer.platform, draft.naturalKey)))), state, turn);
}

/** storeBatch for a batch prepared elsewhere (see prepareBatch). */
export async function storePrepared(vault: Vault, batch: PreparedBatch, state: ImportState, turn = new WriteTurn()): Promise<number> {
  const stored = await storedKeys(vault, batch.keys);
  if (stored.size === 0) return writeBatch(vault, batch, state, turn);
  const fresh = batch.keys.flatMap(([platform, key], index) => (stored.has(keyOf(platform, key)) ? [] : [index]));
  return writeBatch(
    vault,
    { keys: fresh.map((index) => batch.keys[index]!), recordRows: fresh.map((index) => batch.recordRows[index]!), fieldMembers: fresh.map((index) => batch.fieldMembers[index]!), tags: batch.tags },
    state,
    turn,
  );
}

/** Writes the import's state alone: a part of a split file was read through (see run.ts). */
export async function storeState(vault: Vault, state: ImportState, turn = new WriteTurn()): Promise<void> {
  await turn.take(() => vault.client.execute(updateImportSql(state, 0)));
}

const keyOf = (platform: string, naturalKey: string) => `${platform}\u0000${naturalKey}`;

/** Tags a batch's fields and builds its rows: everything but the writing, which needs the turn. */
export function prepareBatch(importer: Importer, drafts: RecordDraft[]): PreparedBatch {
  const tags = new Map<TagColumns, number>();
  const tagIndex = (tag: TagColumns) => {
    if (!tags.has(tag)) tags.set(tag, tags.size);
    return tags.get(tag)!;
  };
  return {
    keys: drafts.map((draft) => [draft.platform ?? importer.platform, draft.naturalKey]),
    recordRows: drafts.map((draft) =>
      rowJson([
        draft.platform ?? importer.platform,
        draft.kind,
        draft.naturalKey,
        draft.time?.getTime() ?? null,
        draft.title,
        draft.text ?? draft.title,
        draft.url ?? null,
        importer.id,
      ]),
    ),
    fieldMembers: drafts.map((draft) => {
      let members = "";
      for (const [nameAndValue, tag] of tagFields(importer, draft)) members += `${members.length === 0 ? "" : ","}"${tagIndex(tag)}:${nameAndValue}`;
      return members;
    }),
    tags: rowJson([...tags.keys()]),
  };
}

/**
 * Writes a prepared batch and the import's new state in one transaction; returns how many
 * records were new.
 *
 * This is the import's hot path, so it speaks SQL to the client directly: building these
 * statements through drizzle's query builder took half the import's time. Rows go in as JSON
 * bound to one short statement per table, which SQLite unpacks with `json_each`: preparing
 * multi-row INSERTs of thousands of placeholders took a tenth of the import. Fields go in as an
 * object per record, keyed by record id, whose members SQLite reads without parsing a row of
 * each: reading a field's row `[record id, name, value, tag]` took more time than storing it.
 * Table and column names still come from the drizzle schema.
 */
async function writeBatch(vault: Vault, batch: PreparedBatch, state: ImportState, turn: WriteTurn): Promise<number> {
  // In WAL mode, NORMAL syncs at checkpoints rather than at every commit. A killed import loses
  // nothing (the WAL is written before COMMIT returns); a power cut may lose the last batches,
  // but each with the checkpoint stored in it, so the import resumes before them. It is a
  // connection's setting and cannot change inside a transaction: it is set on the idle connection
  // the transaction then takes (the client's pool hands out the last one returned).
  if (vault.url.startsWith("file:")) await vault.client.execute("PRAGMA synchronous = NORMAL");
  return turn.take(async () => {
    const tx = await vault.client.transaction("write");
    try {
      const newIds = new Map<string, number>();
      for (const json of jsonChunks(batch.recordRows, "[]")) {
        const inserted = await tx.execute({ sql: INSERT_RECORDS, args: [json, state.importId] });
        for (const row of inserted.rows) newIds.set(keyOf(row[1] as string, row[2] as string), Number(row[0]));
      }
      const added = newIds.size;
      const fieldObjects: string[] = [];
      batch.keys.forEach(([platform, naturalKey], index) => {
        const key = keyOf(platform, naturalKey);
        const recordId = newIds.get(key);
        if (recordId === undefined) return;
        newIds.delete(key); // a key repeated within the batch was inserted once
        if (batch.fieldMembers[index]) fieldObjects.push(`"${recordId}":{${batch.fieldMembers[index]}}`);
      });
      await tx.execute(CREATE_BATCH_TAGS);
      await tx.execute(`DELETE FROM ${BATCH_TAGS}`);
      await tx.execute({ sql: INSERT_BATCH_TAGS, args: [batch.tags] });
      for (const json of jsonChunks(fieldObjects, "{}")) await tx.execute({ sql: INSERT_FIELDS, args: [json] });
      await tx.execute(updateImportSql(state, added));
      await tx.commit();
      // Counted here, in the turn: the next batch's state, written by another task maybe, counts them.
      state.recordsAdded += added;
      return added;
    } finally {
      tx.close();
    }
  });
}

/** Which of the (platform, natural key) pairs the vault holds, as `platform\0key`. */
async function storedKeys(vault: Vault, keys: [string, string][]): Promise<Set<string>> {
  const found = new Set<string>();
  if (keys.length === 0) return found;
  for (const json of jsonChunks(keys.map(rowJson), "[]")) {
    // CROSS JOIN: one lookup in the unique index per key, rather than a walk through the records.
    const rows = await vault.client.execute({
      sql: `SELECT r.${column(records, "platform")}, r.${column(records, "naturalKey")} FROM json_each(?) AS k
            CROSS JOIN "${getTableName(records)}" r ON r.${column(records, "platform")} = k.value ->> 0 AND r.${column(records, "naturalKey")} = k.value ->> 1`,
      args: [json],
    });
    for (const row of rows.rows) found.add(keyOf(row[0] as string, row[1] as string));
  }
  return found;
}

/** A tag as stored; equal tags are most often one array (see tagColumns). */
type TagColumns = [level: number, categories: string, reason: string, spans: string];
/**
 * A field as stored: its name and its value as JSON, as they end a member of a JSON object
 * (`name":"value as JSON"`, the member's opening quote and tag left to add), and its tag.
 */
type TaggedField = [nameAndValue: string, tag: TagColumns];

/** A record's non-empty fields, tagged, ready to store. */
function tagFields(importer: Importer, draft: RecordDraft): TaggedField[] {
  const platform = draft.platform ?? importer.platform;
  const memories = fieldMemoriesOf(importer.id, platform, draft.kind);
  const tagged: TaggedField[] = [];
  for (const name in draft.fields) {
    const value = draft.fields[name];
    if (value === undefined || value === null || value === "") continue;
    tagged.push(taggedField(importer, platform, draft.kind, name, value, memories));
  }
  return tagged;
}

/** Values no longer than this have their tags remembered: products, actions, channels, settings repeat on record after record. */
const MAX_REMEMBERED_CHARS = 200;
/** Tags remembered per field at most, fields per kind of record at most, and kinds at most; a memory starts over beyond. */
const MAX_REMEMBERED_TAGS = 1000;
const MAX_REMEMBERED_FIELDS = 100;
const MAX_REMEMBERED_KINDS = 100;
/**
 * Values of a field looked up before it is judged: one whose values seldom repeat (titles, links)
 * is then no longer remembered, which only cost time and memory, and evicted the values that repeat.
 */
const TRIAL_LOOKUPS = 1000;

/** The fields as stored remembered for one field of one importer's records of a platform and kind, by value as JSON. */
interface FieldMemory {
  tagged: Map<string, TaggedField>;
  lookups: number;
  hits: number;
}
/** By field name, null for a field not worth remembering. */
type FieldMemories = Map<string, FieldMemory | null>;
/** By importer, platform and kind of record: looked up once per record, not once per field. */
const kindMemories = new Map<string, FieldMemories>();

function fieldMemoriesOf(importerId: string, platform: string, kind: string): FieldMemories {
  const context = `${importerId}\u0000${platform}\u0000${kind}`;
  return kindMemories.get(context) ?? remember(kindMemories, MAX_REMEMBERED_KINDS, context, new Map());
}

/** Sets `key` in a memory that starts over once it holds `cap` entries, and returns `value`. */
function remember<K, V>(memory: Map<K, V>, cap: number, key: K, value: V): V {
  if (memory.size >= cap) memory.clear();
  memory.set(key, value);
  return value;
}

/**
 * A field as stored: computed once per short value that repeats, since tagging was a sixth of an
 * import; the value's row text, remembered with its tag, is then written once too.
 */
function taggedField(importer: Importer, platform: string, kind: string, field: string, value: FieldValue, memories: FieldMemories): TaggedField {
  const json = JSON.stringify(value);
  const memory = json.length <= MAX_REMEMBERED_CHARS ? fieldMemory(memories, field) : null;
  if (memory) {
    memory.lookups++;
    const remembered = memory.tagged.get(json);
    if (remembered) {
      memory.hits++;
      return remembered;
    }
  }
  const tag = tagField({ platform, kind, field, value, declared: declaredSensitivity(importer, field) });
  const tagged: TaggedField = [wellFormed(`${JSON.stringify(field).slice(1)}:${JSON.stringify(json)}`), tagColumns(tag.level, JSON.stringify(tag.categories), tag.reason, JSON.stringify(tag.spans))];
  if (memory) remember(memory.tagged, MAX_REMEMBERED_TAGS, json, tagged);
  return tagged;
}

/** Distinct tags: a few dozen in most files, more where detectors find things (their spans differ). */
const MAX_REMEMBERED_TAG_COLUMNS = 10_000;
const tagColumnsByText = new Map<string, TagColumns>();

/**
 * A tag as stored, one array for equal tags: a batch stores each distinct array once, and titles
 * and links, whose tags are not remembered with their values, made a batch's tags as many as its
 * records (storing them took a quarter of the time storing the fields took).
 */
function tagColumns(level: number, categories: string, reason: string, spans: string): TagColumns {
  const text = `${level}\u0000${categories}\u0000${reason}\u0000${spans}`;
  return tagColumnsByText.get(text) ?? remember(tagColumnsByText, MAX_REMEMBERED_TAG_COLUMNS, text, [level, categories, reason, spans]);
}

function fieldMemory(memories: FieldMemories, field: string): FieldMemory | null {
  let memory = memories.get(field);
  if (memory === undefined) {
    memory = remember(memories, MAX_REMEMBERED_FIELDS, field, { tagged: new Map(), lookups: 0, hits: 0 });
  } else if (memory && memory.lookups >= TRIAL_LOOKUPS && memory.hits * 2 < memory.lookups) {
    memories.set(field, (memory = null));
  }
  return memory;
}

function column<T extends Table>(table: T, key: keyof T["_"]["columns"] & string): string {
  return `"${(getTableColumns(table) as Record<string, { name: string }>)[key]!.name}"`;
}

/**
 * Characters of JSON per statement at most: a batch of long mails is not copied, then parsed,
 * whole. Large enough that statements are few: the client prepares each one anew (at 128 KB a
 * My Activity import ran 2% more instructions).
 */
const MAX_JSON_CHARS = 1024 * 1024;

/**
 * JSON text with its lone surrogates (`\ud800` not part of a pair, which JSON.stringify escapes)
 * as U+FFFD: json_each would decode them into bytes that are not UTF-8, which libSQL cannot read
 * back (it panics, taking the process down). Lone surrogates come from JSON escapes in exports
 * and from text cut inside a pair.
 */
function wellFormed(json: string): string {
  return json.includes("\\ud") ? json.replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, "$1\\ufffd") : json;
}

/** A row as JSON, its lone surrogates made U+FFFD (see wellFormed). */
function rowJson(row: unknown[]): string {
  return wellFormed(JSON.stringify(row));
}

/**
 * Elements of a JSON array or members of a JSON object, given as JSON text without lone
 * surrogates (see wellFormed), as arrays or objects of about MAX_JSON_CHARS at most (a longer
 * element goes alone). Built by appending, which V8 does by linking the strings, copied once when
 * bound: it took two thirds of the time that joining an array of them took.
 */
function* jsonChunks(elements: string[], [open, close]: "[]" | "{}"): Generator<string> {
  let joined = "";
  for (const json of elements) {
    if (joined.length + json.length > MAX_JSON_CHARS && joined.length > 0) {
      yield `${open}${joined}${close}`;
      joined = "";
    }
    joined = joined.length === 0 ? json : `${joined},${json}`;
  }
  if (joined.length > 0) yield `${open}${joined}${close}`;
}

/**
 * An INSERT of every row of a JSON array of rows (arrays in column order), with `alsoBound`
 * columns set from the parameters after the array. `WHERE true` tells SQLite's parser that an
 * ON CONFLICT clause after it belongs to the INSERT, not to a join.
 */
function insertFromJson<T extends Table>(table: T, keys: (keyof T["_"]["columns"] & string)[], alsoBound: (keyof T["_"]["columns"] & string)[], tail = ""): string {
  const values = [...keys.map((_, index) => `value ->> ${index}`), ...alsoBound.map((_, index) => `?${index + 2}`)].join(", ");
  return `INSERT INTO "${getTableName(table)}" (${[...keys, ...alsoBound].map((key) => column(table, key)).join(", ")}) SELECT ${values} FROM json_each(?1) WHERE true ${tail}`;
}

const INSERT_RECORDS = insertFromJson(
  records,
  ["platform", "kind", "naturalKey", "occurredAt", "title", "text", "url", "importer"],
  ["importId"],
  `ON CONFLICT DO NOTHING RETURNING ${column(records, "id")}, ${column(records, "platform")}, ${column(records, "naturalKey")}`,
);
/**
 * A batch's distinct tags, for its fields to join by index: a field carries a number rather than
 * its four tag columns, which took a fifth off storing fields. A connection's own table.
 */
const BATCH_TAGS = "temp.batch_tags";
const CREATE_BATCH_TAGS = `CREATE TABLE IF NOT EXISTS ${BATCH_TAGS} (id INTEGER PRIMARY KEY, level INTEGER, categories TEXT, reason TEXT, spans TEXT)`;
const INSERT_BATCH_TAGS = `INSERT INTO ${BATCH_TAGS} SELECT key, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`;
/** Fields from `{"record id":{"tag:name":"value as JSON",…},…}`; casting `tag:name` to an integer reads the tag. */
const INSERT_FIELDS = `INSERT INTO "${getTableName(fields)}" (${(["recordId", "name", "value", "level", "categories", "reason", "spans"] as const).map((key) => column(fields, key)).join(", ")})
  SELECT CAST(record.key AS INTEGER), substr(field.key, instr(field.key, ':') + 1), field.value, tag.level, tag.categories, tag.reason, tag.spans
  FROM json_each(?) AS record, json_each(record.value) AS field CROSS JOIN ${BATCH_TAGS} AS tag ON tag.id = CAST(field.key AS INTEGER)`;

function updateImportSql(state: ImportState, added: number) {
  const set = (["recordsSeen", "recordsAdded", "errors", "checkpoint"] as const).map((key) => `${column(imports, key)} = ?`).join(", ");
  return {
    sql: `UPDATE "${getTableName(imports)}" SET ${set} WHERE ${column(imports, "id")} = ?`,
    args: [state.recordsSeen, state.recordsAdded + added, JSON.stringify(state.errors), JSON.stringify(state.checkpoint ?? null), state.importId],
  };
}
