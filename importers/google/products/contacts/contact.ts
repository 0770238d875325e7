import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { SensitivitySpec } from "../../../../src/sensitivity/levels.js";
import type { FieldValue, RecordDraft } from "../../../types.js";
import { compact, type Fields } from "../shared.js";
import { digest } from "../../../keys.js";

/** A value with the label the address book gave it (`home`, `work`, `Mobile`, a custom one). */
export interface Labelled {
  value: string;
  label?: string;
}

/**
 * A contact as both address-book exports (vCard and Google CSV) describe it. Names and groups are
 * plain fields; e-mail addresses, phone numbers and websites carry their labels; addresses keep
 * their parts.
 */
export interface Contact {
  fields: Fields;
  emails: Labelled[];
  phones: Labelled[];
  addresses: Fields[];
  websites: Labelled[];
  groups: string[];
  hasPhoto: boolean;
  /** A stable id from the export (a vCard UID), when there is one. */
  uid?: string;
}

export const contactSensitivity: Record<string, SensitivitySpec> = {
  emails: { level: 3, categories: ["contact", "identifier"], reason: "a contact's e-mail addresses" },
  phones: { level: 3, categories: ["contact", "identifier"], reason: "a contact's phone numbers" },
  addresses: { level: 3, categories: ["contact", "location"], reason: "a contact's postal addresses" },
  birthday: { level: 3, categories: ["identifier"], reason: "a contact's date of birth" },
  notes: { level: 2, categories: ["communications"], reason: "notes kept about a person" },
};

/** Custom labels arrive as `_$!<HomePage>!$_` from Apple-made cards; the name inside is the label. */
export function cleanLabel(label: string | undefined): string | undefined {
  const clean = label?.replace(/^_\$!<(.*)>!\$_$/, "$1").trim();
  return clean || undefined;
}

/** A phone number with its E.164 form (`+491701234567`) when it names its country. */
function phoneField({ value, label }: Labelled): FieldValue {
  const parsed = parsePhoneNumberFromString(value.replace(/^00(?=[1-9])/, "+"));
  return compact({ number: value, e164: parsed?.isValid() ? parsed.number : undefined, label }) as FieldValue;
}

function labelled(key: string) {
  return ({ value, label }: Labelled): FieldValue => compact({ [key]: value, label }) as FieldValue;
}

export function contactRecord(contact: Contact, resume: number): RecordDraft {
  const { fields } = contact;
  const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : undefined);
  const fullName = text("name") ?? ([text("given_name"), text("middle_name"), text("family_name")].filter(Boolean).join(" ") || undefined);
  const phones = contact.phones.map(phoneField);
  const firstPhone = phones[0] as { number?: string; e164?: string } | undefined;
  const firstEmail = contact.emails[0]?.value.toLowerCase();
  // Name and first address identify a person across exports and formats, as a digest since the
  // address is highly sensitive; a card naming neither is known by all it says.
  const identity = contact.uid
    ? `uid:${contact.uid}`
    : fullName || firstEmail || firstPhone
      ? `#${digest(JSON.stringify([fullName ?? "", firstEmail ?? firstPhone?.e164 ?? firstPhone?.number ?? ""]))}`
      : `#${digest(JSON.stringify(fields))}`;
  return {
    type: "record",
    kind: "contact",
    naturalKey: `contact|${identity}`,
    time: null,
    title: fullName ?? text("organization") ?? null,
    text: [fullName, text("nickname"), text("organization")].filter(Boolean).join(" ") || null,
    fields: compact({
      name: fullName,
      ...fields,
      emails: contact.emails.map(labelled("address")),
      phones,
      addresses: contact.addresses.map((address) => compact(address) as FieldValue),
      websites: contact.websites.map(labelled("url")),
      groups: contact.groups,
      has_photo: contact.hasPhoto || undefined,
    }),
    resume,
  };
}
