import { hash } from "node:crypto";
import type { SensitivitySpec } from "../../../src/sensitivity/levels.js";
import type { FieldValue, RecordDraft } from "../../types.js";
import { kindOf, plainSpaces, splitVerb } from "./verbs.js";

/** A line under the title: a YouTube channel, a notification's topic. */
export interface Subtitle {
  name?: string;
  url?: string;
}

export interface LocationInfo {
  name?: string;
  url?: string;
  source?: string;
  source_url?: string;
}

/** One My Activity entry, as the JSON and the HTML export both give it. */
export interface ActivityEntry {
  header?: string;
  /** The title as exported, verb included: `Watched Some video`. */
  title: string;
  titleUrl?: string;
  time: Date;
  /** The timestamp as the file wrote it, when it took reading (HTML). */
  timeAsExported?: string;
  timeZoneAssumed?: boolean;
  subtitles: Subtitle[];
  description?: string;
  details: string[];
  locations: LocationInfo[];
  products: string[];
  activityControls: string[];
  /** Further fields, by snake_case name: the JSON's unknown keys, the HTML's other captions. */
  extra: Record<string, FieldValue>;
}

/** Products by their names in the export, in any of its languages (lower case). */
const PLATFORMS: Record<string, string> = {
  youtube: "youtube",
  "youtube music": "youtube_music",
  search: "google_search",
  "google search": "google_search",
  suche: "google_search",
  "google suche": "google_search",
  búsqueda: "google_search",
  ricerca: "google_search",
  recherche: "google_search",
  pesquisa: "google_search",
  zoeken: "google_search",
  "image search": "google_image_search",
  bildersuche: "google_image_search",
  "búsqueda de imágenes": "google_image_search",
  "ricerca immagini": "google_image_search",
  "recherche d'images": "google_image_search",
  "pesquisa de imagens": "google_image_search",
  "afbeeldingen zoeken": "google_image_search",
  "video search": "google_video_search",
  videosuche: "google_video_search",
  maps: "google_maps",
  "google maps": "google_maps",
  chrome: "chrome",
  "google chrome": "chrome",
  shopping: "google_shopping",
  "google shopping": "google_shopping",
  news: "google_news",
  "google news": "google_news",
  nachrichten: "google_news",
  notizie: "google_news",
  noticias: "google_news",
  actualités: "google_news",
  notícias: "google_news",
  nieuws: "google_news",
  discover: "google_discover",
  "google play store": "google_play",
  "google play": "google_play",
  "play store": "google_play",
  assistant: "google_assistant",
  "google assistant": "google_assistant",
  books: "google_books",
  "google books": "google_books",
  "google play books": "google_books",
  "play books": "google_books",
  gmail: "gmail",
};

/** The service an entry belongs to: its header, else its first product; unknown ones as `google_<name>`. */
export function platformOf(header: string | undefined, products: string[]): string {
  const names = [header, ...products].filter((name): name is string => !!name);
  for (const name of names) {
    const known = PLATFORMS[plainSpaces(name).toLowerCase()];
    if (known) return known;
  }
  const name = names[0];
  if (!name) return "google";
  const snake = plainSpaces(name)
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^google_/, "");
  return snake ? `google_${snake}` : "google";
}

/**
 * Links as Google exports them: search results wrapped in `https://www.google.com/url?q=…`
 * redirects. The real address is the one that was visited.
 */
export function unwrapUrl(url: string): string {
  if (!/^https?:\/\/(?:www\.)?google\.[a-z.]+\/url\?/i.test(url)) return url;
  try {
    const params = new URL(url).searchParams;
    return params.get("q") || params.get("url") || url;
  } catch {
    return url;
  }
}

/**
 * The natural key: what the JSON and the HTML export of an event, or two Takeouts years apart,
 * give alike. The instant to the second (HTML has no more), and the link, whose address stays
 * while titles get localised or renamed; the title only where there is no link. Digested, as
 * links can hold coordinates.
 */
function naturalKey(kind: string, time: Date, identity: string): string {
  const second = time.toISOString().slice(0, 19);
  const digest = hash("sha256", identity).slice(0, 16);
  return `${kind}|${second}Z|${digest}`;
}

const YOUTUBE = new Set(["youtube", "youtube_music"]);

/** The record an entry makes, whichever format it came from. */
export function activityRecord(entry: ActivityEntry, resume: number): RecordDraft {
  const platform = platformOf(entry.header, entry.products);
  const sentence = splitVerb(entry.title);
  const { object } = sentence;
  // German and Dutch use one verb for watching a video and viewing a map ("angesehen", "bekeken").
  const action = sentence.action === "watched" && platform === "google_maps" ? "viewed" : sentence.action;
  const kind = kindOf(action);
  const url = entry.titleUrl && unwrapUrl(entry.titleUrl);
  const subtitles = entry.subtitles.map((subtitle) => ({ ...subtitle, url: subtitle.url && unwrapUrl(subtitle.url) }));
  // A YouTube entry's first line under the title is the channel.
  const channel = YOUTUBE.has(platform) && entry.titleUrl ? subtitles.shift() : undefined;

  const fields: Record<string, FieldValue> = {};
  const put = (name: string, value: FieldValue | undefined) => {
    if (value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0)) fields[name] = value;
  };
  // Fields that repeat on every entry and say nothing the others do not are left out, as they
  // were most of a large export's stored rows: the header when it is the only product, the
  // title as exported (the verb is in `action`), the time as written when its zone was stated.
  if (!(entry.products.length === 1 && entry.products[0] === entry.header)) put("header", entry.header);
  put("products", entry.products);
  put("action", action);
  put("title", object);
  put("url", url);
  if (entry.titleUrl !== url) put("url_as_exported", entry.titleUrl);
  put("channel", channel?.name);
  put("channel_url", channel?.url);
  put("subtitles", subtitles.map(withoutEmpty));
  put("description", entry.description);
  put("details", entry.details);
  put("locations", entry.locations.map(withoutEmpty));
  put("activity_controls", entry.activityControls);
  if (entry.timeZoneAssumed) {
    put("time_as_exported", entry.timeAsExported);
    put("time_zone_assumed", true);
  }
  for (const name in entry.extra) put(name, entry.extra[name]);

  const text = [object, channel?.name, entry.description].filter(Boolean).join("\n");
  return {
    type: "record",
    platform,
    kind,
    naturalKey: naturalKey(kind, entry.time, url || object.normalize("NFKC").toLowerCase()),
    time: entry.time,
    title: object,
    text: text !== object ? text : undefined,
    url: url || null,
    fields,
    resume,
  };
}

function withoutEmpty(value: Subtitle | LocationInfo): { [key: string]: FieldValue } {
  const kept: { [key: string]: FieldValue } = {};
  for (const [name, item] of Object.entries(value)) if (item !== undefined && item !== "") kept[name] = item;
  return kept;
}

export const activitySensitivity: Record<string, SensitivitySpec> = {
  title: { level: 1, reason: "what was watched, searched for or visited" },
  url: { level: 1, reason: "address visited" },
  url_as_exported: { level: 1, reason: "address visited" },
  channel: { level: 1, reason: "channel watched" },
  subtitles: { level: 1, reason: "more about the activity" },
  description: { level: 1, reason: "more about the activity" },
  locations: { level: 3, categories: ["location"], reason: "where the activity took place, precisely" },
  details: { level: 3, categories: ["device", "identifier"], reason: "may name the device or IP address used" },
  header: { level: 0, reason: "Google product" },
  products: { level: 0, reason: "Google products" },
  activity_controls: { level: 0, reason: "account setting that saved the activity" },
};
