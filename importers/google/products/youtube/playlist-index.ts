import { csvHeader, readCsvRows } from "../../../csv.js";
import { snakeCase } from "../../../text.js";
import type { FieldValue, Importer } from "../../../types.js";
import { compact, csvHeadRows, mostly, takeoutTime } from "../shared.js";
import { PLAYLIST_ID, isPlaylistBlock } from "./playlists.js";

/**
 * Columns of `playlists.csv` by what they hold, matched in the account's language (English,
 * German, Spanish, Italian, French, Portuguese). The cover image's own timestamp is not the
 * playlist's, hence the look-behind for "image".
 */
const COLUMNS: [field: string, name: RegExp][] = [
  ["playlist_title", /^(?!.*(language|sprache|idioma|lingua|langue)).*(title|titel|título|titolo|titre)/i],
  ["playlist_description", /description|beschreibung|descripción|descrizione|descrição/i],
  ["playlist_visibility", /visibility|sichtbarkeit|visibilidad|visibilità|visibilité|visibilidade/i],
  ["playlist_created", /^(?!.*(image|bild|imagen|immagine|imagem)).*(create|erstell|creaci|creazion|créat|criaç)/i],
  ["playlist_updated", /^(?!.*(image|bild|imagen|immagine|imagem)).*(update|aktualisier|actualiza|aggiorna|mise à jour|atualiza)/i],
];

const TIME_FIELDS = new Set(["playlist_created", "playlist_updated"]);

/**
 * `YouTube and YouTube Music/playlists/playlists.csv` (since late 2023): the index of the
 * account's playlists, one row each (`Playlist ID,Add new videos to top,Playlist image 1 …,
 * Playlist title (original),…,Playlist create timestamp,Playlist update timestamp,Playlist video
 * order,Playlist visibility`), while their videos are in `<title>-videos.csv`. One `playlist`
 * record per row, with its title, id, visibility and times; the other columns are kept by name.
 */
export const playlistIndexImporter: Importer = {
  id: "google.youtube.playlist-index",
  platform: "youtube",
  title: "YouTube playlists (the list of playlists)",
  detect(sample) {
    const rows = csvHeadRows(sample);
    const [header, ...entries] = rows;
    if ((header?.length ?? 0) <= 2 || isPlaylistBlock(rows)) return 0;
    if (!PLAYLIST_ID.test(header![0]!) && entries.length > 0 && mostly(entries, (row) => PLAYLIST_ID.test(row[0] ?? ""))) {
      return /^playlists\.csv$/i.test(sample.name) ? 0.95 : 0.9;
    }
    // No playlists: only the English header can tell.
    return entries.length === 0 && /^playlist id$/i.test(header![0]!) ? 0.6 : 0;
  },
  async *read(file) {
    const header = csvHeader(file);
    if (!header || header.length <= 2) throw new Error("expected the columns of the list of playlists");
    // Each column once, by the first field it matches; the id is the first column in any language.
    const fieldOf = new Map<string, string>([[header[0]!, "playlist_id"]]);
    for (const [field, name] of COLUMNS) {
      const column = header.find((candidate) => !fieldOf.has(candidate) && name.test(candidate));
      if (column !== undefined && ![...fieldOf.values()].includes(field)) fieldOf.set(column, field);
    }
    for await (const row of readCsvRows(file)) {
      if ("type" in row) {
        yield row;
        continue;
      }
      const fields: Record<string, FieldValue | undefined> = {};
      for (const column of header) {
        const value = row.values[column]?.trim();
        const field = fieldOf.get(column) ?? snakeCase(column);
        fields[field] = TIME_FIELDS.has(field) ? (takeoutTime(value)?.toISOString() ?? value) : value;
      }
      const id = fields.playlist_id as string | undefined;
      if (!id || !PLAYLIST_ID.test(id)) {
        yield { type: "error", at: `row ${row.row}`, message: `not a playlist id: "${id ?? ""}"` };
        continue;
      }
      const title = (fields.playlist_title as string | undefined) || null;
      yield {
        type: "record",
        kind: "playlist",
        naturalKey: `playlist|${id}`,
        time: takeoutTime(fields.playlist_created as string | undefined),
        title,
        url: `https://www.youtube.com/playlist?list=${id}`,
        fields: compact(fields),
        resume: row.row,
      };
    }
  },
};
