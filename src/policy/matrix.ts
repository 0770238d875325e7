import { countDistinct, eq } from "drizzle-orm";
import type { Vault } from "../db/open.js";
import { fields, records } from "../db/schema.js";
import type { SensitivityLevel } from "../sensitivity/levels.js";
import { decide, type FieldDecision } from "./decide.js";
import { listRules, ruleScope } from "./rules.js";
import type { Decision, Destination } from "./types.js";

/** The matrix's columns; `mcp:*` stands for every MCP client, as a rule for it does. */
export const MATRIX_DESTINATIONS = ["builtin", "local-model", "remote-model", "mcp:*", "export"] as const;
export type MatrixDestination = (typeof MATRIX_DESTINATIONS)[number];

/** What the rules say for one field at one destination. */
export interface MatrixCell {
  /** The decision for most of the field's records. */
  decision: Decision;
  /** Records per decision: a field tagged differently from record to record can get more than one. */
  records: Partial<Record<Decision, number>>;
  /** The rule deciding for most records: its id (`default:…` for a built-in one) and scope in words. */
  rule: { id: number | string; scope: string };
}

/** One field of one kind of record, as the vault holds it. */
export interface MatrixRow {
  platform: string;
  kind: string;
  field: string;
  /** Records holding the field. */
  records: number;
  /** The levels the field was tagged with across those records, lowest first. */
  levels: SensitivityLevel[];
  cells: Record<MatrixDestination, MatrixCell>;
}

/**
 * Every field the vault holds, by platform and kind, with what the user's rules (or the
 * defaults) decide for it at each destination and how many records that touches. Decided with
 * the same `decide` as every disclosure, so the page shows what would really happen.
 */
export async function ruleMatrix(vault: Pick<Vault, "db">): Promise<MatrixRow[]> {
  // Fields are grouped by their tag too: the decision depends on level and categories.
  const groups = await vault.db
    .select({ platform: records.platform, kind: records.kind, field: fields.name, level: fields.level, categories: fields.categories, records: countDistinct(fields.recordId) })
    .from(fields)
    .innerJoin(records, eq(records.id, fields.recordId))
    .groupBy(records.platform, records.kind, fields.name, fields.level, fields.categories)
    .orderBy(records.platform, records.kind, fields.name);
  const rules = await listRules(vault);
  const rows = new Map<string, MatrixRow>();
  /** Per row and destination, the rule of the biggest group under each decision. */
  const biggest = new Map<string, { records: number; rule: MatrixCell["rule"] }>();
  for (const group of groups) {
    const key = JSON.stringify([group.platform, group.kind, group.field]);
    const row = rows.get(key) ?? { platform: group.platform, kind: group.kind, field: group.field, records: 0, levels: [], cells: {} as MatrixRow["cells"] };
    rows.set(key, row);
    row.records += group.records;
    if (!row.levels.includes(group.level)) row.levels = [...row.levels, group.level].sort();
    for (const destination of MATRIX_DESTINATIONS) {
      const [{ rule }] = decide({
        records: [{ id: 0, platform: group.platform, kind: group.kind, fields: [{ name: group.field, level: group.level, categories: group.categories }] }],
        destination: destination as Destination,
        mode: "privacy-aware",
        autonomy: "intermediate",
        rules,
      }).fields as [FieldDecision];
      const cell = (row.cells[destination] ??= { decision: rule.decision, records: {}, rule: { id: rule.id, scope: ruleScope(rule) } });
      cell.records[rule.decision] = (cell.records[rule.decision] ?? 0) + group.records;
      const leader = `${key}|${destination}|${rule.decision}`;
      if (group.records > (biggest.get(leader)?.records ?? 0)) biggest.set(leader, { records: group.records, rule: { id: rule.id, scope: ruleScope(rule) } });
    }
  }
  for (const [key, row] of rows) {
    for (const destination of MATRIX_DESTINATIONS) {
      const cell = row.cells[destination];
      cell.decision = (Object.entries(cell.records) as [Decision, number][]).reduce((best, next) => (next[1] > best[1] ? next : best))[0];
      cell.rule = biggest.get(`${key}|${destination}|${cell.decision}`)!.rule;
    }
  }
  return [...rows.values()];
}
