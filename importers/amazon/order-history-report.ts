import { csvHeader, headerConfidence, requireColumns } from "../csv.js";
import { sniffEncoding } from "../text.js";
import type { FileSample, Importer } from "../types.js";
import { orderItemBasics, orderItemRecords, orderItemSensitivity, type OrderItem } from "./order-items.js";
import { csvSource } from "./records.js";
import { dateField, moneyField, value } from "./values.js";

/** The columns of the retired Order History Reports' items report (until March 2023). */
const COLUMNS = [
  "Order Date",
  "Order ID",
  "Title",
  "Category",
  "ASIN/ISBN",
  "UNSPSC Code",
  "Website",
  "Release Date",
  "Condition",
  "Seller",
  "Seller Credentials",
  "List Price Per Unit",
  "Purchase Price Per Unit",
  "Quantity",
  "Payment Instrument Type",
  "Purchase Order Number",
  "PO Line Number",
  "Ordering Customer Email",
  "Shipment Date",
  "Shipping Address Name",
  "Shipping Address Street 1",
  "Shipping Address Street 2",
  "Shipping Address City",
  "Shipping Address State",
  "Shipping Address Zip",
  "Order Status",
  "Carrier Name & Tracking Number",
  "Item Subtotal",
  "Item Subtotal Tax",
  "Item Total",
  "Tax Exemption Applied",
  "Tax Exemption Type",
  "Exemption Opt-Out",
  "Buyer Name",
  "Currency",
  "Group Name",
];

const REQUIRED = ["Order Date", "Order ID", "Title", "ASIN/ISBN", "Item Total"];

const MONEY_COLUMNS = ["List Price Per Unit", "Purchase Price Per Unit", "Item Subtotal", "Item Subtotal Tax", "Item Total"];

/**
 * One row of the items report: one item of an order, with the same fields as Retail.OrderHistory
 * where the two agree. Item Total is this item's subtotal plus tax, so summing `item_total` over an
 * order's items gives what its items cost (shipping was only in the separate orders report).
 */
function reportOrderItem(values: Record<string, string>): OrderItem | string {
  const item = orderItemBasics(values, { asin: "ASIN/ISBN", name: "Title" }, MONEY_COLUMNS);
  if (typeof item === "string") return item;
  const addressLines = ["Name", "Street 1", "Street 2", "City", "State", "Zip"].map((part) => value(values, `Shipping Address ${part}`));
  Object.assign(item.fields, {
    po_line_number: value(values, "PO Line Number"),
    category: value(values, "Category"),
    unspsc_code: value(values, "UNSPSC Code"),
    release_date: dateField(value(values, "Release Date")),
    condition: value(values, "Condition"),
    seller: value(values, "Seller"),
    seller_credentials: value(values, "Seller Credentials"),
    list_price: moneyField(value(values, "List Price Per Unit")),
    unit_price: moneyField(value(values, "Purchase Price Per Unit")),
    item_subtotal: moneyField(value(values, "Item Subtotal")),
    item_subtotal_tax: moneyField(value(values, "Item Subtotal Tax")),
    item_total: moneyField(value(values, "Item Total")),
    tax_exemption_applied: value(values, "Tax Exemption Applied"),
    tax_exemption_type: value(values, "Tax Exemption Type"),
    exemption_opt_out: value(values, "Exemption Opt-Out"),
    ship_date: dateField(value(values, "Shipment Date")),
    // One line, like Retail.OrderHistory's Shipping Address, so both formats fill the same field.
    shipping_address: addressLines.filter(Boolean).join(", ") || undefined,
    carrier_tracking: value(values, "Carrier Name & Tracking Number"),
    ordering_customer_email: value(values, "Ordering Customer Email"),
    buyer_name: value(values, "Buyer Name"),
    group_name: value(values, "Group Name"),
  });
  return item;
}

/** A report for a period without orders holds one line after its header saying so, not a row. */
function isNoDataReport(sample: FileSample): boolean {
  const lines = new TextDecoder(sniffEncoding(sample.head)).decode(sample.head).split(/\r?\n/).slice(1);
  const content = lines.map((line) => line.replace(/[",]/g, "").trim()).filter((line) => line !== "");
  return content.length === 1 && /^No data found for this time period/i.test(content[0]!);
}

export const orderHistoryReport: Importer = {
  id: "amazon.order-history-report",
  platform: "amazon",
  title: "Amazon order history report (retired items report)",
  detect: (sample) => headerConfidence(csvHeader(sample), REQUIRED, COLUMNS),
  async *read(file) {
    if (file.head.length === 0 || isNoDataReport(file)) return;
    requireColumns(file, REQUIRED, orderHistoryReport.title);
    yield* orderItemRecords(csvSource(file), file.resume, reportOrderItem);
  },
  fieldSensitivity: orderItemSensitivity,
};
