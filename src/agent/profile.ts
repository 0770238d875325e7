import type { FieldValue } from "../../importers/types.js";
import { stems } from "./builtin.js";
import { FILLER } from "./request.js";
import type { DisclosedRecord } from "../policy/gateway.js";
import type { StoredRecord } from "../vault/queries.js";

/**
 * The fields taste is made of: what a thing is called and what it is about, how long it ran and
 * which list it is on. A profile or a recommendation for an MCP client needs no more, so no more
 * is asked for (the same names the built-in recommender reads).
 */
const TASTE_FIELDS = new Set([
  "title", "name", "product", "subject", "genre", "genres", "category", "description", "channel", "show", "series",
  "author", "artist", "album", "query", "tags", "topic", "list", "duration_seconds",
]);

/** Fields whose words name a topic; a list's name or a duration does not. */
const TOPIC_FIELDS = [...TASTE_FIELDS].filter((name) => name !== "list" && name !== "duration_seconds");

/**
 * A record cut to its taste fields. Its title and url go along only as one of the kept values: the
 * gateway shows a title whenever every field it is given is cleared, and a title drawn from a
 * dropped field (a message's sender) must not ride along.
 */
export function tasteOnly(record: StoredRecord): StoredRecord {
  const kept = record.fields.filter((field) => TASTE_FIELDS.has(field.name));
  const shown = (text: string | null) => (text !== null && kept.some((field) => field.value === text) ? text : null);
  return { ...record, fields: kept, title: shown(record.title), url: shown(record.url) };
}

export interface Interest {
  /** The word the user's records use most for it. */
  topic: string;
  /** Records holding it, purchases counting double. */
  weight: number;
  platforms: string[];
  /** A few of the records it rests on. */
  examples: number[];
}

export interface InterestProfile {
  interests: Interest[];
  /** Records the profile was drawn from, per platform. */
  records_by_platform: Record<string, number>;
}

const MAX_INTERESTS = 15;
const MAX_EXAMPLES = 3;

function words(value: FieldValue): string[] {
  if (value === null || typeof value === "boolean" || typeof value === "number") return [];
  if (Array.isArray(value)) return value.flatMap(words);
  if (typeof value === "object") return Object.values(value).flatMap(words);
  return value.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
}

/**
 * What the user is into, from the records disclosed for it: topic words (by the recommender's
 * word stems, so "climbing" and "climb" are one interest) weighted by how many things the user
 * watched, bought, read or visited about them, across platforms. Words that always come together
 * ("prime membership fee") are one topic. Saved-for-later lists say what the user wants, not what
 * they did, so they do not count.
 */
export function interestProfile(payload: DisclosedRecord[]): InterestProfile {
  // Stems in the order they first appear, so a topic of several words reads as written.
  const byStem = new Map<string, { weight: number; platforms: Set<string>; records: number[]; words: Map<string, number> }>();
  const records_by_platform: Record<string, number> = {};
  for (const record of payload) {
    if (record.kind === "list_item") continue;
    records_by_platform[record.platform] = (records_by_platform[record.platform] ?? 0) + 1;
    const text = [record.title ?? "", ...TOPIC_FIELDS.flatMap((name) => words(record.fields[name] ?? null))].join(" ");
    const weight = record.kind === "order_item" || record.kind === "purchase" ? 2 : 1;
    const said = words(text).filter((word) => !FILLER.has(word));
    for (const stem of stems(text)) {
      const entry = byStem.get(stem) ?? { weight: 0, platforms: new Set<string>(), records: [], words: new Map<string, number>() };
      entry.weight += weight;
      entry.platforms.add(record.platform);
      entry.records.push(record.id);
      for (const word of said) if (word.slice(0, 5) === stem) entry.words.set(word, (entry.words.get(word) ?? 0) + 1);
      byStem.set(stem, entry);
    }
  }
  const topics = new Map<string, Interest>();
  for (const entry of byStem.values()) {
    // One record is a thing the user did once, not an interest.
    if (entry.records.length < 2 || entry.words.size === 0) continue;
    const word = [...entry.words].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const together = entry.records.join(",");
    const topic = topics.get(together);
    if (topic) topic.topic += ` ${word}`;
    else topics.set(together, { topic: word, weight: entry.weight, platforms: [...entry.platforms].sort(), examples: entry.records.slice(0, MAX_EXAMPLES) });
  }
  const interests = [...topics.values()].sort((a, b) => b.weight - a.weight || b.platforms.length - a.platforms.length).slice(0, MAX_INTERESTS);
  return { interests, records_by_platform };
}
