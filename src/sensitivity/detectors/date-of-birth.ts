import { matchesOf } from "../../../importers/text.js";
import type { Detection } from "./types.js";

const MONTHS = [
  "january|jan|januar|jänner|gennaio|enero|janvier|janv",
  "february|feb|februar|febbraio|febrero|février|févr",
  "march|mar|märz|marzo|mars",
  "april|apr|aprile|abril|avril|avr",
  "may|mai|maggio|mayo",
  "june|jun|juni|giugno|junio|juin",
  "july|jul|juli|luglio|julio|juillet|juil",
  "august|aug|agosto|août",
  "september|sep|sept|settembre|septiembre|septembre",
  "october|oct|oktober|okt|ottobre|octubre|octobre",
  "november|nov|novembre|noviembre",
  "december|dec|dezember|dez|dicembre|diciembre|décembre|déc",
];
const MONTH_NAME = MONTHS.join("|");
const YEAR = "(?:19|20)\\d{2}";
const DATE =
  `\\d{1,2}[./-]\\d{1,2}[./-]${YEAR}|${YEAR}-\\d{2}-\\d{2}` +
  `|\\d{1,2}(?:st|nd|rd|th|er|º)?\\.? (?:of |de )?(?:${MONTH_NAME})\\.?,? (?:de )?${YEAR}` +
  `|(?:${MONTH_NAME})\\.? \\d{1,2}(?:st|nd|rd|th)?,? ${YEAR}`;
const CUE =
  "born|date of birth|birth ?date|d\\.?o\\.?b\\.?|birthday|geboren|geb\\.|geburtsdatum|geburtstag|" +
  "nat[oa](?: a [^\\n\\d]{1,30})? il|data di nascita|nacid[oa](?: en [^\\n\\d]{1,30})? el|fecha de nacimiento|né(?:e)?(?: à [^\\n\\d]{1,30})? le|date de naissance";
/** A date at most 40 characters (no digits, no line break) after a cue such as "born" or "geboren". */
const DOB = new RegExp(`(?<![A-Za-zÀ-ÿ])(?:${CUE})[^\\n\\d]{0,40}?(${DATE})(?![\\d])`, "gi");
const CUE_WORD = /born|birth|dob|d\.o\.b|geb|nat[oa]|nasc|naci|naissance|né/i;

/** Dates of birth: a plausible calendar date right after words that announce one, in five languages. */
export function detectDatesOfBirth(text: string): Detection[] {
  if (!CUE_WORD.test(text)) return [];
  const found: Detection[] = [];
  for (const match of matchesOf(DOB, text)) {
    const date = match[1]!;
    if (!plausible(date)) continue;
    const start = match.index + match[0].length - date.length;
    found.push({ start, end: start + date.length, category: "identifier", detector: "date-of-birth", level: 3, label: "date of birth" });
  }
  return found;
}

/** Numeric dates need a real day and month (either order) and a year not in the future. */
function plausible(date: string): boolean {
  const numbers = date.match(/\d+/g)!.map(Number);
  const year = numbers.find((n) => n >= 1900)!;
  if (year > new Date().getUTCFullYear()) return false;
  const rest = numbers.filter((n) => n !== year);
  if (rest.length === 1) return rest[0]! >= 1 && rest[0]! <= 31;
  const [a, b] = [rest[0]!, rest[1]!];
  return a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
}
