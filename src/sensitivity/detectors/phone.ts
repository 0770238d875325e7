import { findPhoneNumbersInText } from "libphonenumber-js/max";
import { matchesOf } from "../../../importers/text.js";
import type { Detection, ScanContext } from "./types.js";

/**
 * Runs of at least seven digits with the separators numbers are written with, and a leading
 * `+` or `00`: the only parts of a text worth handing to the phone number parser, which is slow
 * on long texts.
 */
const CANDIDATE = /(?:\+|(?<!\d)00)?\(?\d(?:[\s().\/-]{0,2}\d){6,16}/g;
const DATE_OR_TIME = /^\d{4}-\d\d-\d\d|^\d\d?[./]\d\d?[./]\d{2,4}/;

/**
 * Phone numbers that libphonenumber's full metadata accepts as valid. Without a country from the
 * context only numbers written with a country code are found: a bare digit run could be anything.
 */
export function detectPhones(text: string, context: ScanContext): Detection[] {
  const found: Detection[] = [];
  for (const candidate of matchesOf(CANDIDATE, text)) {
    // Without a country only an international number can be valid; dates and times are none.
    if (context.country ? DATE_OR_TIME.test(candidate[0]) : !candidate[0].startsWith("+")) continue;
    for (const number of findPhoneNumbersInText(candidate[0], context.country ? { defaultCountry: context.country } : undefined)) {
      if (!number.number.isValid()) continue;
      const start = candidate.index + number.startsAt;
      found.push({ start, end: candidate.index + number.endsAt, category: "contact", detector: "phone", level: 3, label: "phone number" });
    }
  }
  return found;
}
