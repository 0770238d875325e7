import { csvHeader, headerConfidence, readCsvRows } from "../../../csv.js";
import type { FileSample, Importer, ReadItem } from "../../../types.js";
import { compact, csvHeadRows, mostly, takeoutTime, type Fields } from "../shared.js";
import { CHANNEL_ID } from "./subscriptions.js";
import { snakeCase } from "../../../text.js";
import { withNameHint } from "../../../confidence.js";

const REQUIRED = ["Comment ID", "Video ID", "Comment Text"];
const KNOWN = [...REQUIRED, "Channel ID", "Comment Create Timestamp", "Price", "Parent Comment ID", "Post ID"];

/** The column orders the export has had, for headers in other languages: known by their values. */
const LAYOUTS = [
  ["Comment ID", "Channel ID", "Comment Create Timestamp", "Price", "Parent Comment ID", "Video ID", "Comment Text"],
  ["Channel ID", "Comment Create Timestamp", "Price", "Comment ID", "Parent Comment ID", "Video ID", "Comment Text"],
  ["Comment ID", "Channel ID", "Comment Create Timestamp", "Price", "Parent Comment ID", "Post ID", "Video ID", "Comment Text"],
];

/** A title long enough to recognise a comment by; the whole text is in `text` and `comment`. */
const TITLE_CHARS = 100;

/**
 * `YouTube and YouTube Music/comments/comments.csv`. Columns are read by name, since their order
 * changed in 2024 (and a `Post ID` came for comments on community posts); a translated header is
 * matched to one of the known orders by the values under it.
 */
export const commentsImporter: Importer = {
  id: "google.youtube.comments",
  platform: "youtube",
  title: "YouTube comments",
  detect(sample) {
    const confidence = headerConfidence(csvHeader(sample), REQUIRED, KNOWN) || (localisedLayout(sample) ? 0.85 : 0);
    return withNameHint(confidence, sample.name, /^comments.*\.csv$/i);
  },
  async *read(file) {
    const header = csvHeader(file) ?? [];
    const english = headerConfidence(header, REQUIRED) > 0 ? header : localisedLayout(file);
    if (!english) throw new Error(`missing columns ${REQUIRED.map((column) => `"${column}"`).join(", ")}, needed to read it as ${commentsImporter.title}`);
    const columns = new Map(header.map((column, index) => [column, english[index] ?? column]));
    for await (const row of readCsvRows(file)) {
      if ("type" in row) {
        yield row;
        continue;
      }
      const values: Record<string, string> = {};
      for (const [column, value] of Object.entries(row.values)) values[columns.get(column) ?? column] = value;
      yield comment(row.row, values);
    }
  },
  fieldSensitivity: {
    comment: { level: 2, categories: ["communications"], reason: "what you wrote in a comment" },
    comment_text: { level: 2, categories: ["communications"], reason: "what you wrote in a comment" },
    price: { level: 2, categories: ["financial"], reason: "amount paid for a Super Chat or Super Thanks" },
  },
};

/** The English names of a translated header's columns, when its first rows fit one of the layouts. */
function localisedLayout(sample: FileSample): string[] | undefined {
  const [header, ...rows] = csvHeadRows(sample);
  return LAYOUTS.find((layout) => {
    if (layout.length !== header?.length) return false;
    const at = (row: string[], column: string) => row[layout.indexOf(column)] ?? "";
    return mostly(rows, (row) => CHANNEL_ID.test(at(row, "Channel ID")) && takeoutTime(at(row, "Comment Create Timestamp")) !== null && commentText(at(row, "Comment Text")) !== undefined);
  });
}

function comment(row: number, values: Record<string, string>): ReadItem {
  const fields: Fields = {};
  for (const [column, value] of Object.entries(values)) fields[snakeCase(column)] = value.trim();
  const id = fields.comment_id as string;
  if (!id) return { type: "error", at: `row ${row}`, message: "no comment id" };
  const raw = fields.comment_text as string;
  const text = commentText(raw);
  // The raw JSON is kept only when it could not be read as text: nothing is lost either way.
  if (text !== undefined) delete fields.comment_text;
  const timestamp = fields.comment_create_timestamp as string | undefined;
  const time = takeoutTime(timestamp);
  if (timestamp && !time) return { type: "error", at: `row ${row}`, message: `unreadable timestamp "${timestamp}"` };
  const videoId = fields.video_id as string | undefined;
  if (fields.price === "0") delete fields.price; // every ordinary comment "costs" 0
  return {
    type: "record",
    kind: "comment",
    naturalKey: `comment|${id}`,
    time,
    title: text === undefined ? null : [...text].slice(0, TITLE_CHARS).join(""),
    text: text ?? null,
    url: videoId ? `https://www.youtube.com/watch?v=${videoId}&lc=${id}` : null,
    fields: compact({ ...fields, comment: text }),
    resume: row,
  };
}

interface Segment {
  text?: unknown;
  takeoutSegments?: Segment[];
}

/**
 * The plain text of a comment as the export writes it: a run of JSON segments
 * (`{"text":"a"},{"text":"\n"},{"text":"b"}`), or in older exports one object holding them
 * (`{"takeoutSegments":[{"text":"a"}]}`). Undefined when the cell is no such JSON.
 */
export function commentText(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let segments: Segment[];
  try {
    segments = JSON.parse(`[${raw}]`) as Segment[];
  } catch {
    return undefined;
  }
  const flat = segments.flatMap((segment) => segment?.takeoutSegments ?? [segment]);
  if (!flat.every((segment) => typeof segment === "object" && segment !== null)) return undefined;
  return flat.map((segment) => (typeof segment.text === "string" ? segment.text : "")).join("");
}
