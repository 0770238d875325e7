import { and, desc, eq, gte, like, type SQL } from "drizzle-orm";
import type { Vault } from "../db/open.js";
import { auditLog } from "../db/schema.js";
import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";
import type { SharingRule } from "./rules.js";
import type { Autonomy, Basis, Destination, Mode } from "./types.js";

/** A field that left the vault: which, its tags and the rule that decided; never its value. */
export interface DisclosedField {
  record_id: number;
  field: string;
  level: SensitivityLevel;
  categories: SensitivityCategory[];
  rule: SharingRule["id"];
}

export interface Disclosure {
  destination: Destination;
  purpose: string;
  mode: Mode;
  autonomy: Autonomy;
  basis: Basis;
  disclosed: DisclosedField[];
}

export interface AuditEntry extends Disclosure {
  id: number;
  at: Date;
  record_count: number;
  field_count: number;
}

/**
 * Appends a disclosure to the audit log. The log is append-only: this module has no way to
 * change or remove an entry. Only the listed keys of each field are kept, so a caller that hands
 * over more (a value) cannot get it into the log.
 */
export async function recordDisclosure(vault: Pick<Vault, "db">, disclosure: Disclosure): Promise<AuditEntry> {
  const disclosed = disclosure.disclosed.map(({ record_id, field, level, categories, rule }) => ({ record_id, field, level, categories, rule }));
  const [row] = await vault.db
    .insert(auditLog)
    .values({
      at: new Date(),
      destination: disclosure.destination,
      purpose: disclosure.purpose,
      basis: disclosure.basis,
      mode: disclosure.mode,
      autonomy: disclosure.autonomy,
      disclosed,
      recordCount: new Set(disclosed.map((field) => field.record_id)).size,
      fieldCount: disclosed.length,
    })
    .returning();
  return entryOf(row!);
}

export interface AuditQuery {
  /** A destination, or `mcp:*` for every MCP client. */
  destination?: string;
  since?: Date;
  limit?: number;
}

/** Disclosures, newest first. */
export async function listAudit(vault: Pick<Vault, "db">, query: AuditQuery = {}): Promise<AuditEntry[]> {
  const conditions: SQL[] = [];
  if (query.destination === "mcp:*") conditions.push(like(auditLog.destination, "mcp:%"));
  else if (query.destination) conditions.push(eq(auditLog.destination, query.destination));
  if (query.since) conditions.push(gte(auditLog.at, query.since));
  const rows = await vault.db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit ?? 100);
  return rows.map(entryOf);
}

function entryOf(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    destination: row.destination as Destination,
    purpose: row.purpose,
    mode: row.mode as Mode,
    autonomy: row.autonomy as Autonomy,
    basis: row.basis as Basis,
    disclosed: row.disclosed as DisclosedField[],
    record_count: row.recordCount,
    field_count: row.fieldCount,
  };
}
