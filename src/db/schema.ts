import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { FieldValue } from "../../importers/types.js";
import type { SensitivityCategory, SensitivityLevel, SensitivitySpan } from "../sensitivity/levels.js";
import type { Decision, Destination } from "../policy/types.js";

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
    /** What the content detectors found in the value, as JSON: why the level is what it is. */
    spans: text("spans", { mode: "json" }).$type<SensitivitySpan[]>().notNull().default(sql`'[]'`),
  },
  // No index on level: no query picks fields by level alone (they go by record, or scan them all
  // to count), and keeping one took a fifth of the time to store a field.
  (table) => [index("fields_record").on(table.recordId)],
);

/** The user's field-level sharing rules: what may go where. More specific rules win. */
export const sharingRules = sqliteTable("sharing_rules", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** `builtin`, `local-model`, `remote-model`, `mcp:<client>`, `mcp:*`, `export`, or `*` for all. */
  destination: text("destination").$type<Destination | "*">().notNull(),
  /** What the rule matches; a null matcher matches anything. */
  platform: text("platform"),
  kind: text("kind"),
  field: text("field"),
  category: text("category").$type<SensitivityCategory>(),
  minLevel: integer("min_level").$type<SensitivityLevel>(),
  decision: text("decision").$type<Decision>().notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  note: text("note"),
});

/** Append-only record of every disclosure: what left the vault, where to, and on whose say. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    destination: text("destination").notNull(),
    purpose: text("purpose").notNull(),
    /** `rule`, `autonomy` or `confirmation`: what allowed the disclosure. */
    basis: text("basis").notNull(),
    mode: text("mode").notNull(),
    autonomy: text("autonomy").notNull(),
    /** The fields that left, as JSON `[{record_id, field, level, categories, rule_id}]`; never values. */
    disclosed: text("disclosed", { mode: "json" }).notNull(),
    recordCount: integer("record_count").notNull(),
    fieldCount: integer("field_count").notNull(),
  },
  (table) => [index("audit_log_at").on(table.at), index("audit_log_destination").on(table.destination, table.at)],
);

/** Small named settings of the vault (model servers, tagger version, …), values as JSON. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
});
