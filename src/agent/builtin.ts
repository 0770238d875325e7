import type { FieldValue } from "../../importers/types.js";
import type { DisclosedRecord } from "../policy/gateway.js";
import { label } from "./label.js";
import { DOMAIN_KINDS, FILLER, type Domain, type ParsedRequest } from "./request.js";
import { seriesInProgress, trailerInterests } from "./series.js";

export interface Recommendation {
  title: string;
  reason: string;
  /** Ids of the records the pick rests on, the pick itself first when it is in the vault. */
  evidence: number[];
}

/** How a record is told back to the user: "you watched X on Netflix". */
const VERBS: Record<string, string> = {
  viewing: "watched",
  order_item: "bought",
  purchase: "bought",
  list_item: "saved",
  library_item: "have",
  page_visit: "read",
  place_visit: "went to",
  activity: "looked at",
  search: "searched for",
  message: "got mail about",
  event: "had",
};

/** Which lists belong to a domain, by their names; a list without a name fits any. */
const LIST_NAMES: Record<Domain, RegExp> = {
  watch: /my list|watch|later|merkliste|video/i,
  "buy-gift": /wish|cart|saved for later|wunsch|deseos|envie|desideri/i,
  read: /read|book|lesen|leer|lire|leggere|bookmark|lesezeichen|marcador|signet|segnalibr/i,
  "eat-go": /place|saved|starred|want to go|favou?rite|restaurant/i,
  listen: /music|audible|playlist|podcast|album|song/i,
};

const PLATFORM_NAMES: Record<string, string> = { netflix: "Netflix", amazon: "Amazon", youtube: "YouTube", google: "Google", gmail: "Gmail", email: "your mail", maps: "Google Maps" };

const MAX_PICKS = 5;
const MAX_SUPPORT = 3;
/** Head starts over the backlog: a series begun is likelier wanted tonight than one only trailed. */
const CONTINUE_BONUS = 2.5;
const TRAILER_BONUS = 1.5;
/** Charges and order numbers, which are bought but are nothing to recommend. */
const NOT_A_THING = /\b(?:fee|membership|subscription|abonnement|abbonamento|mitgliedschaft|gebühr|suscripción|cuota|cotisation|quota)\b|^digital order\b/iu;
/** Longer than this is "too long" for a short evening (90 minutes). */
const LONG_SECONDS = 5400;

/** Word stems, so "climbing", "climber" and "climb" meet: a word's first five letters. */
export function stems(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((word) => !FILLER.has(word)).map((word) => word.slice(0, 5)));
}

function flatten(value: FieldValue): string {
  if (value === null || typeof value === "boolean") return "";
  if (Array.isArray(value)) return value.map(flatten).join(" ");
  if (typeof value === "object") return Object.values(value).map(flatten).join(" ");
  return String(value);
}

/** Fields that say what a thing is about; ids, prices and list names do not. */
const TOPIC_FIELDS = new Set(["title", "name", "product", "subject", "genre", "genres", "category", "description", "channel", "show", "series", "author", "artist", "album", "query", "tags", "topic"]);
/** A stem in more than this share of the records is too common to explain a pick with. */
const COMMON_SHARE = 0.2;
/** Longest title quoted in a reason. */
const MAX_QUOTE = 60;

/** A candidate pick: what it is called, what it rests on, and how the user would be told. */
interface Pick {
  item: Scored;
  title: string;
  /** The first half of the reason: "On your Netflix "My List"", "You stopped at …". */
  lead: string;
  /** Further records the pick itself stands on (earlier episodes, the list entry), cited as evidence. */
  own: DisclosedRecord[];
  score: number;
}

interface Scored {
  record: DisclosedRecord;
  stems: Set<string>;
  /** How strongly the user engaged: repeats, purchases, long watches. */
  engagement: number;
}

function describe(record: DisclosedRecord): string {
  const platform = PLATFORM_NAMES[record.platform] ?? record.platform;
  const name = label(record) ?? "an item";
  return `${VERBS[record.kind] ?? `have a ${record.kind}`} "${name.length > MAX_QUOTE ? `${name.slice(0, MAX_QUOTE)}…` : name}" on ${platform}`;
}

