import type { DisclosedRecord } from "../policy/gateway.js";

/** What a disclosed record is called: its title, else a title-like field. */
export function label(record: DisclosedRecord): string | null {
  const named = record.title ?? record.fields.title ?? record.fields.name ?? record.fields.product ?? record.fields.subject;
  return typeof named === "string" && named.trim() ? named.trim() : null;
}
