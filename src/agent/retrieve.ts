import type { Vault } from "../db/open.js";
import type { Embedder } from "../search/embedder.js";
import { searchVault } from "../search/search.js";
import type { SensitivityCategory } from "../sensitivity/levels.js";
import { listRecords, type StoredRecord } from "../vault/queries.js";
import { DOMAIN_KINDS, type ParsedRequest } from "./request.js";

/** Categories that name or reach a person or their money and never say what they like. */
const NOT_TASTE: ReadonlySet<SensitivityCategory> = new Set(["identifier", "contact", "financial", "credentials", "device", "location"]);

/**
 * Data minimisation before the gateway: a level-3 field that only identifies, reaches or bills
 * the user (an address, a card, an IP) tells nothing about taste, so it is not even asked for.
 * The title goes with the cut record only when it is one of the kept values, as the gateway would
 * decide; a title derived from a dropped field must not ride along.
 */
export function minimise(record: StoredRecord): StoredRecord {
  const kept = record.fields.filter((field) => !(field.level === 3 && field.categories.length > 0 && field.categories.every((category) => NOT_TASTE.has(category))));
  if (kept.length === record.fields.length) return record;
  const shown = (text: string | null) => (text !== null && kept.some((field) => field.value === text) ? text : null);
  return { ...record, fields: kept, title: shown(record.title), url: shown(record.url) };
}

export interface Evidence {
  /** Matches of the request's words, best first. */
  matches: StoredRecord[];
  /** The user's backlog: lists, carts, watch lists, saved places. */
  backlog: StoredRecord[];
  /** Recent activity in the domain: where repeat viewings, purchases and long watches show. */
  recent: StoredRecord[];
}

const BACKLOG_LIMIT = 300;
const DOMAIN_RECENT_LIMIT = 150;
const OTHER_RECENT_LIMIT = 50;
/** Kinds that show what the user did, as opposed to what they saved for later. */
const ENGAGEMENT_KINDS = [...new Set(Object.values(DOMAIN_KINDS).flat())].filter((kind) => kind !== "list_item");
const MATCH_LIMIT = 40;

/**
 * Reads the evidence for a request on the device; nothing here leaves the vault. With an
 * embedder, matches are found by meaning too: "a climbing film" finds "Free Solo".
 */
export async function retrieve(vault: Vault, request: ParsedRequest, embedder?: Embedder): Promise<Evidence> {
  const query = [...request.terms, ...request.interests].join(" ");
  const hits = query ? await searchVault(vault, query, { limit: MATCH_LIMIT, embedder }) : [];
  const kinds = request.domain ? DOMAIN_KINDS[request.domain] : [...new Set(Object.values(DOMAIN_KINDS).flat())];
  const byId = new Map((hits.length ? await listRecords(vault.db, { ids: hits.map((hit) => hit.id), limit: hits.length }) : []).map((record) => [record.id, record]));
  const matches = hits.flatMap((hit) => byId.get(hit.id) ?? []).map(minimise);
  const backlog = (await listRecords(vault.db, { kind: "list_item", limit: BACKLOG_LIMIT })).map(minimise);
  // The domain's own kinds weigh most, but taste shows across domains: a climbing film watched
  // says something about a gift to buy.
  const recent: StoredRecord[] = [];
  for (const kind of ENGAGEMENT_KINDS) {
    const limit = kinds.includes(kind) ? DOMAIN_RECENT_LIMIT : OTHER_RECENT_LIMIT;
    recent.push(...(await listRecords(vault.db, { kind, limit })).map(minimise));
  }
  return { matches, backlog, recent };
}

/** The evidence as one list without repeats, matches first, at most `limit` records. */
export function candidates(evidence: Evidence, limit = Infinity): StoredRecord[] {
  const seen = new Set<number>();
  return [...evidence.matches, ...evidence.backlog, ...evidence.recent].filter((record) => !seen.has(record.id) && seen.add(record.id)).slice(0, limit);
}
