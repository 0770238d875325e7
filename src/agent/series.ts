import type { DisclosedRecord } from "../policy/gateway.js";
import { label } from "./label.js";

/** A series the user was watching: where they stopped and whether partway through an episode. */
export interface SeriesInProgress {
  show: string;
  /** The latest episode watched. */
  last: DisclosedRecord;
  /** "Season 2: The Dam", as the platform names it. */
  position: string;
  /** The last episode was left well before the point the user usually reaches in this show. */
  partial: boolean;
  /** Every viewing of the show, latest first. */
  viewings: DisclosedRecord[];
}

/** A show the user watched a trailer or clip of but never an episode. */
export interface TrailerInterest {
  show: string;
  previews: DisclosedRecord[];
}

/**
 * Segments naming a season or a part in the languages of Netflix's catalogue ("Season 2",
 * "Staffel 1", "Stagione 1", "Limited Series"): what separates a show's name from an episode's.
 */
const SEASON = /^(?:(?:season|staffel|temporada|saison|stagione|seizoen|sezon|series|serie|part|teil|parte|partie|volume|vol\.|book|libro|livre|buch)\s*\d+|limited series|miniseries|mini-series|miniserie|serie limitada|serie limitata|série limitée)\b/iu;
/** Segments of a preview's title that say it is one ("Season 1 (Trailer)", "Plot Clip"). */
const PREVIEW = /\b(?:trailer|teaser|clip|preview|vorschau|anteprima|avance|tráiler|bande-annonce)\b/iu;
/** The usual point reached in a show's episodes; an episode left before this share of it is unfinished. */
const PARTIAL_SHARE = 0.75;

/** "Show: Season 1: Episode" → show and position; null when the title names no season. */
export function splitEpisodeTitle(title: string): { show: string; position: string } | null {
  const segments = title.split(": ").map((segment) => segment.trim());
  const season = segments.findIndex((segment, index) => index > 0 && SEASON.test(segment));
  if (season < 1) return null;
  return { show: segments.slice(0, season).join(": "), position: segments.slice(season).join(": ") };
}

/** The show a trailer or clip is for: its title without the season and preview segments. */
export function previewedShow(title: string): string | null {
  const rest = title.split(": ").map((segment) => segment.trim()).filter((segment) => segment && !PREVIEW.test(segment) && !SEASON.test(segment));
  return rest.length ? rest.join(": ") : null;
}

const bookmark = (record: DisclosedRecord) => Number(record.fields.bookmark_seconds ?? record.fields.duration_seconds ?? 0);
const byTimeDesc = (a: DisclosedRecord, b: DisclosedRecord) => (b.time ?? "").localeCompare(a.time ?? "");

/**
 * Series found in viewings, most recently watched first. Viewing exports carry where playback
 * stopped (Netflix's bookmark), not an episode's length, so "partway" compares the last episode's
 * bookmark with how far the user got in the show's other episodes.
 */
export function seriesInProgress(viewings: DisclosedRecord[]): SeriesInProgress[] {
  const shows = new Map<string, { show: string; position: string; record: DisclosedRecord }[]>();
  for (const record of viewings) {
    const name = label(record);
    const split = name ? splitEpisodeTitle(name) : null;
    if (!split) continue;
    const key = `${record.platform}|${split.show.toLowerCase()}`;
    shows.set(key, [...(shows.get(key) ?? []), { ...split, record }]);
  }
  return [...shows.values()]
    .map((episodes) => {
      episodes.sort((a, b) => byTimeDesc(a.record, b.record));
      const [latest, ...earlier] = episodes;
      const usual = Math.max(0, ...earlier.filter((episode) => episode.position !== latest!.position).map((episode) => bookmark(episode.record)));
      return { show: latest!.show, last: latest!.record, position: latest!.position, partial: usual > 0 && bookmark(latest!.record) < usual * PARTIAL_SHARE, viewings: episodes.map((episode) => episode.record) };
    })
    .sort((a, b) => byTimeDesc(a.last, b.last));
}

/** Netflix plays trailers on its own while the user browses; only one the user chose shows interest. */
const chosen = (preview: DisclosedRecord) => !(preview.fields.autoplayed === true && preview.fields.autoplay_user_action === "None");

/** Shows whose trailer the user chose to watch but never an episode of, most recent preview first. */
export function trailerInterests(previews: DisclosedRecord[], watched: ReadonlySet<string>): TrailerInterest[] {
  const shows = new Map<string, TrailerInterest>();
  for (const record of previews.filter(chosen).sort(byTimeDesc)) {
    const name = label(record);
    const show = name ? previewedShow(name) : null;
    if (!show || watched.has(show.toLowerCase())) continue;
    const entry = shows.get(show.toLowerCase()) ?? { show, previews: [] };
    entry.previews.push(record);
    shows.set(show.toLowerCase(), entry);
  }
  return [...shows.values()];
}
