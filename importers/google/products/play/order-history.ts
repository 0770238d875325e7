import type { FieldValue } from "../../../types.js";
import { isObject } from "../../../json.js";
import { playTable, withPrice } from "./table.js";

/** The titles of an order's line items (`lineItem[].doc.title`), in order. */
function itemTitles(lineItems: FieldValue | undefined): string[] {
  if (!Array.isArray(lineItems)) return [];
  return lineItems.flatMap((item) => (isObject(item) && isObject(item.doc) && typeof item.doc.title === "string" ? [item.doc.title] : []));
}

/**
 * `Google Play Store/Order History.json`: every order with its line items, total, tax and refund,
 * the card, billing contact and the IP address it was placed from. One record per order (kind
 * `order`), titled by what it bought; `Purchase History.json` lists the same purchases item by item.
 */
export const playOrdersImporter = playTable({
  id: "google.play.order-history",
  title: "Google Play orders",
  wrapper: "orderHistory",
  fileName: /^Order History\.json$/i,
  kind: "order",
  time: "creation_time",
  recordTitle: (fields) => itemTitles(fields.line_items).join("; ") || undefined,
  key: (fields) => (typeof fields.order_id === "string" ? [fields.order_id] : [fields.creation_time as string, ...itemTitles(fields.line_items)]),
  refine: (fields) => withPrice(fields, fields.total_price),
  fieldSensitivity: {
    total_price: { level: 2, categories: ["financial"], reason: "amount paid" },
    amount: { level: 2, categories: ["financial"], reason: "amount paid" },
    tax: { level: 2, categories: ["financial"], reason: "tax paid" },
    refund_amount: { level: 2, categories: ["financial"], reason: "amount refunded" },
    billing_instrument: { level: 3, categories: ["financial"], reason: "the card or account paid with" },
    other_instruments: { level: 3, categories: ["financial"], reason: "other cards or accounts on file" },
    billing_contact: { level: 3, categories: ["contact"], reason: "billing name, address and phone" },
    associated_contact: { level: 3, categories: ["contact"], reason: "e-mail addresses of the account" },
    ip_address: { level: 3, categories: ["identifier"], reason: "IP address the order was placed from" },
  },
});
