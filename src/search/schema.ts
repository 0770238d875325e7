import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { records } from "../db/schema.js";

/**
 * One embedding per record, from the model named beside it. The vector is a BLOB of float32s
 * rather than an `F32_BLOB(n)`, because n is the model's and the model can change; libSQL's
 * vector functions read either.
 */
export const recordVectors = sqliteTable(
  "record_vectors",
  {
    recordId: integer("record_id")
      .primaryKey()
      .references(() => records.id),
    model: text("model").notNull(),
    dim: integer("dim").notNull(),
    vector: blob("vector", { mode: "buffer" }).notNull(),
    embeddedAt: integer("embedded_at", { mode: "timestamp_ms" }).notNull(),
  },
  // Model first for "this model's vectors"; then time, so the in-memory index finds the vectors
  // embedded since it last looked with one index seek (src/search/vector-index.ts).
  (table) => [index("record_vectors_model_embedded").on(table.model, table.embeddedAt)],
);
