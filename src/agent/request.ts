/** What the user wants recommended. */
export type Domain = "watch" | "buy-gift" | "read" | "eat-go" | "listen";

export interface ParsedRequest {
  text: string;
  /** null when no keyword names one: every domain is then considered. */
  domain: Domain | null;
  /** The request's content words, for search and ranking. */
  terms: string[];
  /** What a person the request is for likes ("my sister who likes climbing" → climbing). */
  interests: string[];
  /** "not too long", "quick": prefer short items. */
  short: boolean;
  /** "tonight", "now": prefer what can be done today (backlog over things to buy). */
  soon: boolean;
}

/** Keywords per domain in English, German, Spanish, French and Italian; matched as word prefixes. */
const DOMAIN_KEYWORDS: Record<Domain, string[]> = {
  watch: ["watch", "movie", "film", "series", "show", "documentar", "tv", "schau", "anseh", "serie", "pelicul", "película", "ver", "regarder", "guardare", "dokumentar"],
  "buy-gift": ["gift", "present", "birthday", "buy", "geschenk", "geburtstag", "kaufen", "regalo", "cumpleaños", "comprar", "cadeau", "anniversaire", "acheter", "compleanno", "comprare"],
  read: ["read", "article", "book", "blog", "news", "lesen", "artikel", "buch", "leer", "artículo", "libro", "lire", "livre", "leggere", "articol"],
  "eat-go": ["eat", "restaurant", "dinner", "lunch", "cafe", "café", "bar", "place", "essen", "comer", "cena", "manger", "dîner", "mangiare", "ristorante", "go out"],
  listen: ["listen", "music", "song", "podcast", "album", "playlist", "hören", "musik", "escuchar", "música", "écouter", "musique", "ascoltare", "musica", "audiobook", "hörbuch"],
};

/** Words that frame a request, or a title, but say nothing about its content. */
export const FILLER = new Set(
  (
    "a an the and or for to of in on at with without me my i we us our you your something some anything any like likes liked ones one that this these those who " +
    "how why when from into out all just has have was are is its it's http https www com html org net what where which near usual last week weekend today tonight now please recommend suggest good nice new not too long short quick more similar about " +
    "sister brother mother mom mum father dad friend wife husband partner son daughter kid kids colleague boss " +
    "ein eine einen der die das und oder für mit mein meine meiner etwas heute abend nicht zu lang kurz schwester bruder mutter vater freund freundin mag " +
    "un una unos el la los las y o para con mi algo hoy noche no muy largo corto hermana hermano madre padre amigo amiga le gusta " +
    "une le les et ou pour avec mon ma mes quelque chose ce soir pas trop court sœur soeur frère mère père ami amie aime " +
    "il lo gli e per con mio mia qualcosa stasera non troppo lungo breve sorella fratello madre padre amico amica piace " +
    // Parts of episode and trailer titles, which say nothing about what a show is about.
    "season seasons episode staffel folge temporada episodio capítulo saison épisode stagione limited series serie trailer teaser clip"
  ).split(" "),
);

/** Matched as prefixes, so "no muy larg" covers "largo" and "larga". */
const SHORT = /\b(not too long|short|quick|brief|nicht zu lang|kurz|no muy larg|cort[oa]|pas trop long|court|non troppo lung|breve)/iu;
const SOON = /\b(tonight|today|now|this evening|heute|jetzt|hoy|esta noche|ahora|ce soir|aujourd'hui|maintenant|stasera|oggi|adesso)\b/iu;
/** "who likes climbing", "die gern klettert", "que le gusta escalar", "qui aime l'escalade", "a cui piace arrampicare". */
const INTEREST = /\b(?:who (?:likes|loves|enjoys|is into)|into|fan of|die gern|der gern|mag|que le gusta|le gusta|qui aime|aime|a cui piace|piace)\s+([\p{L}\p{N}' -]+)/iu;

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length > 1);
}

/** A keyword matches a word it starts ("documentary" ← "documentar"); short keywords must match whole. */
function matchesKeyword(word: string, keyword: string): boolean {
  return keyword.length <= 3 ? word === keyword : word.startsWith(keyword);
}

/** Works out domain, content terms and constraints from a plain-language request, without a model. */
export function parseRequest(text: string): ParsedRequest {
  const lower = text.toLowerCase();
  const tokens = words(text);
  let domain: Domain | null = null;
  let best = 0;
  for (const [candidate, keywords] of Object.entries(DOMAIN_KEYWORDS) as [Domain, string[]][]) {
    const hits = keywords.filter((keyword) => (keyword.includes(" ") ? lower.includes(keyword) : tokens.some((word) => matchesKeyword(word, keyword)))).length;
    if (hits > best) [domain, best] = [candidate, hits];
  }
  const isDomainWord = (word: string) => Object.values(DOMAIN_KEYWORDS).some((keywords) => keywords.some((keyword) => matchesKeyword(word, keyword)));
  const interestMatch = INTEREST.exec(text);
  const interests = interestMatch ? words(interestMatch[1]!).filter((word) => !FILLER.has(word) && !isDomainWord(word)) : [];
  const terms = [...new Set(tokens.filter((word) => !FILLER.has(word) && !isDomainWord(word) && !/^\d+$/.test(word)))];
  return { text, domain, terms, interests, short: SHORT.test(text), soon: SOON.test(text) };
}

/** The record kinds that answer a domain; the backlog (`list_item`) answers all of them. */
export const DOMAIN_KINDS: Record<Domain, string[]> = {
  watch: ["viewing", "preview", "list_item"],
  "buy-gift": ["order_item", "purchase", "list_item"],
  read: ["page_visit", "activity", "library_item", "list_item"],
  "eat-go": ["place_visit", "list_item"],
  listen: ["viewing", "library_item", "list_item"],
};
