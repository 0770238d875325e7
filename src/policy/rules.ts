import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import type { Vault } from "../db/open.js";
import { sharingRules } from "../db/schema.js";
import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";
import type { Decision, Destination } from "./types.js";

/** A rule's destination: a concrete one, `mcp:*` for every MCP client, or `*` for all. */
export type RuleDestination = Destination | "*";

/** What data a rule is about; null matches anything. */
export interface RuleMatcher {
  platform: string | null;
  kind: string | null;
  field: string | null;
  category: SensitivityCategory | null;
  /** The rule covers fields of this level and above. */
  minLevel: SensitivityLevel | null;
}

export interface SharingRule extends RuleMatcher {
  /** A stored rule's row id, or `default:<name>` for a built-in default. */
  id: number | `default:${string}`;
  destination: RuleDestination;
  decision: Decision;
  note: string | null;
  /** When the user set it; null for a default. */
  createdAt: Date | null;
}

/** One of the user's rules, as stored. */
export type StoredRule = SharingRule & { id: number; createdAt: Date };

/** A rule as a user states it, checked by `setRule`. */
export interface RuleInput {
  destination: string;
  decision: string;
  platform?: string | null;
  kind?: string | null;
  field?: string | null;
  category?: string | null;
  minLevel?: number | null;
  note?: string | null;
}

/** Every category a field can carry, to catch a mistyped `--category` that would never match. */
export const CATEGORIES = [
  "identifier",
  "contact",
  "location",
  "financial",
  "device",
  "credentials",
  "communications",
  "health",
  "sexuality",
  "religion",
  "politics",
  "ethnicity",
  "trade_union",
  "genetic",
  "biometric",
  "children",
] as const satisfies readonly SensitivityCategory[];
// A category added to SensitivityCategory but not above fails to compile here.
const everyCategoryListed: Exclude<SensitivityCategory, (typeof CATEGORIES)[number]> extends never ? true : never = true;

const DECISIONS: readonly Decision[] = ["allow", "ask", "deny"];

/**
 * The built-in defaults: they decide only where none of the user's rules matches, and they are
 * code, not rows, so a better default in a later version reaches every vault and `rules reset`
 * just removes the user's rules. Among themselves they resolve like user rules (the higher
 * minimum level wins), which gives this table:
 *
 * | level                | builtin | local-model | remote-model | mcp:* | export |
 * | -------------------- | ------- | ----------- | ------------ | ----- | ------ |
 * | 0 public             | allow   | allow       | allow        | allow | allow  |
 * | 1 personal           | allow   | allow       | allow        | allow | allow  |
 * | 2 sensitive          | allow   | ask         | ask          | ask   | ask    |
 * | 3 highly sensitive   | ask     | ask         | deny         | deny  | ask    |
 *
 * The on-device recommender keeps level 2 to itself, but its suggestions end up on screen and in
 * conversations that may go elsewhere, so level 3 (addresses, payment, credentials, health) needs
 * the user's say even there. Export is the user's own act, so it asks rather than denies.
 */
export const DEFAULT_RULES: readonly SharingRule[] = [
  defaultRule("everything", "*", null, "allow", "public and personal data may go anywhere"),
  defaultRule("highly-sensitive-builtin", "builtin", 3, "ask", "highly sensitive data reaches the recommender only with your say"),
  defaultRule("sensitive-local-model", "local-model", 2, "ask", "sensitive data reaches a local model only with your say"),
  defaultRule("sensitive-remote-model", "remote-model", 2, "ask", "sensitive data crosses the network only with your say"),
  defaultRule("highly-sensitive-remote-model", "remote-model", 3, "deny", "highly sensitive data never crosses the network"),
  defaultRule("sensitive-mcp", "mcp:*", 2, "ask", "sensitive data reaches MCP clients only with your say"),
  defaultRule("highly-sensitive-mcp", "mcp:*", 3, "deny", "highly sensitive data never goes to MCP clients"),
  defaultRule("sensitive-export", "export", 2, "ask", "sensitive data is exported only with your say"),
];

function defaultRule(name: string, destination: RuleDestination, minLevel: SensitivityLevel | null, decision: Decision, note: string): SharingRule {
  return { id: `default:${name}`, destination, platform: null, kind: null, field: null, category: null, minLevel, decision, note, createdAt: null };
}

