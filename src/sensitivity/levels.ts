/** 0 public, 1 personal, 2 sensitive, 3 highly sensitive. */
export type SensitivityLevel = 0 | 1 | 2 | 3;

export const LEVEL_NAMES: Record<SensitivityLevel, string> = {
  0: "public",
  1: "personal",
  2: "sensitive",
  3: "highly sensitive",
};

/**
 * What makes a field sensitive. The special categories of GDPR Art. 9 come with the content
 * detectors; importers' field defaults mostly use the first few.
 */
export type SensitivityCategory =
  | "identifier"
  | "contact"
  | "location"
  | "financial"
  | "device"
  | "credentials"
  | "communications"
  | "health"
  | "sexuality"
  | "religion"
  | "politics"
  | "ethnicity"
  | "trade_union"
  | "genetic"
  | "biometric"
  | "children";

/** How sensitive a field is, as an importer declares it for its own fields. */
export interface SensitivitySpec {
  level: SensitivityLevel;
  categories?: SensitivityCategory[];
  /** Why, in a few words a person understands: "shipping address". */
  reason?: string;
}

/** A field's sensitivity as stored: the level, its categories, and why. */
export interface SensitivityTag {
  level: SensitivityLevel;
  categories: SensitivityCategory[];
  reason: string;
  /** Where in the value content detectors found something sensitive. */
  spans: SensitivitySpan[];
}

/** A part of a value that a content detector found sensitive. */
export interface SensitivitySpan {
  start: number;
  end: number;
  category: SensitivityCategory;
  /** Which detector found it: `email`, `iban`, `health-terms`, … */
  detector: string;
  /**
   * Where in a list or object value the string lies, as keys joined by dots (`2.name`); absent
   * for a plain string value. `start` and `end` count UTF-16 units within that string.
   */
  path?: string;
}
