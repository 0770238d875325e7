import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";
import { DEFAULT_RULES, type SharingRule } from "./rules.js";
import type { Autonomy, Basis, Decision, Destination, Mode } from "./types.js";

/** What the policy needs to know of a record: where it is from and its fields' tags, no values. */
export interface DecidableRecord {
  id: number;
  platform: string;
  kind: string;
  fields: { name: string; level: SensitivityLevel; categories: SensitivityCategory[] }[];
}

/** `send` now, `confirm` with the user first, or `withhold`. */
export type Outcome = "send" | "confirm" | "withhold";

export interface FieldDecision {
  record_id: number;
  field: string;
  level: SensitivityLevel;
  categories: SensitivityCategory[];
  /** The deciding rule: the most specific of the user's rules that match, else of the defaults. */
  rule: SharingRule;
  outcome: Outcome;
  /** What lets a `send` go without asking; null for the other outcomes. */
  basis: Exclude<Basis, "confirmation"> | null;
}

export interface DecisionPlan {
  destination: Destination;
  mode: Mode;
  autonomy: Autonomy;
  /** Every field of every record, in order. */
  fields: FieldDecision[];
  send: FieldDecision[];
  confirm: FieldDecision[];
  withhold: FieldDecision[];
}

export interface DecisionInput {
  records: DecidableRecord[];
  destination: Destination;
  mode: Mode;
  autonomy: Autonomy;
  /** The user's rules (see `listRules`); the defaults apply where none matches. */
  rules: readonly SharingRule[];
}

/**
 * The policy decision point: what may happen to each field of these records on its way to a
 * destination. Pure, so the gateway, the web UI's preview and the tests all see the same answer.
 *
 * The rule decides allow / ask / deny; the mode then says what personalization may use at all,
 * and autonomy which of the rest needs the user's confirmation:
 * - mode `none`: every field is withheld.
 * - mode `privacy-aware`: the rule's decision stands.
 * - mode `basic`: the user chose personalization from everything, so the defaults' asks and
 *   denies become allows; the user's own rules (deny and ask alike) stand, a mode never
 *   overrides what the user said.
 * - autonomy `none`: allowed and asked fields are both confirmed; `intermediate`: asked fields
 *   are confirmed; `full`: asked fields go unconfirmed. Denied fields never go.
 */
export function decide({ records, destination, mode, autonomy, rules }: DecisionInput): DecisionPlan {
  const fields = records.flatMap((record) =>
    record.fields.map((field): FieldDecision => {
      const userRule = decidingRule(rules, destination, record, field);
      // The defaults end in a rule for everything, so one of them always matches.
      const rule = userRule ?? decidingRule(DEFAULT_RULES, destination, record, field)!;
      const liftedByMode = mode === "basic" && !userRule && rule.decision !== "allow";
      const decision: Decision = liftedByMode ? "allow" : rule.decision;
      const [outcome, basis] = outcomeOf(decision, mode, autonomy);
      return {
        record_id: record.id,
        field: field.name,
        level: field.level,
        categories: field.categories,
        rule,
        outcome,
        basis: basis === "rule" && liftedByMode ? "mode" : basis,
      };
    }),
  );
  const having = (outcome: Outcome) => fields.filter((field) => field.outcome === outcome);
  return { destination, mode, autonomy, fields, send: having("send"), confirm: having("confirm"), withhold: having("withhold") };
}

function outcomeOf(decision: Decision, mode: Mode, autonomy: Autonomy): [Outcome, FieldDecision["basis"]] {
  if (mode === "none" || decision === "deny") return ["withhold", null];
  if (autonomy === "none") return ["confirm", null];
  if (decision === "allow") return ["send", "rule"];
  return autonomy === "full" ? ["send", "autonomy"] : ["confirm", null];
}

const STRICTNESS: Record<Decision, number> = { allow: 0, ask: 1, deny: 2 };

/**
 * The most specific matching rule. Specificity compares, in turn: a field rule, a kind rule, a
 * platform rule, a category rule, the minimum level (higher is narrower), then the destination
 * (exact, then `mcp:*`, then `*`). Among equally specific rules the strictest wins, so the
 * outcome never depends on the order rules were made in.
 */
export function decidingRule(
  rules: readonly SharingRule[],
  destination: Destination,
  record: Pick<DecidableRecord, "platform" | "kind">,
  field: DecidableRecord["fields"][number],
): SharingRule | undefined {
  let best: { rule: SharingRule; rank: number[] } | undefined;
  for (const rule of rules) {
    if (!matches(rule, destination, record, field)) continue;
    const rank = [...specificity(rule, destination), STRICTNESS[rule.decision]];
    if (!best || outranks(rank, best.rank)) best = { rule, rank };
  }
  return best?.rule;
}

function matches(rule: SharingRule, destination: Destination, record: Pick<DecidableRecord, "platform" | "kind">, field: DecidableRecord["fields"][number]): boolean {
  return (
    destinationRank(rule, destination) >= 0 &&
    (rule.platform === null || rule.platform === record.platform) &&
    (rule.kind === null || rule.kind === record.kind) &&
    (rule.field === null || rule.field === field.name) &&
    (rule.category === null || field.categories.includes(rule.category)) &&
    (rule.minLevel === null || field.level >= rule.minLevel)
  );
}

function specificity(rule: SharingRule, destination: Destination): number[] {
  const set = (value: unknown) => (value === null ? 0 : 1);
  return [set(rule.field), set(rule.kind), set(rule.platform), set(rule.category), rule.minLevel ?? -1, destinationRank(rule, destination)];
}

/** 2 for the destination itself, 1 for `mcp:*` on an MCP client, 0 for `*`, -1 for no match. */
function destinationRank(rule: SharingRule, destination: Destination): number {
  if (rule.destination === destination) return 2;
  if (rule.destination === "mcp:*" && destination.startsWith("mcp:")) return 1;
  return rule.destination === "*" ? 0 : -1;
}

function outranks(a: number[], b: number[]): boolean {
  for (const [i, value] of a.entries()) if (value !== b[i]) return value > b[i]!;
  return false;
}
