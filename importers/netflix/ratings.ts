import { netflixTable, textField, type Fields } from "./table.js";

/** What Netflix's thumbs values mean; 0 is the unused thumbs of a star rating. */
const THUMBS: Record<number, string> = { 1: "down", 2: "up", 3: "way up" };

/**
 * `CONTENT_INTERACTION/Ratings.csv`: thumbs (and, before 2017, stars) a profile gave titles.
 * Columns `Profile Name,Title Name,Rating Type,Star Value,Thumbs Value,Device Model,Event Utc Ts,
 * Region View Date`, as open-source readers of real exports use them.
 */
export const ratingsImporter = netflixTable({
  id: "netflix.ratings",
  title: "Netflix ratings",
  fileName: /^Ratings\.csv$/i,
  required: ["Profile Name", "Title Name", "Event Utc Ts"],
  known: ["Rating Type", "Star Value", "Thumbs Value", "Device Model", "Region View Date"],
  kind: "rating",
  key: ["profile", "title", "event_utc_ts"],
  time: ["event_utc_ts"],
  recordTitle: (fields) => textField(fields, "title"),
  refine,
  fieldSensitivity: {
    device_model: { level: 1, categories: ["device"], reason: "kind of device rated on" },
  },
});

function refine(fields: Fields): Fields {
  const refined: Fields = { ...fields };
  for (const name of ["star_value", "thumbs_value"]) {
    const value = Number(textField(fields, name));
    // A rating has stars or thumbs; the other column holds 0.
    if (Number.isInteger(value) && value > 0) refined[name] = value;
    else if (value === 0) delete refined[name];
  }
  const thumbs = typeof refined.thumbs_value === "number" ? THUMBS[refined.thumbs_value] : undefined;
  if (thumbs) refined.thumbs = thumbs;
  return refined;
}