/** The user's rules, oldest first. */
export async function listRules(vault: Pick<Vault, "db">): Promise<StoredRule[]> {
  return vault.db.select().from(sharingRules).orderBy(asc(sharingRules.id));
}

/** Sets what the user says for a matcher and destination: the rule for both is replaced, or added. */
export async function setRule(vault: Pick<Vault, "db">, input: RuleInput): Promise<StoredRule> {
  const rule = validRule(input);
  const sameTarget = and(
    eq(sharingRules.destination, rule.destination),
    ...(["platform", "kind", "field", "category", "minLevel"] as const).map((key): SQL => {
      const value = rule[key];
      return value === null ? isNull(sharingRules[key]) : eq(sharingRules[key], value);
    }),
  );
  const values = { ...rule, createdAt: new Date() };
  // One write transaction, so two clients setting the same rule at once cannot both add it.
  return vault.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: sharingRules.id }).from(sharingRules).where(sameTarget);
    const [stored] = existing
      ? await tx.update(sharingRules).set(values).where(eq(sharingRules.id, existing.id)).returning()
      : await tx.insert(sharingRules).values(values).returning();
    return stored!;
  });
}

/** Removes one of the user's rules; false when there is no such rule. */
export async function removeRule(vault: Pick<Vault, "db">, id: number): Promise<boolean> {
  const removed = await vault.db.delete(sharingRules).where(eq(sharingRules.id, id)).returning({ id: sharingRules.id });
  return removed.length > 0;
}

/** Removes every rule of the user's, which leaves the defaults; returns how many there were. */
export async function resetRules(vault: Pick<Vault, "db">): Promise<number> {
  const removed = await vault.db.delete(sharingRules).returning({ id: sharingRules.id });
  return removed.length;
}

/** `mcp:<client>` names one client; the name is what the client reports, so keep it plain. */
const MCP_DESTINATION = /^mcp:[A-Za-z0-9._-]+$/;
const FIXED_DESTINATIONS: readonly string[] = ["builtin", "local-model", "remote-model", "export"];

/** A destination data can actually be sent to: not a wildcard. */
export function parseDestination(text: string): Destination {
  if (FIXED_DESTINATIONS.includes(text) || MCP_DESTINATION.test(text)) return text as Destination;
  throw new Error(`unknown destination "${text}": use builtin, local-model, remote-model, export or mcp:<client>`);
}

function parseRuleDestination(text: string): RuleDestination {
  return text === "*" || text === "mcp:*" ? text : parseDestination(text);
}

function validRule(input: RuleInput): Omit<SharingRule, "id" | "createdAt"> {
  const decision = input.decision as Decision;
  if (!DECISIONS.includes(decision)) throw new Error(`unknown decision "${input.decision}": use allow, ask or deny`);
  const category = (input.category || null) as SensitivityCategory | null;
  if (category !== null && !CATEGORIES.includes(category)) throw new Error(`unknown category "${category}": use one of ${CATEGORIES.join(", ")}`);
  const minLevel = (input.minLevel ?? null) as SensitivityLevel | null;
  if (minLevel !== null && ![0, 1, 2, 3].includes(minLevel)) throw new Error(`minimum level must be 0, 1, 2 or 3, not ${minLevel}`);
  return {
    destination: parseRuleDestination(input.destination),
    platform: input.platform || null,
    kind: input.kind || null,
    field: input.field || null,
    category,
    minLevel,
    decision,
    note: input.note || null,
  };
}

/** What a rule is about, in words: `platform gmail, field body, level 2+`, or `everything`. */
export function ruleScope(rule: SharingRule): string {
  const matchers = [
    rule.platform && `platform ${rule.platform}`,
    rule.kind && `kind ${rule.kind}`,
    rule.field && `field ${rule.field}`,
    rule.category && `category ${rule.category}`,
    rule.minLevel !== null && `level ${rule.minLevel}+`,
  ].filter(Boolean);
  return matchers.join(", ") || "everything";
}

/** A rule in a line: `remote-model: category health, level 2+ → deny`. */
export function describeRule(rule: SharingRule): string {
  return `${rule.destination}: ${ruleScope(rule)} → ${rule.decision}`;
}
