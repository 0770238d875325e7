import { cell } from "../csv.js";

/** What Amazon's exports write in place of an empty value. */
export const PLACEHOLDERS = ["Not Available", "Not Applicable", "N/A"] as const;

/** Trimmed value of a column, or undefined when it is empty or a placeholder. */
export function value(values: Record<string, string>, column: string): string | undefined {
  return cell(values, column, PLACEHOLDERS);
}

export interface Money {
  amount: number;
  /** ISO 4217 code, when the text names one by symbol or code. */
  currency?: string;
}

/** Symbols seen in Amazon's money columns, by the currency they stand for. */
const SYMBOLS: Record<string, string> = {
  $: "USD",
  US$: "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "￥": "JPY",
  "₹": "INR",
  R$: "BRL",
  C$: "CAD",
  CA$: "CAD",
  CDN$: "CAD",
  A$: "AUD",
  AU$: "AUD",
  MX$: "MXN",
  zł: "PLN",
  kr: "SEK",
};

/**
 * Reads an amount as Amazon writes it: `12.34`, `$1,234.56`, `1.234,56 €`, `EUR 5,49`, `'-1.00'`
 * (Excel-escaped), `($3.00)`. Null when the text is not an amount.
 */
export function parseMoney(raw: string): Money | null {
  const text = raw.trim().replace(/^'(.*)'$/, "$1");
  const digits = /\d(?:[\d.,'\s]*\d)?/.exec(text);
  if (!digits) return null;
  const around = (text.slice(0, digits.index) + text.slice(digits.index + digits[0].length)).replace(/\s/g, "");
  const negative = around.includes("-") || /^\(.*\)$/.test(around);
  const symbol = around.replace(/[-+()]/g, "");
  const currency = symbol === "" ? undefined : (SYMBOLS[symbol] ?? (/^[A-Z]{3}$/.test(symbol) ? symbol : null));
  const amount = parseDecimal(digits[0]);
  if (currency === null || amount === null) return null;
  return { amount: negative ? -amount : amount, ...(currency && { currency }) };
}

/**
 * Digits in either decimal style. The last separator is the decimal point, unless it is the only
 * kind in the number and either repeats (`1.234.567`) or sets off three digits after a non-zero
 * whole part (`1,234`, `1.234`): that is how thousands are grouped.
 */
function parseDecimal(text: string): number | null {
  const compact = text.replace(/['\s]/g, "");
  const separators = compact.replace(/\d/g, "");
  const last = separators.at(-1);
  const fraction = last ? compact.slice(compact.lastIndexOf(last) + 1) : "";
  const onlyKind = !separators.includes(last === "." ? "," : ".");
  const grouping = !last || (onlyKind && (separators.length > 1 || (fraction.length === 3 && !/^0[.,]/.test(compact))));
  const whole = (grouping ? compact : compact.slice(0, -fraction.length - 1)).replace(/[.,]/g, "");
  if (!/^\d+$/.test(whole)) return null;
  return Number(grouping ? whole : `${whole}.${fraction}`);
}

/** A money column as a field: the amount, or the text itself when it is not one (nothing is lost). */
export function moneyField(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  return parseMoney(raw)?.amount ?? raw;
}

/** The currency that the symbols of these amounts name, for files without a Currency column. */
export function currencyOf(...raws: (string | undefined)[]): string | undefined {
  for (const raw of raws) {
    const currency = raw === undefined ? undefined : parseMoney(raw)?.currency;
    if (currency) return currency;
  }
  return undefined;
}

export interface AmazonDate {
  date: Date;
  /** True when the text named a day only, with no time of day. */
  dateOnly: boolean;
}

type Sextet = [number, number, number, number, number, number];

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(?:UTC|GMT))?$/i;
/** `12-Jan-2019` (Audible), `Sat, 02 Jan 2021 10:00:00 GMT` (returns): day, month name, year. */
const NAMED_MONTH_DATE = /^(?:[a-z]{3},\s*)?(\d{1,2})[-\s]([a-z]{3})[a-z]*\.?[-\s](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(?:UTC|GMT))?$/i;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads Amazon's dates, all in UTC: `11/11/2021 22:32:48 UTC` (month first, whatever the
 * marketplace), ISO `2026-02-03T02:04:59.390Z`, the retired reports' `01/15/19` or `01/15/2019`,
 * and dates with an English month name (`12-Jan-2019`, `Sat, 02 Jan 2021 10:00:00 GMT`).
 */
export function parseAmazonDate(raw: string): AmazonDate | null {
  const text = raw.trim();
  const us = US_DATE.exec(text);
  if (us) {
    const [month, day, year, hours, minutes, seconds] = us.slice(1, 7).map((part) => Number(part ?? 0)) as Sextet;
    return utcDate([fullYear(year), month, day, hours, minutes, seconds], us[4] === undefined);
  }
  const named = NAMED_MONTH_DATE.exec(text);
  if (named) {
    const month = MONTHS.indexOf(named[2]!.toLowerCase()) + 1;
    const [day, year, hours, minutes, seconds] = [named[1], named[3], named[4], named[5], named[6]].map((part) => Number(part ?? 0));
    return month === 0 ? null : utcDate([year!, month, day!, hours!, minutes!, seconds!], named[4] === undefined);
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const dateOnly = text.length === 10;
    // A time without an offset is UTC in these exports, not the reader's local time.
    const date = new Date(dateOnly || iso[1] ? text : `${text.replace(" ", "T")}Z`);
    return Number.isNaN(date.getTime()) ? null : { date, dateOnly };
  }
  return null;
}

/** The moment these parts name in UTC, or null when they name none (30 February, 25:00). */
function utcDate([year, month, day, hours, minutes, seconds]: Sextet, dateOnly: boolean): AmazonDate | null {
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hours > 23 || minutes > 59 || seconds > 59) return null;
  return { date, dateOnly };
}

/**
 * The year of a two-digit one (the retired reports'): this century's unless that is after next year
 * (pre-orders), as old books' release dates are last century's.
 */
function fullYear(year: number): number {
  if (year >= 100) return year;
  return 2000 + year <= new Date().getUTCFullYear() + 1 ? 2000 + year : 1900 + year;
}

/** When a date column says, or null when it is empty or unreadable. */
export function timeOf(raw: string | undefined): Date | null {
  return raw === undefined ? null : (parseAmazonDate(raw)?.date ?? null);
}

/** A date column as a field: ISO (`2021-11-11T22:32:48.000Z`, or `2019-01-15` for a day), else the text. */
export function dateField(raw: string): string;
export function dateField(raw: string | undefined): string | undefined;
export function dateField(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseAmazonDate(raw);
  if (!parsed) return raw;
  const iso = parsed.date.toISOString();
  return parsed.dateOnly ? iso.slice(0, 10) : iso;
}

/** A count column as a field: the number, or the text when it is not a whole number. */
export function countField(raw: string | undefined): number | string | undefined {
  if (raw === undefined) return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** A yes/no column as a field: a boolean for `Yes`, `No`, `Y`, `N`, `true`, `false`, `1`, `0`; else the text. */
export function flagField(raw: string | undefined): boolean | string | undefined {
  if (raw === undefined) return undefined;
  if (/^(yes|y|true|1)$/i.test(raw)) return true;
  if (/^(no|n|false|0)$/i.test(raw)) return false;
  return raw;
}

/**
 * The product page, when the website is an Amazon marketplace (`Amazon.it`, `www.amazon.it`) and
 * the ASIN is known.
 */
export function productUrl(website: string | undefined, asin: string | undefined): string | null {
  const marketplace = website?.replace(/^www\./i, "");
  if (!marketplace || !asin || !/^amazon(\.[a-z]{2,3}){1,2}$/i.test(marketplace) || !/^[A-Z0-9]{10}$/i.test(asin)) return null;
  return `https://www.${marketplace.toLowerCase()}/dp/${asin}`;
}
