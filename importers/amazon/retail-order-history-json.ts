import { headerConfidence } from "../csv.js";
import type { FileInput, Importer } from "../types.js";
import { jsonArrayKeys } from "../json.js";
import { readJson } from "./json.js";
import { orderItemRecords, orderItemSensitivity } from "./order-items.js";
import type { SourceItem } from "./records.js";
import {
  RETAIL_ORDER_HISTORY_COLUMNS,
  RETAIL_ORDER_HISTORY_NAME,
  RETAIL_ORDER_HISTORY_REQUIRED,
  retailOrderItem,
} from "./retail-order-history.js";
import { withNameHint } from "../confidence.js";

/**
 * Retail.OrderHistory as some exports deliver it: a JSON array of objects keyed by the CSV's column
 * names, with numbers for amounts. Each object becomes the CSV row it stands for.
 */
async function* jsonSource(file: FileInput): AsyncGenerator<SourceItem> {
  const rows = await readJson(file);
  if (!Array.isArray(rows)) throw new Error("expected a JSON array of order items");
  for (const [index, row] of rows.entries()) {
    const position = index + 1;
    const at = `item ${position}`;
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      yield { position, error: { type: "error", at, message: "expected an object with the order item's columns" } };
      continue;
    }
    const values: Record<string, string> = {};
    for (const [column, cell] of Object.entries(row)) {
      values[column] = cell === null ? "" : typeof cell === "object" ? JSON.stringify(cell) : String(cell);
    }
    yield { position, at, values };
  }
}

export const retailOrderHistoryJson: Importer = {
  id: "amazon.retail-order-history-json",
  platform: "amazon",
  title: "Amazon order history (JSON)",
  detect(sample) {
    const confidence = headerConfidence(jsonArrayKeys(sample.head), RETAIL_ORDER_HISTORY_REQUIRED, RETAIL_ORDER_HISTORY_COLUMNS);
    return withNameHint(confidence, sample.name, RETAIL_ORDER_HISTORY_NAME);
  },
  read: (file) => orderItemRecords(jsonSource(file), file.resume, retailOrderItem),
  fieldSensitivity: orderItemSensitivity,
};
