import { count, inArray, max, min } from "drizzle-orm";
import type { FieldValue } from "../../importers/types.js";
import { recommendBuiltin, type Recommendation } from "../agent/builtin.js";
import { parseRequest } from "../agent/request.js";
import { candidates, retrieve } from "../agent/retrieve.js";
import type { Vault } from "../db/open.js";
import { records as recordsTable } from "../db/schema.js";
import { recordDisclosure } from "../policy/audit.js";
import type { ConfirmationAnswer, PendingConfirmation } from "../policy/confirm.js";
import { decide } from "../policy/decide.js";
import { disclose, type DisclosedRecord } from "../policy/gateway.js";
import { listRules } from "../policy/rules.js";
import type { Autonomy, Destination, Mode } from "../policy/types.js";
import { meaningSearchFor, searchVault, type SearchFilters } from "../search/search.js";
import { listRecords, type StoredRecord } from "../vault/queries.js";
import { interestProfile, tasteOnly, type InterestProfile } from "../agent/profile.js";

/** Asks the user whether fields may go; the records let the question name each one's platform and kind. */
export type AskUser = (pending: PendingConfirmation, records: ReadonlyMap<number, StoredRecord>) => Promise<ConfirmationAnswer>;

/** One MCP client: where its answers go, and how to ask the user (without a way, asked fields stay home). */
export interface McpClient {
  destination: Destination;
  askUser?: AskUser;
}

/** The user's rules decide; what they ask about waits for the user. An MCP client cannot choose otherwise. */
const MODE: Mode = "privacy-aware";
const AUTONOMY: Autonomy = "intermediate";

/** At most this many records per answer. */
export const MAX_RECORDS = 100;

/** How much of an answer stayed in the vault: counts of fields, never their names or values. */
export interface Withheld {
  /** Fields the user's rules (or the defaults) deny to this client. */
  by_rules: number;
  /** Fields the user was asked about and did not approve, or could not be asked about. */
  not_confirmed: number;
}

export interface Shared {
  records: DisclosedRecord[];
  withheld: Withheld;
}

/**
 * The vault as MCP clients see it: every answer is made of records that went through the
 * disclosure gateway for the client's destination, so its rules, confirmations and audit log
 * apply to each, and an answer derived from records (a profile, recommendations) is derived only
 * from what the client may see.
 */
export class VaultAccess {
  readonly #meaning: ReturnType<typeof meaningSearchFor>;

  /** `onUnindexed`: see `meaningSearchFor`. */
  constructor(
    readonly vault: Vault,
    onUnindexed?: () => void,
  ) {
    this.#meaning = meaningSearchFor(vault, onUnindexed);
  }

  /** Records matching the query, best first, as far as the client may see them. */
  async search(client: McpClient, input: SearchFilters & { query: string; limit?: number }): Promise<Shared> {
    const { query, limit = 20, ...filters } = input;
    const { embedder } = await this.#meaning();
    const hits = await searchVault(this.vault, query, { ...filters, limit: Math.min(limit, MAX_RECORDS), embedder });
    const found = hits.length ? await listRecords(this.vault.db, { ids: hits.map((hit) => hit.id), limit: hits.length }) : [];
    const byId = new Map(found.map((record) => [record.id, record]));
    // A hit the client could never see matching would tell it what the hidden fields hold
    // ("diabetes" matched record 12), so only hits that can match in what may go are asked for.
    const plan = decide({ records: found, destination: client.destination, mode: MODE, autonomy: AUTONOMY, rules: await listRules(this.vault) });
    const mayGo = new Set([...plan.send, ...plan.confirm].map((field) => `${field.record_id}.${field.field}`));
    const terms = searchTerms(query);
    const askable = hits.flatMap((hit) => byId.get(hit.id) ?? []).filter((record) => {
      const fields = record.fields.filter((field) => mayGo.has(`${record.id}.${field.name}`));
      return answers(terms, fields.map((field) => field.value), fields.length === record.fields.length);
    });
    const shared = await this.#share(client, askable, "search results");
    // After the user's answer, the same test on what actually goes: a refused field may have held
    // the match. The audit log then names fields that were cleared but not sent: more, never less.
    const kept = shared.records.filter((record) => answers(terms, [record.title, ...Object.values(record.fields)], Object.keys(record.fields).length === byId.get(record.id)!.fields.length));
    return { records: kept, withheld: shared.withheld };
  }

  /** Records by id, or the latest of a platform or kind. */
  async getRecords(client: McpClient, query: { ids?: number[]; platform?: string; kind?: string; limit?: number }): Promise<Shared> {
    const limit = Math.min(query.limit ?? query.ids?.length ?? 20, MAX_RECORDS);
    const found = await listRecords(this.vault.db, { ids: query.ids, platform: query.platform, kind: query.kind, limit });
    return this.#share(client, found, query.ids ? "records asked for by id" : "latest records");
  }

