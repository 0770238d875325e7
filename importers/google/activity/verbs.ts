/**
 * My Activity titles are a localised sentence: a verb phrase around the object ("Watched X",
 * "X angesehen", "Nach X gesucht"). Templates per action, `{}` standing for the object, for
 * English, German, Spanish, Italian, French, Portuguese and Dutch; the export's wording has
 * changed over the years, so a language may have several.
 */
const TEMPLATES: Record<string, string[]> = {
  watched: [
    "Watched {}",
    "Angesehen: {}",
    "{} angesehen",
    "Has visto {}",
    "Viste {}",
    "Hai guardato {}",
    "A regardé {}",
    "Vous avez regardé {}",
    "Assistiu a {}",
    "Assistiu {}",
    "Viu {}",
    "Bekeken: {}",
    "Bekeken {}",
    "{} bekeken",
  ],
  searched: [
    "Searched for {}",
    "Gesucht nach: {}",
    "Gesucht nach {}",
    "Nach {} gesucht",
    "{} gesucht",
    "Has buscado {}",
    "Buscaste {}",
    "Hai cercato {}",
    "A recherché {}",
    "Vous avez recherché {}",
    "Pesquisou por {}",
    "Pesquisou {}",
    "Gezocht naar {}",
    "{} gezocht",
  ],
  visited: [
    "Visited {}",
    "Besucht: {}",
    "{} besucht",
    "Has visitado {}",
    "Visitaste {}",
    "Hai visitato {}",
    "A consulté {}",
    "Vous avez consulté {}",
    "A visité {}",
    "Visitou {}",
    "Bezocht: {}",
    "Bezocht {}",
    "{} bezocht",
  ],
  viewed: [
    "Viewed {}",
    "Aufgerufen: {}",
    "{} aufgerufen",
    "Has consultado {}",
    "Has visualizado {}",
    "Hai visualizzato {}",
    "A affiché {}",
    "Vous avez affiché {}",
    "Visualizou {}",
    "Weergegeven: {}",
  ],
  used: [
    "Used {}",
    "Verwendet: {}",
    "{} verwendet",
    "{} genutzt",
    "Has usado {}",
    "Has utilizado {}",
    "Usaste {}",
    "Hai utilizzato {}",
    "Hai usato {}",
    "A utilisé {}",
    "Vous avez utilisé {}",
    "Usou {}",
    "Utilizou {}",
    "Gebruikt: {}",
    "{} gebruikt",
  ],
  listened: [
    "Listened to {}",
    "{} angehört",
    "Has escuchado {}",
    "Hai ascoltato {}",
    "A écouté {}",
    "Ouviu {}",
    "Geluisterd naar {}",
  ],
  // English only: rarer actions, named so that the object still comes out clean.
  opened: ["Opened {}"],
  installed: ["Installed {}"],
  read: ["Read {}"],
  subscribed: ["Subscribed to {}"],
  liked: ["Liked {}"],
  disliked: ["Disliked {}"],
  shared: ["Shared {}"],
  saved: ["Saved {}"],
  played: ["Played {}"],
  answered: ["Answered {}"],
  selected: ["Selected {}"],
  dismissed: ["Dismissed {}"],
  downloaded: ["Downloaded {}"],
  prompted: ["Prompted {}"],
};

interface Template {
  action: string;
  prefix: string;
  suffix: string;
}

const byLength = (a: Template, b: Template) => b.prefix.length + b.suffix.length - (a.prefix.length + a.suffix.length);

const ALL: Template[] = Object.entries(TEMPLATES).flatMap(([action, templates]) =>
  templates.map((template) => {
    const [prefix, suffix] = template.split("{}") as [string, string];
    return { action, prefix, suffix };
  }),
);

/**
 * Templates with a leading verb, by its first word: a title's first words are the likeliest verb,
 * and looking them up spares trying every template on every entry. Longest phrase first, so
 * "Gesucht nach: X" is not read as "Gesucht nach" + ": X".
 */
const BY_FIRST_WORD = new Map<string, Template[]>();
for (const template of ALL.filter((template) => template.prefix !== "").sort(byLength)) {
  const word = firstWord(template.prefix);
  BY_FIRST_WORD.set(word, [...(BY_FIRST_WORD.get(word) ?? []), template]);
}
/** Templates with the verb at the end only, tried when no leading verb fits. */
const TRAILING = ALL.filter((template) => template.prefix === "").sort(byLength);

function firstWord(text: string): string {
  const space = text.indexOf(" ");
  return space === -1 ? text : text.slice(0, space);
}

/** Quotes some languages put around the object: „X“ angesehen, « X ». */
const ENCLOSING_QUOTES = /^(?:„(.+)[“”]|«\s*(.+?)\s*»|“(.+)”)$/s;

/** Spaces as the exports write them (no-break, em and narrow spaces) made plain and single. */
export function plainSpaces(text: string): string {
  // Most text has none to replace: testing first spares a copy of every string.
  return /[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
}

export interface Sentence {
  /** What was done, in English (`watched`, `searched`, …); undefined for an unknown verb. */
  action?: string;
  /** The title without its verb: what was watched, searched for, visited. */
  object: string;
}

/** Splits a title into its action and its object; an unknown sentence stays whole. */
export function splitVerb(title: string): Sentence {
  const text = plainSpaces(title);
  for (const { action, prefix, suffix } of [...(BY_FIRST_WORD.get(firstWord(text)) ?? []), ...TRAILING]) {
    if (text.length > prefix.length + suffix.length && text.startsWith(prefix) && text.endsWith(suffix)) {
      const object = text.slice(prefix.length, text.length - suffix.length).trim();
      const quoted = ENCLOSING_QUOTES.exec(object);
      return { action, object: quoted ? (quoted[1] ?? quoted[2] ?? quoted[3])! : object };
    }
  }
  return { object: text };
}

/** The record kind an action makes: a viewing, a search, a page visit or any other activity. */
export function kindOf(action: string | undefined): string {
  switch (action) {
    case "watched":
      return "viewing";
    case "searched":
      return "search";
    case "visited":
      return "page_visit";
    default:
      return "activity";
  }
}
