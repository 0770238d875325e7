import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import { jsonArrayKeys, streamJsonItems } from "../json.js";
import type { FieldValue, FileInput, Importer } from "../types.js";
import { keyedRecords, type KeyedRecord, type SourceItem } from "./records.js";
import type { Fields } from "./table.js";
import { dateField, productUrl } from "./values.js";
import { snakeCase } from "../text.js";
import { withNameHint } from "../confidence.js";
import { digest } from "../keys.js";

/** An entry's name: the list's, then what the entry is (`List`, `Item 1`, `User`). */
const ENTRY_NAME = /^(.*) \[(List|Item \d+|User)\]$/;

/** Entries of a wish list file: `{"<list> [Item 1]": [{"asin": …}, {"quantity": …}, …]}`. */
interface Entry {
  list: string;
  section: string;
  properties: Fields;
}

/**
 * `Amazon.Lists.Wishlist.*.json`: an array of one-key objects, in order a list's header
 * (`<list> [List]`), its items (`<list> [Item 1]`, every one numbered 1) and its members
 * (`<list> [User]`), each an array of one-key property objects. Elements are streamed one at a time.
 */
async function* wishlistEntries(file: FileInput): AsyncGenerator<SourceItem<Entry>> {
  for await (const item of streamJsonItems({ ...file, resume: null }, [""])) {
    if (item.type === "error") {
      yield { position: item.index, error: { type: "error", at: `entry ${item.index}`, message: item.message } };
      continue;
    }
    const { value, index } = item;
    const at = `entry ${index}`;
    const [name, properties] = typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value)[0] ?? [] : [];
    const match = name === undefined ? null : ENTRY_NAME.exec(name);
    if (!match || !Array.isArray(properties)) {
      yield { position: index, error: { type: "error", at, message: 'expected an object like {"<list> [Item 1]": [{"asin": …}, …]}' } };
      continue;
    }
    yield { position: index, at, values: { list: match[1]!, section: match[2]!, properties: propertyFields(properties) } };
  }
}

/** Amazon's "never" for a date not set: the largest 64-bit integer, beyond what a Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** An entry's properties as snake_case fields: dates in ISO, `"true"` as true, empty ones left out. */
function propertyFields(properties: FieldValue[]): Fields {
  const fields: Fields = {};
  for (const property of properties) {
    if (typeof property !== "object" || property === null || Array.isArray(property)) continue;
    for (const [name, raw] of Object.entries(property)) {
      const field = snakeCase(name);
      if (name === "amount" && typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
        fields.price = raw.value;
        fields.currency = raw.currencyUnit;
      } else if (/date$/i.test(name) && typeof raw === "number") {
        if (raw > 0 && raw < MAX_DATE_MS) fields[field] = new Date(raw).toISOString();
      } else if (/date$/i.test(name) && typeof raw === "string") {
        fields[field] = dateField(raw);
      } else if (raw === "true" || raw === "false") {
        fields[field] = raw === "true";
      } else if (raw !== "" && raw !== null && !(Array.isArray(raw) && raw.length === 0)) {
        fields[field] = raw;
      }
    }
  }
  return fields;
}

/**
 * Makes each item a `list_item` on its list (deleted ones kept, marked `deleted: true`), with the
 * list's own properties as `list_*` fields, and each member (the owner, those it is shared with)
 * a `list_member`. The list's header comes before its items, which is how they learn its properties.
 */
function entryRecords(): (entry: Entry) => KeyedRecord | null {
  let listFields: Fields = {};
  return ({ list, section, properties }) => {
    if (section === "List") {
      const { list_name: _name, ...rest } = properties;
      listFields = Object.fromEntries(Object.entries(rest).map(([name, value]) => [name.startsWith("list_") ? name : `list_${name}`, value]));
      return null;
    }
    if (section === "User") {
      const who = String(properties.email_address ?? properties.user_name ?? "");
      return {
        kind: "list_member",
        key: `list_member:wishlist:${list}:${properties.role_name ?? ""}:#${digest(who)}`,
        time: null,
        title: `${properties.role_name ?? "Member"} of ${list}`,
        url: null,
        fields: { list, ...properties },
      };
    }
    const asin = typeof properties.asin === "string" ? properties.asin : undefined;
    const added = typeof properties.added_date === "string" ? new Date(properties.added_date) : null;
    return {
      kind: "list_item",
      key: `list_item:wishlist:${list}:${asin ?? digest(JSON.stringify(properties))}`,
      time: added && !Number.isNaN(added.getTime()) ? added : null,
      title: asin ?? null,
      // The file names no marketplace; amazon.com's page of the ASIN is the nearest link.
      url: productUrl("Amazon.com", asin),
      fields: { list, ...properties, ...listFields },
    };
  };
}

const listMember: SensitivitySpec = { level: 2, categories: ["identifier"], reason: "list member's name" };
const price: SensitivitySpec = { level: 2, categories: ["financial"], reason: "price of a wished-for item" };

export const wishlist: Importer = {
  id: "amazon.wishlist",
  platform: "amazon",
  title: "Amazon wish lists",
  detect(sample) {
    const first = jsonArrayKeys(sample.head)?.[0];
    return first !== undefined && ENTRY_NAME.test(first) ? withNameHint(0.95, sample.name, /^Amazon\.Lists\.Wishlist/i) : 0;
  },
  read: (file) => keyedRecords(wishlistEntries(file), file.resume, entryRecords()),
  fieldSensitivity: {
    email_address: { level: 3, categories: ["contact"], reason: "list member's e-mail address" },
    user_name: listMember,
    user_personal_name: listMember,
    user_secondary_name: listMember,
    price,
  },
};
