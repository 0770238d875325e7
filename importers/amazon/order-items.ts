import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import type { FieldValue, ReadItem } from "../types.js";
import { keyedRecords, type SourceItem } from "./records.js";
import { countField, currencyOf, dateField, productUrl, timeOf, value } from "./values.js";

/** One purchased item as a format's row describes it, before it gets its natural key. */
export interface OrderItem {
  orderId: string;
  /** What tells the items of one order apart: the ASIN, else the product name. */
  product: string;
  time: Date | null;
  title: string | null;
  url: string | null;
  fields: Record<string, FieldValue | undefined>;
}

/**
 * The `cancelled` field: true when the order was cancelled or nothing of the item is left of it
 * (Quantity 0). Such items stay on record with Amazon's amounts, marked so that sums of spending
 * can leave them out.
 */
export function cancelled(quantity: number | string | undefined, orderStatus: string | undefined): true | undefined {
  return quantity === 0 || orderStatus === "Cancelled" || undefined;
}

/** The columns naming an item's product, which each order format spells its own way. */
export interface ProductColumns {
  asin: string;
  name: string;
}

/**
 * What every order format's row says alike: the order, the product, when, how many, how paid.
 * Each format adds the fields only it has. `moneyColumns` tell the currency when no column does.
 */
export function orderItemBasics(values: Record<string, string>, product: ProductColumns, moneyColumns: string[]): OrderItem | string {
  const orderId = value(values, "Order ID");
  if (!orderId) return "the row has no Order ID";
  const asin = value(values, product.asin);
  const productName = value(values, product.name);
  if (!asin && !productName) return `the row has neither an ASIN nor a ${product.name.toLowerCase()}`;
  const website = value(values, "Website");
  const orderDate = value(values, "Order Date");
  const quantity = countField(value(values, "Quantity"));
  const orderStatus = value(values, "Order Status");
  return {
    orderId,
    product: (asin ?? productName)!,
    time: timeOf(orderDate),
    title: productName ?? null,
    url: productUrl(website, asin),
    fields: {
      website,
      order_id: orderId,
      order_date: dateField(orderDate),
      purchase_order_number: value(values, "Purchase Order Number"),
      product_name: productName,
      asin,
      quantity,
      cancelled: cancelled(quantity, orderStatus),
      currency: value(values, "Currency") ?? currencyOf(...moneyColumns.map((column) => value(values, column))),
      payment_instrument: value(values, "Payment Instrument Type"),
      order_status: orderStatus,
    },
  };
}

/** Reads one row into an order item, or says why the row is not one. */
export type ToOrderItem = (values: Record<string, string>) => OrderItem | string;

/**
 * Turns rows into `order_item` records keyed `order_item:<order id>:<ASIN>`, plus `:<n>` for the
 * n-th row of an ASIN that repeats within one order. Every order format keys the same purchase the
 * same way, so importing it from two of them stores it once.
 */
export function orderItemRecords(source: AsyncIterable<SourceItem>, resume: unknown, toItem: ToOrderItem): AsyncGenerator<ReadItem> {
  return keyedRecords(source, resume, (values) => {
    const item = toItem(values);
    if (typeof item === "string") return item;
    const { orderId, product, ...record } = item;
    return { kind: "order_item", key: `order_item:${orderId}:${product}`, ...record };
  });
}

const money: SensitivitySpec = { level: 2, categories: ["financial"], reason: "what was paid" };

/** Sensitivity of every order-item field, whichever format it came from. */
export const orderItemSensitivity: Record<string, SensitivitySpec> = {
  shipping_address: { level: 3, categories: ["identifier", "location"], reason: "shipping address" },
  billing_address: { level: 3, categories: ["identifier", "location"], reason: "billing address" },
  payment_instrument: { level: 3, categories: ["financial"], reason: "payment card" },
  gift_recipient_contact: { level: 3, categories: ["contact"], reason: "gift recipient's contact details" },
  gift_sender_name: { level: 3, categories: ["contact"], reason: "gift sender's name" },
  gift_message: { level: 2, categories: ["communications"], reason: "personal gift message" },
  carrier_tracking: { level: 3, categories: ["identifier"], reason: "parcel tracking number" },
  ordering_customer_email: { level: 3, categories: ["contact"], reason: "email address" },
  buyer_name: { level: 2, categories: ["identifier"], reason: "buyer's name" },
  item_serial_number: { level: 2, categories: ["identifier", "device"], reason: "device serial number" },
  unit_price: money,
  unit_price_tax: money,
  list_price: money,
  shipping_charge: money,
  discounts: money,
  item_subtotal: money,
  item_subtotal_tax: money,
  item_total: money,
  shipment_subtotal: money,
  shipment_subtotal_tax: money,
};
