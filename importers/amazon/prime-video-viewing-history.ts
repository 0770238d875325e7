import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import { amazonTable, textField, type Fields } from "./table.js";

const location = (reason: string): SensitivitySpec => ({ level: 2, categories: ["location"], reason });

/** The episode's name, in whichever column the export's year put it. */
function episodeOf(fields: Fields): string | undefined {
  return textField(fields, "episode_title") ?? textField(fields, "episode");
}

/**
 * `Digital.PrimeVideo.Viewinghistory/…csv`: one `viewing` per title watched. Older exports give
 * the hour of playback with where and on what (`Playback Hour`, `City`, `ISP`, `Operating
 * System`, …); later ones the day (`Date Watched`) with the episode and season apart. Every
 * column is kept, whichever layout the file has.
 */
export const primeVideoViewingHistory = amazonTable({
  id: "amazon.prime-video-viewing-history",
  platform: "prime_video",
  title: "Prime Video viewing history",
  fileName: /viewing.?history/i,
  required: [["Playback Hour", "Date Watched"], "Title"],
  known: [
    "Session Id", "Marketplace", "Operating System", "Browser", "Delivery Type", "City", "State", "Country", "ISP",
    "Content Quality Entitled", "Entitlement Type", "Video Type", "Audio Language", "Device Type", "Episode Title", "Episode", "Season",
  ],
  kind: "viewing",
  key: ["playback_hour", "date_watched", "title", "episode_title", "episode", "season"],
  time: ["playback_hour", "date_watched"],
  dates: ["playback_hour", "date_watched"],
  recordTitle(fields) {
    const title = textField(fields, "title");
    const episode = episodeOf(fields);
    return title && episode ? `${title}: ${episode}` : (title ?? episode);
  },
  fieldSensitivity: {
    session_id: { level: 3, categories: ["identifier", "device"], reason: "playback session identifier" },
    ip_address: { level: 3, categories: ["identifier", "location"], reason: "IP address" },
    city: location("city of playback"),
    state: location("region of playback"),
    isp: { level: 2, categories: ["location", "device"], reason: "internet provider" },
  },
});
