import { isValidIBAN } from "ibantools";
import { matchesOf } from "../../../importers/text.js";
import type { Detection } from "./types.js";

/** A country code, two check digits and 11–30 letters or digits, grouped by single spaces. */
const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])/g;

/**
 * IBANs that pass ibantools' country length and mod-97 check. A candidate may run on into the
 * next word ("… 00 BIC"), so it is shortened group by group until it validates.
 */
export function detectIbans(text: string): Detection[] {
  const found: Detection[] = [];
  for (const match of matchesOf(CANDIDATE, text)) {
    let candidate = match[0];
    while (candidate.length >= 15 && !isValidIBAN(candidate.replace(/ /g, ""))) {
      const space = candidate.lastIndexOf(" ");
      candidate = space > 0 ? candidate.slice(0, space) : "";
    }
    if (candidate.length < 15) continue;
    found.push({ start: match.index, end: match.index + candidate.length, category: "financial", detector: "iban", level: 3, label: "IBAN" });
  }
  return found;
}
