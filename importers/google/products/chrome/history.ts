import { jsonStart, streamJsonItems } from "../../../json.js";
import type { FieldValue, Importer, ReadItem } from "../../../types.js";
import { compact } from "../shared.js";
import { digest } from "../../../keys.js";

/** Familiar names of the file: `BrowserHistory.json`, since 2024 `History.json`, German `Verlauf.json`. */
const NAMES = /^(BrowserHistory|History|Verlauf|Cronologia|Historial|Historique)\.json$/i;

/**
 * `Chrome/BrowserHistory.json`: `{"Browser History":[{page_transition, title, url, client_id,
 * time_usec, favicon_url}, …]}`, one entry per visit. Hundreds of MB are common, so the array is
 * streamed.
 */
export const chromeHistoryImporter: Importer = {
  id: "google.chrome.history",
  platform: "chrome",
  title: "Chrome browser history",
  detect(sample) {
    // The key is English in every account language; the name only breaks ties.
    if (!jsonStart(sample.head).startsWith('{"BrowserHistory":[')) return 0;
    return NAMES.test(sample.name) ? 1 : 0.95;
  },
  async *read(file) {
    for await (const found of streamJsonItems(file, ["Browser History"])) yield found.type === "error" ? found : visit(found.value, found.index);
  },
  fieldSensitivity: {
    client_id: { level: 3, categories: ["device"], reason: "identifies the browser the page was visited on" },
  },
};

function visit(value: FieldValue, index: number): ReadItem {
  const at = `item ${index}`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { type: "error", at, message: "expected a visit object" };
  const url = typeof value.url === "string" ? value.url : undefined;
  const micros = Number(value.time_usec);
  if (!url) return { type: "error", at, message: "no url" };
  if (!Number.isFinite(micros) || micros <= 0) return { type: "error", at, message: `unreadable time_usec "${String(value.time_usec)}"` };
  const time = new Date(Math.floor(micros / 1000));
  const title = typeof value.title === "string" && value.title.trim() !== "" ? value.title : null;
  const clientId = typeof value.client_id === "string" ? value.client_id : "";
  return {
    type: "record",
    kind: "page_visit",
    // Microseconds tell visits apart, with the page and browser (a device id) for visits at once.
    naturalKey: `page_visit|${String(value.time_usec)}|#${digest(`${url}|${clientId}`)}`,
    time,
    title,
    text: title ? `${title} ${url}` : url,
    url,
    fields: compact({ ...value, title: title ?? undefined }),
    resume: index,
  };
}
