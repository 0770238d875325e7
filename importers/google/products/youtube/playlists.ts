import Papa from "papaparse";
import { csvHeader, readCsvRows } from "../../../csv.js";
import { sniffEncoding } from "../../../text.js";
import type { FileInput, Importer, ReadItem } from "../../../types.js";
import { compact, csvHeadRows, mostly, takeoutTime } from "../shared.js";

const VIDEO_ID = /^[\w-]{11}$/;
export const PLAYLIST_ID = /^(PL|LL|WL|FL|OL|LM|RD|UU)[\w-]*$/;

/** A playlist holds 5,000 videos at most: a file larger than this is not one. */
const MAX_PLAYLIST_BYTES = 16 * 1024 * 1024;

/**
 * `YouTube and YouTube Music/playlists/*.csv`, one file per playlist (Watch later included), in
 * either of two layouts:
 * - since late 2023, `<name>-videos.csv`: `Video ID,Playlist Video Creation Timestamp`, named by
 *   the playlist (the playlists themselves are listed in `playlists.csv`);
 * - before, `<name>.csv`: a block describing the playlist (`Playlist ID,Channel ID,Time Created,
 *   Time Updated,Title,Description,Visibility`), a blank line, then `Video ID,Time Added`.
 * Headers follow the account language, so columns are read by position and known by their values.
 */
export const playlistsImporter: Importer = {
  id: "google.youtube.playlists",
  platform: "youtube",
  title: "YouTube playlists",
  detect(sample) {
    const rows = csvHeadRows(sample);
    if (isPlaylistBlock(rows)) return 0.95;
    const [header, ...entries] = rows;
    if (header?.length !== 2) return 0;
    if (entries.length === 0) return /^video id$/i.test(header[0]!) && /playlist/i.test(header[1]!) ? 0.9 : 0;
    return mostly(entries, ([id = "", added = ""]) => VIDEO_ID.test(id) && takeoutTime(added) !== null) ? 0.95 : 0;
  },
  async *read(file) {
    if (isPlaylistBlock(csvHeadRows(file))) {
      yield* readPlaylistBlock(file);
      return;
    }
    const header = csvHeader(file);
    if (header?.length !== 2) throw new Error("expected the two columns of a playlist: video id and when it was added");
    const [idColumn, addedColumn] = header as [string, string];
    const list = listName(file.name);
    for await (const row of readCsvRows(file)) {
      yield "type" in row ? row : entry(list, {}, row.row, row.values[idColumn], row.values[addedColumn]);
    }
  },
};

/**
 * True for the older layout: a playlist's description, then the videos' header. (The newer
 * `playlists.csv` starts alike but goes on with more playlists.)
 */
export function isPlaylistBlock([header, description, videosHeader]: string[][]): boolean {
  return (header?.length ?? 0) > 2 && PLAYLIST_ID.test(description?.[0] ?? "") && videosHeader?.length === 2;
}

/** The playlist a file holds, from its name: `Watch later-videos.csv` → `Watch later`. */
function listName(fileName: string): string {
  return fileName.replace(/-\s*v[ií]d[eé]os?\.csv$/i, "").replace(/\.csv$/i, "");
}

/** The older layout, read whole: a playlist is small, and the blank line splits two tables. */
async function* readPlaylistBlock(file: FileInput): AsyncGenerator<ReadItem> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of file.open()) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_PLAYLIST_BYTES) throw new Error(`larger than ${MAX_PLAYLIST_BYTES / 1024 / 1024} MB, too large for a playlist`);
    chunks.push(chunk as Buffer);
  }
  const text = new TextDecoder(sniffEncoding(file.head)).decode(Buffer.concat(chunks));
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" }).data.map((row) => row.map((value) => value.trim()));
  const [header = [], description = [], , ...videos] = rows;
  // Columns of the description block by name (English) where known, else by their usual place.
  const at = (name: RegExp, fallback: number) => {
    const index = header.findIndex((column) => name.test(column));
    return description[index === -1 ? fallback : index] || undefined;
  };
  const playlist = {
    playlist_id: description[0],
    playlist_title: at(/^title$/i, 4),
    playlist_description: at(/^description$/i, 5),
    playlist_visibility: at(/^visibility$/i, 6),
    playlist_created: at(/^time created$/i, 2),
    playlist_updated: at(/^time updated$/i, 3),
  };
  const list = playlist.playlist_title ?? listName(file.name);
  const skipThrough = typeof file.resume === "number" ? file.resume : 0;
  for (const [index, [id, added]] of videos.entries()) {
    if (index + 1 > skipThrough) yield entry(list, playlist, index + 1, id, added);
  }
}

function entry(list: string, playlist: Record<string, string | undefined>, row: number, rawId: string | undefined, added: string | undefined): ReadItem {
  const videoId = rawId?.trim();
  if (!videoId || !VIDEO_ID.test(videoId)) return { type: "error", at: `row ${row}`, message: `not a video id: "${videoId ?? ""}"` };
  const time = takeoutTime(added?.trim());
  if (added?.trim() && !time) return { type: "error", at: `row ${row}`, message: `unreadable time "${added}"` };
  const url = `https://www.youtube.com/watch?v=${videoId}`;
  return {
    type: "record",
    kind: "list_item",
    // A video is in a playlist once; the name, not the id, is what both layouts share.
    naturalKey: `list_item|${list}|${videoId}`,
    time,
    // The export names the video by id only; its title is for a later lookup to fill in.
    title: null,
    text: `${list} ${videoId}`,
    url,
    fields: compact({ list, video_id: videoId, video_url: url, added: time?.toISOString(), ...playlist }),
    resume: row,
  };
}
