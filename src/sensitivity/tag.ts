import type { CountryCode } from "libphonenumber-js";
import type { FieldValue, Importer } from "../../importers/types.js";
import { detectSensitive, type Detection, type ScanContext } from "./detectors/index.js";
import type { SensitivityCategory, SensitivityLevel, SensitivitySpec, SensitivityTag } from "./levels.js";

/**
 * Bump whenever detectors, lexicons or the way tags are combined change: a vault tagged by an
 * older version is re-tagged (see retag.ts).
 */
export const TAGGER_VERSION = 1;

/**
 * Characters of one string that the detectors read: enough for any letter or note, while a
 * pasted log or a 5 MB newsletter does not hold up an import. Beyond it nothing is found.
 */
export const MAX_SCAN_CHARS = 64 * 1024;

/** A field as the tagger sees it: where it comes from, its value, and its importer's default. */
export interface FieldContext {
  platform: string;
  kind: string;
  field: string;
  value: FieldValue;
  /** The importer's own default for this field, if it declares one. */
  declared?: SensitivitySpec;
  /** The user's country, for phone numbers written without a country code. */
  country?: CountryCode;
}

/** Anything a person's export holds about them is personal unless known to be more. */
const PERSONAL: SensitivityTag = { level: 1, categories: [], reason: "personal data by default", spans: [] };

/**
 * Fields whose names say they hold names of things (video, product, search): an ambiguous word
 * there is more often part of the name than a statement about the user.
 */
const TITLE_FIELD = /title|name|query|search|product/i;

/** What an importer declares for one of its fields: the field's own entry, else its default. */
export function declaredSensitivity(importer: Importer | undefined, field: string): SensitivitySpec | undefined {
  return importer?.fieldSensitivity?.[field] ?? importer?.defaultSensitivity;
}

/**
 * The one place a field's sensitivity is decided: the importer's default, raised by what the
 * content detectors find in the value. A field declared level 3 is not scanned (nothing can
 * raise it), nor is one declared as a bare identifier (message ids look like e-mail addresses).
 */
export function tagField(context: FieldContext): SensitivityTag {
  const declared = context.declared;
  const base: SensitivityTag = declared
    ? { level: declared.level, categories: declared.categories ?? [], reason: declared.reason ?? `${context.field} of a ${context.platform} ${context.kind}`, spans: [] }
    : PERSONAL;
  if (base.level === 3 || (declared?.categories?.length === 1 && declared.categories[0] === "identifier")) return base;
  return withFindings(base, scanValue(context.value, scanContext(context.field, context.country)));
}

/**
 * A free text on its own, as `ownbase tag` reads it: level 0 when nothing is found, since the
 * text is not known to be anyone's; `field` names the context (`title`, `query`, `body`, …).
 */
export function tagText(text: string, options: { field?: string; country?: CountryCode } = {}): SensitivityTag {
  const tag = withFindings({ level: 0, categories: [], reason: "", spans: [] }, scanValue(text, scanContext(options.field ?? "text", options.country)));
  return tag.spans.length > 0 ? tag : { ...tag, reason: "nothing sensitive found" };
}

function scanContext(field: string, country: CountryCode | undefined): ScanContext {
  return { style: TITLE_FIELD.test(field) ? "title" : "text", ...(country ? { country } : {}) };
}

/** Detections in a value: a string directly, strings inside lists and objects with their path. */
function scanValue(value: FieldValue, context: ScanContext, path?: string): Detection[] {
  if (typeof value === "string") {
    const found = detectSensitive(value.length > MAX_SCAN_CHARS ? value.slice(0, MAX_SCAN_CHARS) : value, context);
    return path === undefined ? found : found.map((detection) => ({ ...detection, path }));
  }
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => scanValue(item, context, path === undefined ? key : `${path}.${key}`));
}

/** Findings named in a reason at most. */
const REASON_FINDINGS = 4;
/** Spans kept per field at most: a long newsletter naming "election" 500 times needs no 500 spans. */
export const MAX_SPANS = 100;

/**
 * The base tag raised to the highest level found, with the found categories added and the
 * findings named in the reason: level-3 findings by what and where only, never by their value.
 */
function withFindings(base: SensitivityTag, found: Detection[]): SensitivityTag {
  if (found.length === 0) return base;
  const level = Math.max(base.level, ...found.map((detection) => detection.level)) as SensitivityLevel;
  const categories = [...new Set<SensitivityCategory>([...base.categories, ...found.map((detection) => detection.category)])];
  const named = found.slice(0, REASON_FINDINGS).map(describe);
  if (found.length > REASON_FINDINGS) named.push(`${found.length - REASON_FINDINGS} more`);
  return {
    level,
    categories,
    reason: [base.reason, `found ${named.join(", ")}`].filter(Boolean).join("; "),
    spans: found.slice(0, MAX_SPANS).map(({ start, end, category, detector, path }) => ({ start, end, category, detector, ...(path === undefined ? {} : { path }) })),
  };
}

function describe(detection: Detection): string {
  const where = `${detection.path === undefined ? "" : `${detection.path} `}${detection.start}–${detection.end}`;
  return detection.term === undefined ? `${detection.label} at ${where}` : `${detection.label} "${detection.term}" at ${where}`;
}
