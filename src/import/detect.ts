import type { FileSample, Importer } from "../../importers/types.js";
import { firstLine, looksBinary } from "../../importers/text.js";
import { tagText } from "../sensitivity/tag.js";

/** Below this confidence a file is reported as not recognised rather than read by a guess. */
const MIN_CONFIDENCE = 0.5;

export type Detection = { importer: Importer; confidence: number } | { importer: null; reason: string };

/** The importer most confident that it reads this file, or why none is. */
export function chooseImporter(sample: FileSample, importers: readonly Importer[]): Detection {
  if (sample.size === 0 || sample.head.length === 0) return { importer: null, reason: "empty file" };
  let best: { importer: Importer; confidence: number } | null = null;
  for (const importer of importers) {
    const confidence = importer.detect(sample);
    if (confidence >= MIN_CONFIDENCE && confidence > (best?.confidence ?? 0)) best = { importer, confidence };
  }
  return best ?? { importer: null, reason: unrecognisedReason(sample) };
}

function unrecognisedReason(sample: FileSample): string {
  if (looksBinary(sample.head)) return "not recognised: binary content that no importer reads";
  const line = firstLine(sample.head)?.trim() ?? "";
  // The report is stored and shown; a line that may be the user's secrets stays out of it.
  if (tagText(line).level >= 2) return "not recognised: no importer knows this text file (its first line looks sensitive, so it is not shown)";
  const shown = line.length > 80 ? `${line.slice(0, 77)}...` : line;
  return `not recognised: no importer knows a file starting with "${shown}"`;
}