/**
 * The on-device recommender. Ranks the backlog and records matching the request against the
 * request's terms and an interest profile drawn from everything disclosed to it, weighted by
 * engagement, and explains each pick with the records of other platforms it rests on. Sees only
 * the gateway's payload, and the ids of the records a search matched, best first.
 */
export function recommendBuiltin(request: ParsedRequest, payload: DisclosedRecord[], matched: readonly number[] = []): Recommendation[] {
  // A search match, by words or by meaning, fits the request as well as a shared word does.
  const relevance = new Map(matched.map((id, rank) => [id, 3 * (1 - rank / matched.length)]));
  const titleCounts = new Map<string, number>();
  for (const record of payload) {
    const name = label(record)?.toLowerCase();
    if (name) titleCounts.set(name, (titleCounts.get(name) ?? 0) + 1);
  }
  const scored: Scored[] = payload.map((record) => {
    const seconds = Number(record.fields.duration_seconds ?? 0);
    const repeats = (titleCounts.get(label(record)?.toLowerCase() ?? "") ?? 1) - 1;
    const bought = record.kind === "order_item" || record.kind === "purchase" ? 1 : 0;
    const long = record.kind === "viewing" && seconds > 2400 ? 1 : 0;
    const topics = Object.entries(record.fields).filter(([name]) => TOPIC_FIELDS.has(name)).map(([, value]) => flatten(value));
    return { record, stems: stems(`${label(record) ?? ""} ${topics.join(" ")}`), engagement: 1 + repeats + bought + long };
  });
  const wanted = stems([...request.terms, ...request.interests].join(" "));
  // Stems most records share ("prime", "season") weigh little in taste (inverse document
  // frequency) and explain nothing, so support never rests on them alone.
  const spread = new Map<string, number>();
  for (const item of scored) for (const stem of item.stems) spread.set(stem, (spread.get(stem) ?? 0) + 1);
  const rarity = (stem: string) => Math.log((1 + scored.length) / (1 + (spread.get(stem) ?? 0)));
  const common = (stem: string) => !wanted.has(stem) && (spread.get(stem) ?? 0) > Math.max(5, scored.length * COMMON_SHARE);

  // The interest profile: each stem weighted by the engagement of the records that hold it.
  const profile = new Map<string, number>();
  for (const item of scored) if (item.record.kind !== "list_item") for (const stem of item.stems) profile.set(stem, (profile.get(stem) ?? 0) + item.engagement);
  const overlap = (item: Scored, terms: Iterable<string>) => [...terms].filter((stem) => item.stems.has(stem)).length;

  const fitsDomain = (record: DisclosedRecord) => {
    if (!request.domain) return true;
    if (record.kind !== "list_item") return false;
    const list = record.fields.list;
    if (typeof list !== "string" || LIST_NAMES[request.domain].test(list)) return true;
    // Shopping lists get any name ("Monitors"): a list no other domain claims is one.
    return request.domain === "buy-gift" && !Object.values(LIST_NAMES).some((names) => names.test(list));
  };
  // Besides the backlog, things of the domain's kinds that match the request; not viewings, already seen.
  const related = (record: DisclosedRecord) => (!request.domain || DOMAIN_KINDS[request.domain].includes(record.kind)) && !["list_item", "viewing", "preview", "message"].includes(record.kind);
  const taste = (item: Scored) => [...item.stems].reduce((sum, stem) => sum + Math.log1p(profile.get(stem) ?? 0) * rarity(stem), 0) / Math.max(item.stems.size, 1);
  const itemOf = new Map(scored.map((item) => [item.record.id, item]));
  const platformName = (record: DisclosedRecord) => PLATFORM_NAMES[record.platform] ?? record.platform;
  const listPhrase = (record: DisclosedRecord) => `your ${platformName(record)} ${typeof record.fields.list === "string" ? `"${record.fields.list}"` : "list"}`;

  const picks: Pick[] = [];
  const shows = new Set<string>();
  if (!request.domain || request.domain === "watch") {
    // What the user already started, or was curious enough about to watch a trailer of, is
    // the likeliest thing they want tonight: these come from viewings, not lists.
    const payloadOf = (kind: string) => payload.filter((record) => record.kind === kind);
    const onList = (show: string) => payload.filter((record) => record.kind === "list_item" && label(record)?.toLowerCase() === show.toLowerCase());
    for (const series of seriesInProgress(payloadOf("viewing"))) {
      shows.add(series.show.toLowerCase());
      const item = itemOf.get(series.last.id)!;
      const listed = onList(series.show);
      const lead = `You stopped at "${series.position}" of ${series.show} on ${platformName(series.last)}${series.last.time ? ` on ${series.last.time.slice(0, 10)}` : ""}${series.partial ? ", partway through the episode" : ""}`;
      picks.push({ item, title: series.show, lead: listed.length ? `${lead}; it is on ${listPhrase(listed[0]!)}` : lead, own: [...series.viewings.slice(1, 3), ...listed], score: CONTINUE_BONUS + 3 * overlap(item, wanted) + taste(item) });
    }
    for (const interest of trailerInterests(payloadOf("preview"), shows)) {
      shows.add(interest.show.toLowerCase());
      const [latest] = interest.previews;
      const item = itemOf.get(latest!.id)!;
      const listed = onList(interest.show);
      const lead = `You watched a trailer of it on ${platformName(latest!)}${latest!.time ? ` on ${latest!.time.slice(0, 10)}` : ""}`;
      picks.push({ item, title: interest.show, lead: listed.length ? `${lead}; it is on ${listPhrase(listed[0]!)}` : lead, own: [...interest.previews.slice(1, 2), ...listed], score: TRAILER_BONUS + 3 * overlap(item, wanted) + taste(item) });
    }
  }
  for (const item of scored) {
    const name = label(item.record);
    if (!name || shows.has(name.toLowerCase()) || NOT_A_THING.test(name)) continue;
    if (!fitsDomain(item.record) && !(related(item.record) && (wanted.size === 0 || overlap(item, wanted) > 0))) continue;
    const seconds = Number(item.record.fields.duration_seconds ?? 0);
    const tooLong = request.short && (seconds > LONG_SECONDS || /\b(season|staffel|temporada|saison|stagione)\b/i.test(name));
    // A bare product code (an ASIN) is a pick the user has to look up: named things first.
    const bare = !/\p{L}{3,}/u.test(name);
    const lead = item.record.kind === "list_item" ? `On ${listPhrase(item.record)}` : `You ${describe(item.record)}`;
    picks.push({ item, title: name, lead, own: [], score: 3 * overlap(item, wanted) + (relevance.get(item.record.id) ?? 0) + taste(item) + (item.record.kind === "list_item" ? 1 : 0) - (tooLong ? 2 : 0) - (bare ? 1.5 : 0) });
  }
  picks.sort((a, b) => b.score - a.score || a.item.record.id - b.item.record.id);

  const recommendations: Recommendation[] = [];
  const named = new Set<string>();
  for (const { item, title, lead, own } of picks) {
    if (named.has(title.toLowerCase())) continue;
    named.add(title.toLowerCase());
    const cited = new Set([item.record.id, ...own.map((record) => record.id)]);
    // Support comes from other records sharing the pick's or the request's words, other platforms first.
    const support = scored
      .filter((other) => !cited.has(other.record.id) && label(other.record)?.toLowerCase() !== title.toLowerCase() && other.record.kind !== "list_item")
      .map((other) => ({ other, shared: overlap(other, new Set([...item.stems].filter((stem) => !common(stem) && (wanted.has(stem) || (profile.get(stem) ?? 0) > 0)))) }))
      .filter(({ shared }) => shared > 0)
      .sort((a, b) => Number(b.other.record.platform !== item.record.platform) - Number(a.other.record.platform !== item.record.platform) || b.shared * b.other.engagement - a.shared * a.other.engagement)
      .map(({ other }) => other.record)
      .filter((record, index, all) => all.findIndex((first) => label(first) === label(record)) === index)
      .slice(0, MAX_SUPPORT);
    const because = support.length ? `; you ${support.map(describe).join(" and ")}` : "";
    recommendations.push({ title, reason: `${lead}${because}.`, evidence: [...cited, ...support.map((record) => record.id)] });
    if (recommendations.length === MAX_PICKS) break;
  }
  return recommendations;
}
