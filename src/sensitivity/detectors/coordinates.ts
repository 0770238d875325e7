import { matchesOf } from "../../../importers/text.js";
import type { Detection } from "./types.js";

/** "48.13743, 11.57549" or "48.1374° N, 11.5755° E": at least three decimals, as a GPS gives them. */
const PAIR = /(?<![\d.])([-+]?\d{1,2}\.\d{3,})°?(?: ?[NS])?\s*,\s*([-+]?\d{1,3}\.\d{3,})°?(?: ?[EW](?![A-Za-z]))?(?![\d.])/g;

/** Latitude/longitude pairs inside the globe's ranges: three decimals place someone within ~100 m. */
export function detectCoordinates(text: string): Detection[] {
  if (!text.includes(",")) return [];
  const found: Detection[] = [];
  for (const match of matchesOf(PAIR, text)) {
    if (Math.abs(Number(match[1])) > 90 || Math.abs(Number(match[2])) > 180) continue;
    found.push({ start: match.index, end: match.index + match[0].length, category: "location", detector: "coordinates", level: 3, label: "coordinates" });
  }
  return found;
}
