import { jsonStart } from "../../json.js";
import type { Importer } from "../../types.js";

/**
 * `Location History (Timeline)/Settings.json`: since 2024 often all Takeout holds of Location
 * History, the Timeline itself living on the phone. It describes settings and devices, not the
 * user's whereabouts, so it is recognised (not reported as unknown) and yields nothing.
 */
export const settingsImporter: Importer = {
  id: "google_location.settings",
  platform: "google_location",
  title: "Google Location History settings",
  detect(sample) {
    const keys = [...jsonStart(sample.head, 4000).matchAll(/"(historyEnabled|deviceSettings|retentionWindowDays|hasReportedLocations|hasSetRetention)":/g)];
    if (!jsonStart(sample.head).startsWith("{") || new Set(keys.map((match) => match[1])).size < 2) return 0;
    return /^Settings\.json$/i.test(sample.name) ? 1 : 0.9;
  },
  async *read() {},
};
