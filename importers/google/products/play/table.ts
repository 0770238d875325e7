import type { SensitivitySpec } from "../../../../src/sensitivity/levels.js";
import { isObject, jsonStart, streamJsonItems } from "../../../json.js";
import type { FieldValue, Importer, ReadItem } from "../../../types.js";
import { compact, takeoutTime, type Fields } from "../shared.js";
import { snakeCase } from "../../../text.js";
import { digest } from "../../../keys.js";
import { parseMoney } from "../../../amazon/values.js";

/**
 * One JSON file of `Google Play Store/`: a top-level array of objects that each wrap one item
 * under a single key (`[{"install":{…}}, {"install":{…}}]`). Described rather than coded: every
 * member becomes a snake_case field, so members Google adds later are kept without a change here.
 */
export interface PlayFile {
  id: string;
  title: string;
  /** The key each item is wrapped in: `install`, `libraryDoc`, `purchaseHistory`. */
  wrapper: string;
  /** The export's name for the file; it only breaks ties. */
  fileName: RegExp;
  kind: string;
  /** The field holding the item's time; the first present of several. */
  time: string | string[];
  /** The record's title, when it is not the item's `title` field. */
  recordTitle?(fields: Fields): string | undefined;
  /** The parts that tell an item from every other one, in this and later exports. */
  key(fields: Fields): (string | undefined)[];
  /** Typed and derived fields. */
  refine?(fields: Fields): Fields;
  fieldSensitivity?: Record<string, SensitivitySpec>;
}

/** Shorter names for members the files share. */
const ALIASES: Record<string, string> = { device_attribute: "device", line_item: "line_items" };

export function playTable(spec: PlayFile): Importer {
  const opening = `[{"${spec.wrapper}":{`;
  return {
    id: spec.id,
    platform: "google_play",
    title: spec.title,
    detect(sample) {
      const start = jsonStart(sample.head);
      if (start.startsWith(opening)) return spec.fileName.test(sample.name) ? 1 : 0.95;
      // An empty list says nothing of its items; only the usual name can tell.
      return start === "[]" && spec.fileName.test(sample.name) ? 0.5 : 0;
    },
    async *read(file) {
      for await (const found of streamJsonItems(file, [""])) yield found.type === "error" ? found : item(spec, found.value, found.index);
    },
    fieldSensitivity: spec.fieldSensitivity,
  };
}

function item(spec: PlayFile, value: FieldValue, index: number): ReadItem {
  const at = `item ${index}`;
  const wrapped = isObject(value) ? value[spec.wrapper] : undefined;
  if (!isObject(wrapped)) return { type: "error", at, message: `expected an object under "${spec.wrapper}"` };
  let fields = playFields(wrapped);
  if (spec.refine) fields = spec.refine(fields);
  const timeField = [spec.time].flat().find((name) => typeof fields[name] === "string");
  const timeText = timeField === undefined ? undefined : (fields[timeField] as string);
  const time = takeoutTime(timeText);
  if (timeText && !time) return { type: "error", at, message: `unreadable ${timeField} "${timeText}"` };
  const title = (spec.recordTitle ? spec.recordTitle(fields) : typeof fields.title === "string" ? fields.title : undefined) ?? null;
  return {
    type: "record",
    kind: spec.kind,
    naturalKey: [spec.kind, ...spec.key(fields).map((part) => part ?? "")].join("|"),
    time,
    title,
    fields,
    resume: index,
  };
}

/** The members of an item as fields; the `doc` it is about gives its `title` and `document_type`. */
function playFields(wrapped: { [key: string]: FieldValue }): Fields {
  const fields: Fields = {};
  for (const [member, value] of Object.entries(wrapped)) {
    if (member === "doc" && isObject(value)) {
      for (const [docMember, docValue] of Object.entries(value)) fields[snakeCase(docMember)] = docValue;
      continue;
    }
    const name = snakeCase(member);
    fields[ALIASES[name] ?? name] = value;
  }
  return compact(fields);
}

/** A device as a key part: its description, as a digest since it is highly sensitive. */
export function deviceKey(device: FieldValue | undefined): string | undefined {
  return device === undefined ? undefined : `#${digest(JSON.stringify(device))}`;
}

/**
 * A price as written (`5,49 €`, `$0.99`, `CHF 3.00`) parsed into `amount` and `currency` fields,
 * beside the fields there are; the fields unchanged when it is not a price.
 */
export function withPrice(fields: Fields, price: FieldValue | undefined): Fields {
  const money = typeof price === "string" ? parseMoney(price) : null;
  return money ? { ...fields, amount: money.amount, ...(money.currency && { currency: money.currency }) } : fields;
}
