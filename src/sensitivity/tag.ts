import type { FieldValue } from "../../importers/types.js";
import type { SensitivitySpec, SensitivityTag } from "./levels.js";

/** A field as the tagger sees it: where it comes from, its value, and its importer's default. */
export interface FieldContext {
  platform: string;
  kind: string;
  field: string;
  value: FieldValue;
  /** The importer's own default for this field, if it declares one. */
  declared?: SensitivitySpec;
}

/** Anything a person's export holds about them is personal unless known to be more. */
const PERSONAL: SensitivityTag = { level: 1, categories: [], reason: "personal data by default", spans: [] };

/**
 * The one place a field's sensitivity is decided. Today it applies the importers' field defaults;
 * content detectors will join here, so every caller keeps asking this function.
 */
export function tagField(context: FieldContext): SensitivityTag {
  const declared = context.declared;
  if (!declared) return PERSONAL;
  return {
    level: declared.level,
    categories: declared.categories ?? [],
    reason: declared.reason ?? `${context.field} of a ${context.platform} ${context.kind}`,
    spans: [],
  };
}
