import type { Importer } from "../types.js";
import { orderHistoryReport } from "./order-history-report.js";
import { retailOrderHistory } from "./retail-order-history.js";
import { retailOrderHistoryJson } from "./retail-order-history-json.js";

/**
 * Amazon's "Request my data" export, one importer per file format. Formats share their value
 * parsing (`values.ts`) and, for the order items of every format, keys and sensitivity
 * (`order-items.ts`).
 */
export const amazonImporters: Importer[] = [retailOrderHistory, retailOrderHistoryJson, orderHistoryReport];
