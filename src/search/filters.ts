import type { InValue } from "@libsql/client";
import type { SensitivityLevel } from "../sensitivity/levels.js";

export interface SearchFilters {
  platform?: string;
  kind?: string;
  /** Only records from this time on (inclusive). */
  from?: Date;
  /** Only records up to this time (inclusive). */
  to?: Date;
  /**
   * Only records none of whose fields is above this level. A record is what the user sees as a
   * result, so a record holding a level-3 field is left out whole under `maxLevel: 2`, even if
   * the words matched only its level-1 title.
   */
  maxLevel?: SensitivityLevel;
}

/** The filters as `AND …` conditions on the records aliased `r`. */
export function filterSql(filters: SearchFilters): { sql: string; args: InValue[] } {
  let sql = "";
  const args: InValue[] = [];
  const add = (condition: string, value: InValue) => {
    sql += ` AND ${condition}`;
    args.push(value);
  };
  if (filters.platform) add("r.platform = ?", filters.platform);
  if (filters.kind) add("r.kind = ?", filters.kind);
  if (filters.from) add("r.occurred_at >= ?", filters.from.getTime());
  if (filters.to) add("r.occurred_at <= ?", filters.to.getTime());
  if (filters.maxLevel !== undefined) add("NOT EXISTS (SELECT 1 FROM fields f WHERE f.record_id = r.id AND f.level > ?)", filters.maxLevel);
  return { sql, args };
}
