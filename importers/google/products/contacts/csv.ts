import { csvHeader, readCsvRows } from "../../../csv.js";
import type { Importer } from "../../../types.js";
import { cleanLabel, contactRecord, contactSensitivity, type Contact, type Labelled } from "./contact.js";
import { snakeCase } from "../../../text.js";

/** Single columns by the field they become, in both the older and the 2023+ layout. */
const COLUMNS: Record<string, string> = {
  "name": "name",
  "given name": "given_name",
  "first name": "given_name",
  "additional name": "middle_name",
  "middle name": "middle_name",
  "family name": "family_name",
  "last name": "family_name",
  "organization name": "organization",
  "organization title": "job_title",
  "organization department": "department",
  "notes": "notes",
};

/** Numbered columns (`E-mail 2 - Value`) that are lists of labelled values. */
const LISTS: Record<string, "emails" | "phones" | "websites"> = { "e-mail": "emails", "phone": "phones", "website": "websites" };

/** The older layout's first organization, as the 2023+ layout names its parts. */
const ORGANIZATION: Record<string, string> = { name: "organization", title: "job_title", department: "department" };

/** Where a cell holds several values, Google separates them so. */
const SEPARATOR = " ::: ";

/**
 * Google Contacts CSV: the older `Contacts/My Contacts.csv` (`Name,Given Name,…,Group Membership,
 * E-mail 1 - Type,E-mail 1 - Value,…`) and the 2023+ export (`First Name,Middle Name,Last Name,…,
 * Labels,E-mail 1 - Label,E-mail 1 - Value,…`). Numbered columns become lists; a `*` marks the
 * primary value and `:::` separates several in one cell.
 */
export const contactsCsvImporter: Importer = {
  id: "google.contacts.csv",
  platform: "google_contacts",
  title: "Google Contacts (CSV)",
  detect(sample) {
    const columns = new Set(csvHeader(sample)?.map((column) => column.toLowerCase()));
    const named = (columns.has("given name") && columns.has("family name")) || (columns.has("first name") && columns.has("last name"));
    // The numbered `- Value` columns are Google's own; Outlook's CSV has `E-mail Address`.
    if (!named || !(columns.has("e-mail 1 - value") || columns.has("phone 1 - value"))) return 0;
    return /^(My Contacts|contacts|Google)\.csv$/i.test(sample.name) ? 1 : 0.95;
  },
  async *read(file) {
    for await (const row of readCsvRows(file)) yield "type" in row ? row : contactRecord(rowContact(row.values), row.row);
  },
  fieldSensitivity: contactSensitivity,
};

function rowContact(values: Record<string, string>): Contact {
  const contact: Contact = { fields: {}, emails: [], phones: [], addresses: [], websites: [], groups: [], hasPhoto: false };
  const numbered = new Map<string, Record<string, string>>();
  for (const [column, raw] of Object.entries(values)) {
    const value = raw.trim();
    if (value === "") continue;
    const key = column.toLowerCase();
    const parts = /^(.+?) (\d+) - (.+)$/.exec(column);
    if (parts) {
      const entry = `${parts[1]!.toLowerCase()} ${parts[2]}`;
      numbered.set(entry, { ...numbered.get(entry), [snakeCase(parts[3]!)]: value });
    } else if (key === "group membership" || key === "labels") {
      contact.groups.push(...value.split(SEPARATOR).map(primaryless));
    } else if (key === "photo") {
      contact.hasPhoto = true; // a link to the photo, which is not kept
    } else {
      contact.fields[COLUMNS[key] ?? snakeCase(column)] = value;
    }
  }
  for (const [entry, parts] of numbered) {
    const kind = entry.replace(/ \d+$/, "");
    const label = cleanLabel(primaryless(parts.label ?? parts.type ?? ""));
    const list = LISTS[kind];
    if (list && parts.value) {
      contact[list].push(...parts.value.split(SEPARATOR).map((value): Labelled => ({ value: value.trim(), label })));
    } else if (kind === "address") {
      const { label: _label, type: _type, ...address } = parts;
      contact.addresses.push({ ...address, label });
    } else if (entry === "organization 1") {
      for (const [part, value] of Object.entries(parts)) contact.fields[ORGANIZATION[part] ?? `organization_${part}`] = value;
    } else {
      // Further organizations, relations, events, custom fields: kept as `relation_1_value` and the like.
      for (const [part, value] of Object.entries(parts)) contact.fields[snakeCase(`${entry} ${part}`)] = value;
    }
  }
  return contact;
}

/** `* myContacts` → `myContacts`: the star marks the primary value. */
function primaryless(value: string): string {
  return value.replace(/^\*\s*/, "").trim();
}
