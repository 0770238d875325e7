import { Parser } from "htmlparser2";
import { decodeText } from "../../../text.js";
import type { FileInput, Importer, ReadItem } from "../../../types.js";
import { compact } from "../shared.js";
import { digest } from "../../../keys.js";

/** A bookmark's title past this is not a title; the rest is dropped rather than held. */
const MAX_TITLE_CHARS = 4096;

/**
 * `Chrome/Bookmarks.html`: the Netscape bookmark file every browser writes. Folders (`<H3>`) hold
 * lists (`<DL>`) of bookmarks (`<A HREF ADD_DATE>`); each bookmark becomes a list item of its
 * folder, with the folders above it in `folder_path`. Read as a stream: icons make the file large.
 */
export const chromeBookmarksImporter: Importer = {
  id: "google.chrome.bookmarks",
  platform: "chrome",
  title: "Chrome bookmarks",
  detect(sample) {
    const start = sample.head.subarray(0, 512).toString("utf8").replace(/^\uFEFF/, "").trimStart();
    if (!/^<!DOCTYPE NETSCAPE-Bookmark-file-1>/i.test(start)) return 0;
    return /^(Bookmarks|Lesezeichen|Segnalibri|Favoritos|Favoris)\.html?$/i.test(sample.name) ? 1 : 0.95;
  },
  read: readBookmarks,
};

async function* readBookmarks(file: FileInput): AsyncGenerator<ReadItem> {
  const skipThrough = typeof file.resume === "number" ? file.resume : 0;
  const folders: string[] = [];
  let folderName: string | null = null; // the last folder heading, whose list opens next
  let heading: string | null = null;
  let link: { href?: string; addDate?: string; lastModified?: string; title: string } | null = null;
  let index = 0;
  let ready: ReadItem[] = [];

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "h3") heading = "";
        else if (name === "dl") folders.push(folderName ?? "");
        else if (name === "a") link = { href: attributes.href, addDate: attributes.add_date, lastModified: attributes.last_modified, title: "" };
      },
      ontext(text) {
        if (heading !== null && heading.length < MAX_TITLE_CHARS) heading += text;
        if (link && link.title.length < MAX_TITLE_CHARS) link.title += text;
      },
      onclosetag(name) {
        if (name === "h3" && heading !== null) {
          folderName = heading.trim();
          heading = null;
        } else if (name === "dl") {
          folders.pop();
          folderName = null;
        } else if (name === "a" && link) {
          index++;
          if (index > skipThrough) ready.push(bookmark(link, folders.filter(Boolean), index));
          link = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  for await (const chunk of decodeText(file.open(), file.head)) {
    parser.write(chunk as string);
    yield* ready;
    ready = [];
  }
  parser.end();
  yield* ready;
}

function bookmark(link: { href?: string; addDate?: string; lastModified?: string; title: string }, path: string[], index: number): ReadItem {
  const url = link.href?.trim();
  if (!url) return { type: "error", at: `bookmark ${index}`, message: "no address (HREF)" };
  const list = path.at(-1) ?? "Bookmarks";
  const folderPath = path.join("/");
  const title = link.title.trim() || null;
  const seconds = Number(link.addDate);
  const time = link.addDate && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : null;
  return {
    type: "record",
    kind: "list_item",
    naturalKey: `list_item|${folderPath}|#${digest(url)}`,
    time,
    title,
    text: title ? `${title} ${url}` : url,
    url,
    fields: compact({ list, folder_path: folderPath, title: title ?? undefined, url, add_date: link.addDate, last_modified: link.lastModified }),
    resume: index,
  };
}
