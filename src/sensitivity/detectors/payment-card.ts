import { matchesOf } from "../../../importers/text.js";
import { luhnValid } from "./luhn.js";
import type { Detection } from "./types.js";

/** 13 to 19 digits, in groups separated by single spaces or dashes. */
const CANDIDATE = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

/** Issuer prefixes (IIN ranges) and the lengths each issuer uses. */
const ISSUERS: { prefix: RegExp; lengths: number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(5[1-5]|2(22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^(6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] }, // Discover
  { prefix: /^(30[0-5]|3095|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^35(2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay
  { prefix: /^(5[06-9]|6\d)/, lengths: [13, 14, 15, 16, 17, 18, 19] }, // Maestro
];

/** Payment card numbers: a known issuer prefix and length, and a valid Luhn check digit. */
export function detectPaymentCards(text: string): Detection[] {
  const found: Detection[] = [];
  for (const match of matchesOf(CANDIDATE, text)) {
    const digits = match[0].replace(/[ -]/g, "");
    if (/^(\d)\1+$/.test(digits) || !luhnValid(digits)) continue;
    if (!ISSUERS.some((issuer) => issuer.prefix.test(digits) && issuer.lengths.includes(digits.length))) continue;
    found.push({ start: match.index, end: match.index + match[0].length, category: "financial", detector: "payment-card", level: 3, label: "payment card number" });
  }
  return found;
}
