import { matchesOf } from "../../../importers/text.js";
import type { Detection } from "./types.js";

const SSN = /(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g;
/** Numbers the SSA never issues or that are well-known samples (Woolworth's wallet card, ads). */
const SAMPLE_SSNS = new Set(["078051120", "219099999", "123456789"]);

/** UK National Insurance number: two prefix letters, six digits, suffix A–D. */
const NINO = /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])/g;
const NINO_NEVER_ISSUED = new Set(["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"]);

/** German tax id (Steuer-IdNr): 11 digits, only worth checking where the text names it. */
const DE_TAX_ID = /(?:steuer[- ]?(?:id|identifikationsnummer)|idnr|identifikationsnummer|tax id)\D{0,20}(\d{2} ?\d{3} ?\d{3} ?\d{3})(?!\d)/gi;

/** Spanish DNI (8 digits) and NIE (X/Y/Z and 7 digits), each ending in its mod-23 letter. */
const ES_DNI = /(?<![A-Za-z0-9])([XYZ]?)(\d{7,8})-?([A-Z])(?![A-Za-z0-9])/g;
const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** US SSNs, UK NI numbers, German tax ids and Spanish DNI/NIE, each checked by its issuing rules. */
export function detectNationalIds(text: string): Detection[] {
  if (!/\d{2}/.test(text)) return [];
  const found: Detection[] = [];
  const add = (start: number, end: number, label: string) => found.push({ start, end, category: "identifier", detector: "national-id", level: 3, label });

  for (const match of matchesOf(SSN, text)) {
    const [area, group, serial] = [match[1]!, match[3]!, match[4]!];
    if (area === "000" || area === "666" || area[0] === "9" || group === "00" || serial === "0000") continue;
    if (SAMPLE_SSNS.has(area + group + serial)) continue;
    add(match.index, match.index + match[0].length, "US social security number");
  }
  for (const match of matchesOf(NINO, text)) {
    if (NINO_NEVER_ISSUED.has(match[1]!)) continue;
    add(match.index, match.index + match[0].length, "UK National Insurance number");
  }
  for (const match of matchesOf(DE_TAX_ID, text)) {
    const digits = match[1]!.replace(/ /g, "");
    if (!germanTaxIdValid(digits)) continue;
    const start = match.index + match[0].length - match[1]!.length;
    add(start, start + match[1]!.length, "German tax id");
  }
  for (const match of matchesOf(ES_DNI, text)) {
    const [prefix, digits, letter] = [match[1]!, match[2]!, match[3]!];
    if (prefix ? digits.length !== 7 : digits.length !== 8) continue;
    // An NIE counts as the DNI its letter X, Y or Z stands for: 0, 1 or 2 in front of the digits.
    const number = Number(`${prefix ? "XYZ".indexOf(prefix) : ""}${digits}`);
    if (DNI_LETTERS[number % 23] !== letter) continue;
    add(match.index, match.index + match[0].length, prefix ? "Spanish NIE" : "Spanish DNI");
  }
  return found;
}

/**
 * The Steuer-IdNr rules: no leading zero; among the first ten digits exactly one digit repeats
 * (twice, or three times but not three in a row) and the eleventh is an ISO 7064 MOD 11,10 check.
 */
export function germanTaxIdValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const counts = new Map<string, number>();
  for (const digit of digits.slice(0, 10)) counts.set(digit, (counts.get(digit) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  if (repeated.length !== 1 || repeated[0]! > 3 || /(\d)\1\1/.test(digits.slice(0, 10))) return false;
  let product = 10;
  for (const char of digits.slice(0, 10)) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(digits[10]);
}