  /** The user's interests, drawn from recent activity the client may see. */
  async profile(client: McpClient): Promise<InterestProfile & { withheld: Withheld }> {
    const { recent } = await retrieve(this.vault, parseRequest(""));
    const shared = await this.#share(client, recent.map(tasteOnly), "interest profile");
    return { ...interestProfile(shared.records), withheld: shared.withheld };
  }

  /**
   * The on-device recommender, run for the client: it reads only what the client may see, so no
   * title in a reason comes from a record the client's rules keep from it. (`ask()` discloses to
   * the recommender's own destination, whose rules are not the client's.)
   */
  async recommend(client: McpClient, text: string): Promise<{ recommendations: Recommendation[]; withheld: Withheld }> {
    const request = parseRequest(text);
    const evidence = await retrieve(this.vault, request);
    // The purpose is read in the audit log; the request's own words may hold what the log must not.
    const shared = await this.#share(client, candidates(evidence).map(tasteOnly), `recommendations (${request.domain ?? "any domain"})`);
    return { recommendations: recommendBuiltin(request, shared.records), withheld: shared.withheld };
  }

  /**
   * Which platforms and kinds the vault holds, how many records and from when to when: no field
   * values. A platform or kind the user's rules deny to this client as a whole is left out, and the
   * overview is logged like any disclosure (with no fields).
   */
  async overview(client: McpClient): Promise<{ platforms: { platform: string; kind: string; records: number; first: string | null; last: string | null }[] }> {
    const rows = await this.vault.db
      .select({ platform: recordsTable.platform, kind: recordsTable.kind, records: count(), first: min(recordsTable.occurredAt), last: max(recordsTable.occurredAt) })
      .from(recordsTable)
      .groupBy(recordsTable.platform, recordsTable.kind)
      .orderBy(recordsTable.platform, recordsTable.kind);
    const rules = await listRules(this.vault);
    const { destination } = client;
    // A field with no level and no category stands for the platform or kind itself.
    const shown = rows.filter(
      (row) => decide({ records: [{ id: 0, platform: row.platform, kind: row.kind, fields: [{ name: "", level: 0, categories: [] }] }], destination, mode: MODE, autonomy: AUTONOMY, rules }).withhold.length === 0,
    );
    await recordDisclosure(this.vault, { destination, purpose: "overview: platforms, kinds, record counts and time ranges", mode: MODE, autonomy: AUTONOMY, basis: "rule", disclosed: [] });
    return { platforms: shown.map((row) => ({ ...row, first: isoTime(row.first), last: isoTime(row.last) })) };
  }

  async #share(client: McpClient, records: StoredRecord[], purpose: string): Promise<Shared> {
    const byId = new Map(records.map((record) => [record.id, record]));
    const { askUser } = client;
    const result = await disclose(this.vault, {
      records,
      destination: client.destination,
      purpose,
      mode: MODE,
      autonomy: AUTONOMY,
      confirm: askUser && ((pending) => askUser(pending, byId)),
    });
    const confirmed = result.audit.filter((entry) => entry.basis === "confirmation").reduce((sum, entry) => sum + entry.field_count, 0);
    return { records: await stillStored(this.vault, result.payload), withheld: { by_rules: result.plan.withhold.length, not_confirmed: result.plan.confirm.length - confirmed } };
  }
}

/**
 * The records the vault still holds. A confirmation can wait minutes, in which the user may forget
 * the very records it asks about; what was read before must not leave after that.
 */
async function stillStored(vault: Vault, payload: DisclosedRecord[]): Promise<DisclosedRecord[]> {
  if (payload.length === 0) return payload;
  const rows = await vault.db.select({ id: recordsTable.id }).from(recordsTable).where(inArray(recordsTable.id, payload.map((record) => record.id)));
  const stored = new Set(rows.map((row) => row.id));
  return payload.filter((record) => stored.has(record.id));
}

function isoTime(value: Date | number | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Lower case without accents, as the full-text index compares words. */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function searchTerms(query: string): string[] {
  return folded(query).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function flatText(value: FieldValue): string {
  if (value === null || typeof value === "boolean") return "";
  if (Array.isArray(value)) return value.map(flatText).join(" ");
  if (typeof value === "object") return Object.values(value).map(flatText).join(" ");
  return String(value);
}

/**
 * Whether these values show why a record matched: one of the query's words is in them (words of
 * three letters or more as prefixes, as the index matches), or they are the whole record, which
 * is what a match by meaning rests on.
 */
function answers(terms: string[], values: FieldValue[], whole: boolean): boolean {
  if (whole) return true;
  const words = folded(values.map(flatText).join(" ")).match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.some((term) => words.some((word) => (term.length >= 3 ? word.startsWith(term) : word === term)));
}
