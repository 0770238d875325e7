import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import { amazonTable, textField, type Fields } from "./table.js";

const money: SensitivitySpec = { level: 2, categories: ["financial"], reason: "amount refunded" };

/** `Return of order 123-…`, the title every return record gets. */
function returnTitle(fields: Fields): string | undefined {
  const orderId = textField(fields, "order_id");
  return orderId && `Return of order ${orderId}`;
}

/**
 * Amazon's returns, in three files, each row a `return` record of its own (they cannot be joined
 * while streamed; `order_id` and `reversal_id` link them). Their columns come from public parsers
 * of the export, not from a sample: every column is kept, whatever else the files hold.
 *
 * `Retail.OrdersReturned.N.csv`: one row per reversal (return) of an order, with its state and
 * reason (`OrderID,ReversalID,CreationDate,ReversalStatus,ReversalReason,ReversalAmountState,
 * Currency,Quantity,DirectDebitRefundAmount,…`).
 */
export const ordersReturned = amazonTable({
  id: "amazon.orders-returned",
  platform: "amazon",
  title: "Amazon returned orders",
  fileName: /^Retail\.OrdersReturned\.\d/i,
  required: ["OrderID", "ReversalID", "CreationDate"],
  known: ["ReversalStatus", "ReversalReason", "ReversalAmountState", "Currency", "Quantity", "DirectDebitRefundAmount"],
  rowRequires: ["OrderID"],
  kind: "return",
  keyScope: "reversal",
  key: ["order_id", "reversal_id"],
  time: ["creation_date"],
  dates: ["creation_date"],
  counts: ["quantity"],
  money: ["direct_debit_refund_amount"],
  recordTitle: returnTitle,
  fieldSensitivity: { direct_debit_refund_amount: money },
});

/**
 * `Retail.OrdersReturned.Payments.N.csv`: the refunds paid for returns
 * (`OrderID,ReversalID,RefundCompletionDate,Currency,AmountRefunded,DisbursementType,…`).
 */
export const ordersReturnedPayments = amazonTable({
  id: "amazon.orders-returned-payments",
  platform: "amazon",
  title: "Amazon refunds for returns",
  fileName: /^Retail\.OrdersReturned\.Payments/i,
  required: ["OrderID", "AmountRefunded"],
  known: ["ReversalID", "RefundCompletionDate", "Currency", "DisbursementType", "Status"],
  rowRequires: ["OrderID"],
  kind: "return",
  keyScope: "refund",
  key: ["order_id", "reversal_id", "refund_completion_date"],
  time: ["refund_completion_date"],
  dates: ["refund_completion_date"],
  money: ["amount_refunded"],
  recordTitle: returnTitle,
  fieldSensitivity: { amount_refunded: money },
});

/**
 * `Retail.CustomerReturns.N.csv`: returns as the customer started them, with why and how they were
 * resolved (`OrderID,DateOfReturn,ReturnReason,Resolution,…`; `DateOfReturn` as
 * `2021-01-02 10:00:00` or `Sat, 02 Jan 2021 10:00:00 GMT`).
 */
export const customerReturns = amazonTable({
  id: "amazon.customer-returns",
  platform: "amazon",
  title: "Amazon customer returns",
  fileName: /^Retail\.CustomerReturns/i,
  required: ["DateOfReturn", "ReturnReason"],
  known: ["OrderID", "Resolution", "ASIN", "Quantity", "ReturnQuantity"],
  kind: "return",
  keyScope: "customer_return",
  key: ["order_id", "asin", "date_of_return"],
  time: ["date_of_return"],
  dates: ["date_of_return"],
  counts: ["quantity", "return_quantity"],
  recordTitle: returnTitle,
  fieldSensitivity: {},
});
