import { isObject, jsonStart, streamJsonItems } from "../../json.js";
import type { FieldValue, FileSample, Importer, ReadItem } from "../../types.js";
import { activityRecord, activitySensitivity, type ActivityEntry, type LocationInfo, type Subtitle } from "./record.js";
import { snakeCase } from "../../text.js";

/** Names the export gives these files, in English and localised (`MeineAktivitäten.json`). */
export const ACTIVITY_FILE_NAME = /^(my ?activity|meine ?aktivit|mi ?actividad|le mie attivit|mes activit|minha atividade|mijn activiteit|watch-history|search-history|wiedergabeverlauf|suchverlauf)/i;

const KNOWN_KEYS = new Set(["header", "title", "titleUrl", "time", "subtitles", "description", "details", "locationInfos", "products", "activityControls"]);

/** An array of objects with a `header` or `products`, a `title` and a `time`, as the head shows. */
function detect(sample: FileSample): number {
  const start = jsonStart(sample.head, 4096);
  const nameHint = ACTIVITY_FILE_NAME.test(sample.name) ? 0.05 : 0;
  if (start === "[]") return nameHint ? 0.5 : 0;
  if (!start.startsWith("[{")) return 0;
  const has = (key: string) => start.includes(`"${key}":`);
  if (!has("title") || !has("time") || !(has("header") || has("products"))) return 0;
  return 0.95 + nameHint;
}

type Json = { [key: string]: FieldValue };

function text(value: FieldValue | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function objects(value: FieldValue | undefined): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function texts(value: FieldValue | undefined): string[] {
  return Array.isArray(value) ? value.map((item) => text(item)).filter((item): item is string => !!item) : [];
}

function entryOf(item: Json): ActivityEntry | string {
  const title = text(item.title);
  if (!title) return "no title";
  const rawTime = text(item.time);
  const time = rawTime === undefined ? null : new Date(rawTime);
  if (!time || Number.isNaN(time.getTime())) return `unreadable time "${rawTime ?? ""}"`;
  const subtitles: Subtitle[] = objects(item.subtitles).map((subtitle) => ({ name: text(subtitle.name), url: text(subtitle.url) }));
  const locations: LocationInfo[] = objects(item.locationInfos).map((location) => ({
    name: text(location.name),
    url: text(location.url),
    source: text(location.source),
    source_url: text(location.sourceUrl),
  }));
  const extra: Record<string, FieldValue> = {};
  for (const key in item) {
    const value = item[key]!;
    if (!KNOWN_KEYS.has(key) && value !== null && value !== "") extra[snakeCase(key)] = value;
  }
  return {
    header: text(item.header),
    title,
    titleUrl: text(item.titleUrl),
    time,
    subtitles,
    description: text(item.description),
    details: objects(item.details).map((detail) => text(detail.name)).filter((name): name is string => !!name),
    locations,
    products: texts(item.products),
    activityControls: texts(item.activityControls),
    extra,
  };
}


/**
 * My Activity and YouTube history as JSON: `My Activity/<product>/MyActivity.json` (older
 * `My Activity.json`), `YouTube and YouTube Music/history/watch-history.json` and
 * `search-history.json`. A top-level array, streamed item by item.
 */
export const myActivityJsonImporter: Importer = {
  id: "google.my-activity-json",
  platform: "google",
  title: "Google My Activity (JSON)",
  detect,
  async *read(file): AsyncGenerator<ReadItem> {
    if (!jsonStart(file.head, 1).startsWith("[")) throw new Error("expected a JSON array of My Activity entries");
    for await (const item of streamJsonItems(file, [""])) {
      if (item.type === "error") {
        yield item;
        continue;
      }
      const entry = isObject(item.value) ? entryOf(item.value) : "expected an object";
      if (typeof entry === "string") yield { type: "error", at: `item ${item.index}`, message: entry };
      else yield activityRecord(entry, item.index);
    }
  },
  fieldSensitivity: activitySensitivity,
};
