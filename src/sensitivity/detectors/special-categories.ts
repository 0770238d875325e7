import { matchesOf } from "../../../importers/text.js";
import type { SensitivityCategory } from "../levels.js";
import { HARMLESS_PHRASES, LEXICONS } from "./lexicon.js";
import type { Detection, ScanContext } from "./types.js";

/** Letters and digits of the five languages, lower case: what a word boundary must not cut. */
const WORD = "a-z0-9ß-öø-ÿœ";
const STRENGTHS = ["strong", "terms", "weak"] as const;
type Strength = (typeof STRENGTHS)[number];

interface Hit {
  start: number;
  end: number;
  category: SensitivityCategory;
  strength: Strength;
}

/** One term of the lexicon syntax (see lexicon.ts) as a regex source. */
function termPattern(term: string, plural: boolean): string {
  const words = term.split(" ").map((word) => {
    if (word === "*") return `[${WORD}]+(?:[\\s-]+[${WORD}]+){0,2}`; // a standalone `*`: one to three words
    return [...word]
      .map((char) => (char === "*" ? `[${WORD}]*` : char === "-" ? "[\\s-]?" : char === "'" ? "['’]" : char.replace(/[.+?^${}()|[\]\\&/]/g, "\\$&")))
      .join("");
  });
  return `${words.join("[\\s-]+")}${plural && !term.endsWith("*") ? "s?" : ""}`;
}

interface Entry {
  category: SensitivityCategory;
  strength: Strength;
  /** The whole term, sticky: tried only where a word of the text starts as the term does. */
  pattern: RegExp;
}

interface Candidate {
  /** The first word, or the stem of a first word ending in `*` (then `stem` is true). */
  word: string;
  stem: boolean;
  entry: Entry;
}

/**
 * The lexicon indexed by the first three characters of each term's first word (as a number), so
 * a text is read word by word with one hash lookup each rather than once per term (one regex
 * alternating a thousand terms read under 1 MB/s). Most words find no entry; the few that do are
 * compared in place, without being cut out of the text.
 */
const BY_START = new Map<number, Candidate[]>();
const START_LENGTH = 3;
/** The first (up to) three characters of `text` from `at`, as a number; every code unit used is below 1000. */
const startKey = (text: string, at: number, length: number) =>
  text.charCodeAt(at) * 1e6 + (length > 1 ? text.charCodeAt(at + 1) * 1e3 : 0) + (length > 2 ? text.charCodeAt(at + 2) : 0);
const index = (word: string, stem: boolean, entry: Entry) => {
  const key = startKey(word, 0, Math.min(word.length, START_LENGTH));
  BY_START.set(key, [...(BY_START.get(key) ?? []), { word, stem, entry }]);
};
for (const lexicon of LEXICONS) {
  for (const strength of STRENGTHS) {
    for (const term of new Set(lexicon[strength])) {
      const entry: Entry = { category: lexicon.category, strength, pattern: new RegExp(`(?:${termPattern(term, true)})(?![${WORD}])`, "y") };
      const firstWord = term.split(" ")[0]!;
      const lead = new RegExp(`^[${WORD}]+`).exec(firstWord)![0];
      if (firstWord === `${lead}*`) {
        if (lead.length < START_LENGTH) throw new Error(`lexicon stem too short: ${term}`);
        index(lead, true, entry);
      } else {
        // The plural `s` every term allows makes a first word of its own.
        index(lead, false, entry);
        index(`${lead}s`, false, entry);
      }
    }
  }
}

/** Which UTF-16 units are word characters (the WORD class), for the word scan. */
const IS_WORD = new Uint8Array(0x180);
for (let code = 0; code < IS_WORD.length; code++) IS_WORD[code] = new RegExp(`[${WORD}]`).test(String.fromCharCode(code)) ? 1 : 0;
const isWordUnit = (code: number) => code < 0x180 && IS_WORD[code] === 1;
const RANK: Record<Strength, number> = { strong: 0, terms: 1, weak: 2 };

