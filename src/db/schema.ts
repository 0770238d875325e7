import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { FieldValue } from "../../importers/types.js";
import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";

/** One row per file read by an import: what it was, who read it, how it went. */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The input the user named: an archive, folder or file. */
    source: text("source").notNull(),
    /** The file's path inside that input (equal to `source` for a plain file). */
    path: text("path").notNull(),
    /** sha256 of the whole file, known once it has been read through. */
    sha256: text("sha256"),
    /** sha256 of the file's first bytes and its size: finds an interrupted import of the same file. */
    fingerprint: text("fingerprint").notNull(),
    size: integer("size"),
    importer: text("importer"),
    status: text("status", { enum: ["running", "done", "failed", "unrecognised"] }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    recordsSeen: integer("records_seen").notNull().default(0),
    recordsAdded: integer("records_added").notNull().default(0),
    /** Problems met while reading, as a JSON array of strings. */
    errors: text("errors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** The importer's resume token after the last stored batch, as JSON. */
    checkpoint: text("checkpoint", { mode: "json" }),
  },
  (table) => [index("imports_fingerprint").on(table.fingerprint, table.status)],
);

/** One normalised item of the user's life: a viewing, a search, an order item, a message, … */
export const records = sqliteTable(
  "records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").notNull(),
    kind: text("kind").notNull(),
    /** Unique per platform and stable across exports, so a re-import adds nothing twice. */
    naturalKey: text("natural_key").notNull(),
    occurredAt: integer("occurred_at", { mode: "timestamp_ms" }),
    title: text("title"),
    /** Text for full-text search. */
    text: text("text"),
    url: text("url"),
    /** The import that first stored this record. */
    importId: integer("import_id").references(() => imports.id),
    importer: text("importer").notNull(),
  },
  (table) => [
    uniqueIndex("records_platform_natural_key").on(table.platform, table.naturalKey),
    index("records_platform_kind_time").on(table.platform, table.kind, table.occurredAt),
    index("records_time").on(table.occurredAt),
    index("records_import").on(table.importId),
  ],
);

/** Every field of a record, with its sensitivity and the reason for it. */
export const fields = sqliteTable(
  "fields",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recordId: integer("record_id")
      .notNull()
      .references(() => records.id),
    name: text("name").notNull(),
    /** The value as JSON, so strings, numbers, lists and objects come back as they went in. */
    value: text("value", { mode: "json" }).$type<FieldValue>().notNull(),
    level: integer("level").$type<SensitivityLevel>().notNull(),
    categories: text("categories", { mode: "json" }).$type<SensitivityCategory[]>().notNull(),
    reason: text("reason").notNull(),
  },
  (table) => [index("fields_record").on(table.recordId), index("fields_level").on(table.level)],
);
