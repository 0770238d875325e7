import type { Importer } from "../types.js";
import { audibleLibrary } from "./audible-library.js";
import { cartItems } from "./cart-items.js";
import { digitalItems } from "./digital-items.js";
import { digitalOrders } from "./digital-orders.js";
import { orderHistoryReport } from "./order-history-report.js";
import { paymentInstruments } from "./payment-instruments.js";
import { primeVideoViewingHistory } from "./prime-video-viewing-history.js";
import { primeVideoWatchlist } from "./prime-video-watchlist.js";
import { retailOrderHistory } from "./retail-order-history.js";
import { retailOrderHistoryJson } from "./retail-order-history-json.js";
import { customerReturns, ordersReturned, ordersReturnedPayments } from "./returns.js";
import { wishlist } from "./wishlist.js";

/**
 * Amazon's "Request my data" export, one importer per file format. Order formats share their value
 * parsing (`values.ts`) and, for the order items of every format, keys and sensitivity
 * (`order-items.ts`); the many small CSV files are described as tables (`table.ts`).
 */
export const amazonImporters: Importer[] = [
  retailOrderHistory,
  retailOrderHistoryJson,
  orderHistoryReport,
  digitalItems,
  digitalOrders,
  cartItems,
  wishlist,
  primeVideoViewingHistory,
  primeVideoWatchlist,
  audibleLibrary,
  ordersReturned,
  ordersReturnedPayments,
  customerReturns,
  paymentInstruments,
];
