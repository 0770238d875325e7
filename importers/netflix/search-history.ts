import { netflixTable, textField } from "./table.js";

/** `CONTENT_INTERACTION/SearchHistory.csv`: what each profile typed, and which result it chose. */
export const searchHistoryImporter = netflixTable({
  id: "netflix.search-history",
  title: "Netflix search history",
  fileName: /^SearchHistory\.csv$/i,
  required: ["Profile Name", "Utc Timestamp", "Displayed Name"],
  known: ["Country Iso Code", "Device", "Is Kids", "Query Typed", "Action", "Section"],
  kind: "search",
  // One search yields a row per result acted on, at the same second.
  key: ["profile", "utc_timestamp", "query_typed", "displayed_name", "action", "section"],
  time: ["utc_timestamp"],
  recordTitle: (fields) => textField(fields, "query_typed") ?? textField(fields, "displayed_name"),
  text: (fields) => [textField(fields, "query_typed"), textField(fields, "displayed_name")].filter(Boolean).join("\n") || undefined,
  flags: ["is_kids"],
  fieldSensitivity: {
    device: { level: 1, categories: ["device"], reason: "kind of device searched on" },
    country_iso_code: { level: 1, categories: ["location"], reason: "country searched from" },
  },
});
