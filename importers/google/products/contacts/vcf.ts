import ICAL from "ical.js";
import { firstLine, snakeCase } from "../../../text.js";
import type { Importer, ReadItem } from "../../../types.js";
import { readComponents } from "../components.js";
import type { Fields } from "../shared.js";
import { cleanLabel, contactRecord, contactSensitivity, type Contact, type Labelled } from "./contact.js";

type JCalProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

/** Properties that say nothing about the person. */
const SKIPPED = new Set(["version", "prodid", "x-ablabel"]);

/** Structured values, part by part, as RFC 6350 orders them. */
const NAME_PARTS = ["family_name", "given_name", "middle_name", "name_prefix", "name_suffix"];
const ADDRESS_PARTS = ["po_box", "extended", "street", "city", "region", "postal_code", "country"];

/**
 * `Contacts/<list>/<list>.vcf` (vCard 3.0, one card per contact), read card by card. Photos,
 * base64 of up to hundreds of KB each, are dropped before parsing: `has_photo` tells there was one.
 */
export const vcardImporter: Importer = {
  id: "google.contacts.vcard",
  platform: "google_contacts",
  title: "Google Contacts (vCard)",
  detect(sample) {
    if (!/^BEGIN:VCARD\s*$/i.test(firstLine(sample.head) ?? "")) return 0;
    return /\.vcf$/i.test(sample.name) ? 1 : 0.95;
  },
  async *read(file) {
    const skipThrough = typeof file.resume === "number" ? file.resume : 0;
    for await (const part of readComponents(file, /^(item\d+\.)?PHOTO[;:]/i)) {
      if (part.type === "error") yield part;
      else if (part.type === "component" && part.name === "VCARD" && part.index > skipThrough) yield card(part.text, part.index, part.dropped.length > 0);
    }
  },
  fieldSensitivity: contactSensitivity,
};

function card(text: string, index: number, hasPhoto: boolean): ReadItem {
  let properties: JCalProperty[];
  try {
    properties = (ICAL.parse(text) as [string, JCalProperty[], unknown[]])[1];
  } catch (error) {
    return { type: "error", at: `card ${index}`, message: `unreadable card: ${(error as Error).message}` };
  }
  const contact: Contact = { fields: {}, emails: [], phones: [], addresses: [], websites: [], groups: [], hasPhoto };
  // Apple-style cards label a value by a grouped `itemN.X-ABLabel` beside it.
  const groupLabels = new Map(properties.filter(([name]) => name === "x-ablabel").map(([, params, , value]) => [params.group, String(value)]));

  for (const [name, params, , ...values] of properties) {
    if (SKIPPED.has(name)) continue;
    const value = values[0];
    const label = cleanLabel(groupLabels.get(params.group as string) ?? typeLabel(params.type));
    const labelledText = (): Labelled | undefined => (typeof value === "string" && value.trim() ? { value: value.trim(), label } : undefined);
    const add = (list: Labelled[]) => {
      const item = labelledText();
      if (item) list.push(item);
    };
    switch (name) {
      case "fn":
        contact.fields.name = String(value).trim() || undefined;
        break;
      case "n":
        Object.assign(contact.fields, parts(value, NAME_PARTS));
        break;
      case "email":
        add(contact.emails);
        break;
      case "tel":
        add(contact.phones);
        break;
      case "url": {
        // vCard 3.0 writers escape the colon of `https\://`, which is no escape in a URI.
        const website = labelledText();
        if (website) contact.websites.push({ ...website, value: website.value.replace(/\\:/g, ":") });
        break;
      }
      case "adr":
        contact.addresses.push({ ...parts(value, ADDRESS_PARTS), label });
        break;
      case "org":
        Object.assign(contact.fields, parts(value, ["organization", "department"]));
        break;
      case "title":
        contact.fields.job_title = String(value);
        break;
      case "note":
        contact.fields.notes = String(value);
        break;
      case "bday":
        contact.fields.birthday = String(value);
        break;
      case "categories":
        contact.groups.push(...values.map(String));
        break;
      case "uid":
        contact.uid = String(value);
        break;
      default:
        contact.fields[snakeCase(name)] = values.length === 1 ? String(value) : values.map(String);
    }
  }
  return contactRecord(contact, index);
}

/** `TYPE=INTERNET,HOME` → `home`: the kinds a person chose, not the protocol. */
function typeLabel(type: string | string[] | undefined): string | undefined {
  const types = (Array.isArray(type) ? type : type ? [type] : []).filter((kind) => !/^(internet|pref|voice|x400)$/i.test(kind));
  return types.length > 0 ? types.join(",").toLowerCase() : undefined;
}

/** The parts of a structured value (`N:Müller;Anna;;Dr.;`) by name, empty ones left out. */
function parts(value: unknown, names: string[]): Fields {
  const values = Array.isArray(value) ? value : [value];
  const fields: Fields = {};
  names.forEach((name, index) => {
    const part = values[index];
    const text = (Array.isArray(part) ? part.join(", ") : String(part ?? "")).trim();
    if (text) fields[name] = text;
  });
  return fields;
}
