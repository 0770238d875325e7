import { csvHeader, headerConfidence, requireColumns } from "../csv.js";
import type { Importer } from "../types.js";
import { orderItemBasics, orderItemRecords, orderItemSensitivity, type OrderItem } from "./order-items.js";
import { csvSource } from "./records.js";
import { dateField, moneyField, value } from "./values.js";
import { withNameHint } from "../confidence.js";

/** The columns of `Retail.OrderHistory.N.csv`; Item Serial Number was added in 2025. */
export const RETAIL_ORDER_HISTORY_COLUMNS = [
  "Website",
  "Order ID",
  "Order Date",
  "Purchase Order Number",
  "Currency",
  "Unit Price",
  "Unit Price Tax",
  "Shipping Charge",
  "Total Discounts",
  "Total Owed",
  "Shipment Item Subtotal",
  "Shipment Item Subtotal Tax",
  "ASIN",
  "Product Condition",
  "Quantity",
  "Payment Instrument Type",
  "Order Status",
  "Shipment Status",
  "Ship Date",
  "Shipping Option",
  "Shipping Address",
  "Billing Address",
  "Carrier Name & Tracking Number",
  "Product Name",
  "Gift Message",
  "Gift Sender Name",
  "Gift Recipient Contact Details",
  "Item Serial Number",
];

export const RETAIL_ORDER_HISTORY_REQUIRED = ["Order ID", "Order Date", "ASIN", "Product Name", "Total Owed"];

export const RETAIL_ORDER_HISTORY_NAME = /^Retail\.OrderHistory/i;

const MONEY_COLUMNS = ["Unit Price", "Unit Price Tax", "Shipping Charge", "Total Discounts", "Total Owed"];

/**
 * Reads one row of Retail.OrderHistory, in CSV or JSON: one item of an order. Its money columns
 * describe different things, and the field names say which so that no sum counts anything twice:
 * - Unit Price, Unit Price Tax (`unit_price*`): one unit of this item.
 * - Shipping Charge, Total Discounts (`shipping_charge`, `discounts`, negative): this item's share,
 *   already inside its Total Owed.
 * - Total Owed (`item_total`): what this item cost, (unit price + tax) × quantity + shipping +
 *   discounts. Summing `item_total` over an order's items that are not `cancelled` gives what the
 *   order cost.
 * - Shipment Item Subtotal and its Tax (`shipment_subtotal*`): the whole shipment's, repeated on
 *   every item in it, so never to be summed over items.
 */
export function retailOrderItem(values: Record<string, string>): OrderItem | string {
  const item = orderItemBasics(values, { asin: "ASIN", name: "Product Name" }, MONEY_COLUMNS);
  if (typeof item === "string") return item;
  const shipDates = value(values, "Ship Date")?.split(" and ").map((date) => dateField(date.trim()));
  Object.assign(item.fields, {
    condition: value(values, "Product Condition"),
    unit_price: moneyField(value(values, "Unit Price")),
    unit_price_tax: moneyField(value(values, "Unit Price Tax")),
    shipping_charge: moneyField(value(values, "Shipping Charge")),
    discounts: moneyField(value(values, "Total Discounts")),
    item_total: moneyField(value(values, "Total Owed")),
    shipment_subtotal: moneyField(value(values, "Shipment Item Subtotal")),
    shipment_subtotal_tax: moneyField(value(values, "Shipment Item Subtotal Tax")),
    shipment_status: value(values, "Shipment Status"),
    // Items shipped in parts list every ship date: `<date> and <date>`.
    ship_date: shipDates?.[0],
    ship_dates: shipDates && shipDates.length > 1 ? shipDates : undefined,
    shipping_option: value(values, "Shipping Option"),
    shipping_address: value(values, "Shipping Address"),
    billing_address: value(values, "Billing Address"),
    carrier_tracking: value(values, "Carrier Name & Tracking Number"),
    gift_message: value(values, "Gift Message"),
    gift_sender_name: value(values, "Gift Sender Name"),
    gift_recipient_contact: value(values, "Gift Recipient Contact Details"),
    item_serial_number: value(values, "Item Serial Number"),
  });
  return item;
}

export const retailOrderHistory: Importer = {
  id: "amazon.retail-order-history",
  platform: "amazon",
  title: "Amazon order history",
  detect(sample) {
    const confidence = headerConfidence(csvHeader(sample), RETAIL_ORDER_HISTORY_REQUIRED, RETAIL_ORDER_HISTORY_COLUMNS);
    return withNameHint(confidence, sample.name, RETAIL_ORDER_HISTORY_NAME);
  },
  async *read(file) {
    requireColumns(file, RETAIL_ORDER_HISTORY_REQUIRED, retailOrderHistory.title);
    yield* orderItemRecords(csvSource(file), file.resume, retailOrderItem);
  },
  fieldSensitivity: orderItemSensitivity,
};
