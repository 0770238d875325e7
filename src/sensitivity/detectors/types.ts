import type { CountryCode } from "libphonenumber-js";
import type { SensitivityLevel, SensitivitySpan } from "../levels.js";

/** A span a detector found, with how sensitive it is and what it is in words (never the value). */
export interface Detection extends SensitivitySpan {
  level: SensitivityLevel;
  /** What was found, as a person reads it: "e-mail address", "health term". */
  label: string;
  /** The matched term, for lexicon hits at level 2 only: level-3 values never leave the field. */
  term?: string;
}

/** What the detectors know about where a text comes from. */
export interface ScanContext {
  /**
   * `title` for names of things (video and product titles, search queries): short texts in which
   * an ambiguous word is far more often part of a name than a statement about the user.
   */
  style: "title" | "text";
  /** Country for numbers written without a country code (ISO 3166 alpha-2), if known. */
  country?: CountryCode;
}

export type Detector = (text: string, context: ScanContext) => Detection[];
