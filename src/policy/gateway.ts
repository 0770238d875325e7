import type { FieldValue } from "../../importers/types.js";
import type { Vault } from "../db/open.js";
import type { StoredRecord } from "../vault/queries.js";
import { recordDisclosure, type AuditEntry } from "./audit.js";
import { clearedFields, pendingConfirmation, type ClearedField, type Confirm, type ConfirmationAnswer } from "./confirm.js";
import { decide, type DecisionPlan } from "./decide.js";
import { listRules, parseDestination } from "./rules.js";
import { AUTONOMY_LEVELS, MODES, type Autonomy, type Basis, type Destination, type Mode } from "./types.js";

export interface DisclosureRequest {
  records: StoredRecord[];
  destination: Destination;
  /** Why the data is wanted, in words the user reads in the audit log; it should name no values. */
  purpose: string;
  mode: Mode;
  autonomy: Autonomy;
  /** Asks the user about the fields that need confirmation; without it, those are withheld. */
  confirm?: Confirm;
}

/** A record as it leaves the vault: only cleared fields, and title and url only when they reveal nothing more. */
export interface DisclosedRecord extends Pick<StoredRecord, "id" | "platform" | "kind" | "time" | "title" | "url"> {
  fields: Record<string, FieldValue>;
}

export interface DisclosureResult {
  /** What may be sent, and nothing else. */
  payload: DisclosedRecord[];
  plan: DecisionPlan;
  /** One entry per basis that let fields go; empty when nothing was disclosed. */
  audit: AuditEntry[];
}

/**
 * The one way vault data leaves for a destination: decides with the user's rules, asks the user
 * where needed, logs what goes, and builds the payload from cleared fields only. The audit entry
 * is written before the payload is returned, so a disclosure that cannot be logged does not
 * happen.
 */
export async function disclose(vault: Pick<Vault, "db">, request: DisclosureRequest): Promise<DisclosureResult> {
  const { records, purpose, mode, autonomy } = request;
  // Callers such as the MCP server pass what a client sent, so the types alone prove nothing.
  const destination = parseDestination(request.destination);
  if (!MODES.includes(mode)) throw new Error(`unknown mode "${mode}": use ${MODES.join(", ")}`);
  if (!AUTONOMY_LEVELS.includes(autonomy)) throw new Error(`unknown autonomy "${autonomy}": use ${AUTONOMY_LEVELS.join(", ")}`);

  const plan = decide({ records, destination, mode, autonomy, rules: await listRules(vault) });
  let answer: ConfirmationAnswer = "refuse";
  if (plan.confirm.length > 0 && request.confirm) {
    answer = await request.confirm(pendingConfirmation(plan, new Map(records.map((record) => [record.id, record.title])), purpose));
  }
  const cleared = clearedFields(plan, answer);

  const audit: AuditEntry[] = [];
  for (const basis of ["rule", "mode", "autonomy", "confirmation"] satisfies Basis[]) {
    const disclosed = cleared
      .filter((field) => field.basis === basis)
      .map((field) => ({ record_id: field.record_id, field: field.field, level: field.level, categories: field.categories, rule: field.rule.id }));
    if (disclosed.length > 0) audit.push(await recordDisclosure(vault, { destination, purpose, mode, autonomy, basis, disclosed }));
  }
  return { payload: project(records, cleared), plan, audit };
}

/**
 * Each record cut down to its cleared fields; records with none are left out. A title or url is
 * derived from fields (a subject, a product name, a channel URL) or is a label, and which field
 * it came from is not stored; so it goes only when it is the value of a cleared field, or when
 * every field of the record is cleared. The record's time goes with any cleared field.
 */
function project(records: StoredRecord[], cleared: ClearedField[]): DisclosedRecord[] {
  const clearedNames = new Map<number, Set<string>>();
  for (const field of cleared) clearedNames.set(field.record_id, (clearedNames.get(field.record_id) ?? new Set()).add(field.field));
  return records.flatMap((record) => {
    const names = clearedNames.get(record.id);
    if (!names) return [];
    const fields = record.fields.filter((field) => names.has(field.name));
    const whole = fields.length === record.fields.length;
    const revealed = (text: string | null) => (text !== null && (whole || fields.some((field) => field.value === text)) ? text : null);
    return [
      {
        id: record.id,
        platform: record.platform,
        kind: record.kind,
        time: record.time,
        title: revealed(record.title),
        url: revealed(record.url),
        fields: Object.fromEntries(fields.map((field) => [field.name, field.value])),
      },
    ];
  });
}