/** Every lexicon term in a lower-cased text, left to right, not overlapping: strong first, then longest. */
function findTerms(lower: string): Hit[] {
  const hits: Hit[] = [];
  let best: { entry: Entry; end: number } | undefined;
  const consider = (entry: Entry, at: number) => {
    entry.pattern.lastIndex = at;
    if (!entry.pattern.test(lower)) return;
    const end = entry.pattern.lastIndex;
    if (!best || RANK[entry.strength] < RANK[best.entry.strength] || (entry.strength === best.entry.strength && end > best.end)) best = { entry, end };
  };
  let at = 0;
  while (at < lower.length) {
    if (!isWordUnit(lower.charCodeAt(at))) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < lower.length && isWordUnit(lower.charCodeAt(end))) end++;
    const length = end - at;
    best = undefined;
    for (const candidate of BY_START.get(startKey(lower, at, Math.min(length, START_LENGTH))) ?? []) {
      const fits = candidate.stem ? length >= candidate.word.length : length === candidate.word.length;
      if (fits && lower.startsWith(candidate.word, at)) consider(candidate.entry, at);
    }
    if (best === undefined) {
      at = end;
      continue;
    }
    const found: { entry: Entry; end: number } = best;
    hits.push({ start: at, end: found.end, category: found.entry.category, strength: found.entry.strength });
    at = found.end;
  }
  return hits;
}

const HARMLESS = new RegExp(`(?<![${WORD}])(?:${HARMLESS_PHRASES.map((phrase) => termPattern(phrase, false)).join("|")})(?![${WORD}])`, "g");

/** "my", "our", "mein", "mio", "mon", "I have", … right before a weak term, or before "little", "second", …. */
const POSSESSIVE_BEFORE = new RegExp(
  `(?<![${WORD}])(?:my|our|your|mein[emrs]?|unser[emrs]?|ihr[emrs]?|mis?|tus?|sus?|nuestr[oa]s?|mi[aoe]|miei|tuo|tua|nostr[aeio]|mon|ma|mes|notre|nos|votre|vos|i have|i've|ich habe|tengo|ho|j'ai)` +
    `[\\s-]+(?:(?:little|older|younger|eldest|oldest|youngest|first|second|third|new|dear|kleine[nr]?|große[nr]?|älteste[nr]?|jüngste[nr]?|pequeñ[oa]|mayor|piccol[oa]|grande|petite?|aînée?|cadette?)[\\s-]+)?$`,
);
/**
 * Words of belonging: within MEMBERSHIP_REACH characters of them a party or union term (even a
 * weak one: "UNISON", "Lega") is a statement of membership, level 3.
 */
const MEMBERSHIP_CATEGORIES = new Set<SensitivityCategory>(["politics", "trade_union"]);
const MEMBERSHIP = new RegExp(`(?<![${WORD}])(?:member|mitglied|afiliaci|afiliad|cuota|tessera|iscritt|iscrizion|adhésion|adhérent|cotisation|dues)`, "g");
const MEMBERSHIP_REACH = 60;

/**
 * Terms of the special categories (GDPR Art. 9), finances and children. A term is level 2; a
 * strong phrase, or a party or union term next to a membership word, is level 3. Weak words
 * count only in running text next to a possessive or another term of their category, and
 * nothing inside a harmless phrase (a well-known title, an idiom) counts.
 */
export function detectSpecialCategories(text: string, context: ScanContext): Detection[] {
  const lower = lowerSameLength(text);
  const hits = findTerms(lower);
  if (hits.length === 0) return [];

  const harmless = [...matchesOf(HARMLESS, lower)].map((match) => [match.index, match.index + match[0].length] as const);
  const counted = hits.filter((hit) => !harmless.some(([start, end]) => hit.start >= start && hit.end <= end));
  const belonging = counted.some((hit) => MEMBERSHIP_CATEGORIES.has(hit.category)) ? [...matchesOf(MEMBERSHIP, lower)].map((match) => match.index) : [];
  const member = (hit: Hit) =>
    MEMBERSHIP_CATEGORIES.has(hit.category) && belonging.some((at) => at < hit.end + MEMBERSHIP_REACH && at > hit.start - MEMBERSHIP_REACH);
  const kept = counted.filter(
    (hit) =>
      hit.strength !== "weak" ||
      (context.style === "text" &&
        (member(hit) ||
          POSSESSIVE_BEFORE.test(lower.slice(Math.max(0, hit.start - 30), hit.start)) ||
          counted.some((other) => other.category === hit.category && other.strength !== "weak"))),
  );

  return kept.map((hit) => {
    const level = hit.strength === "strong" || member(hit) ? 3 : 2;
    return {
      start: hit.start,
      end: hit.end,
      category: hit.category,
      detector: `${hit.category.replace("_", "-")}-terms`,
      level,
      label: `${hit.category.replace("_", " ")} term`,
      ...(level === 2 ? { term: text.slice(hit.start, hit.end) } : {}),
    };
  });
}

/** Lower case with every offset kept: the few characters whose lower case is longer stay as they are. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return text.replace(/[A-Z]|[^\x00-\x7f]/g, (char) => {
    const lowered = char.toLowerCase();
    return lowered.length === char.length ? lowered : char;
  });
}
