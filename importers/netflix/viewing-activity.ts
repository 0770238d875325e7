import { parseDuration, splitEpisodeTitle } from "./parse.js";
import { netflixTable, textField, type Fields } from "./table.js";

const DURATIONS = ["duration", "bookmark", "latest_bookmark"];

/**
 * `CONTENT_INTERACTION/ViewingActivity.csv`: every playback of every profile, with its device and
 * country. Rows with a Supplemental Video Type are trailers, hooks, teasers, cinemagraphs Netflix played
 * while the user browsed: they become `preview` records, never `viewing`s.
 */
export const viewingActivityImporter = netflixTable({
  id: "netflix.viewing-activity",
  title: "Netflix viewing activity",
  fileName: /^ViewingActivity\.csv$/i,
  required: ["Profile Name", "Start Time", "Duration", "Title"],
  known: ["Attributes", "Supplemental Video Type", "Device Type", "Bookmark", "Latest Bookmark", "Country"],
  kind: (fields) => (fields.supplemental_video_type === undefined ? "viewing" : "preview"),
  key: ["profile", "start_time", "title"],
  time: ["start_time"],
  recordTitle: (fields) => textField(fields, "title"),
  refine,
  fieldSensitivity: {
    device_type: { level: 1, categories: ["device"], reason: "kind of device streamed on" },
    country: { level: 1, categories: ["location"], reason: "country streamed from" },
  },
});

function refine(fields: Fields): Fields {
  const refined: Fields = { ...fields };
  for (const name of DURATIONS) {
    const seconds = parseDuration(textField(fields, name) ?? "");
    if (seconds === undefined) continue;
    delete refined[name];
    refined[`${name}_seconds`] = seconds;
  }
  // The bookmark of a playback that a later one of the same title superseded.
  if (refined.latest_bookmark === "Not latest view") {
    delete refined.latest_bookmark;
    refined.latest_view = false;
  }
  // Netflix's cover sheet: "N/A means not applicable", i.e. the title itself was played.
  if (refined.supplemental_video_type === "N/A") delete refined.supplemental_video_type;

  const autoplay = /Autoplayed: user action: ([^;]+)/i.exec(textField(fields, "attributes") ?? "");
  if (autoplay) {
    refined.autoplayed = true;
    refined.autoplay_user_action = autoplay[1]!.trim();
  }
  const episode = splitEpisodeTitle(textField(fields, "title") ?? "");
  return episode ? { ...refined, ...episode } : refined;
}
