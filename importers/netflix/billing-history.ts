import type { SensitivityCategory } from "../../src/sensitivity/levels.js";
import { netflixTable, textField } from "./table.js";

const FINANCIAL: SensitivityCategory[] = ["financial"];

/** `PAYMENT_AND_BILLING/BillingHistory.csv`: every charge, refund and authorisation, with its card. */
export const billingHistoryImporter = netflixTable({
  id: "netflix.billing-history",
  title: "Netflix billing history",
  fileName: /^BillingHistory\.csv$/i,
  required: ["Transaction Date", "Currency", "Gross Sale Amt"],
  known: [
    "Service Period Start Date",
    "Service Period End Date",
    "Description",
    "Payment Type",
    "Mop Last 4",
    "Mop Creation Date",
    "Mop Pmt Processor Desc",
    "Item Price Amt",
    "Tax Amt",
    "Pmt Txn Type",
    "Pmt Status",
    "Final Invoice Result",
    "Country",
    "Next Billing Date",
  ],
  kind: "payment",
  // A charge that failed and was retried the same day differs in type, status or result.
  key: ["transaction_date", "service_period_start_date", "description", "pmt_txn_type", "pmt_status", "final_invoice_result", "gross_sale_amt"],
  time: ["transaction_date"],
  recordTitle: (fields) => textField(fields, "description") ?? "Netflix payment",
  fieldSensitivity: {
    payment_type: { level: 3, categories: FINANCIAL, reason: "payment method" },
    mop_last_4: { level: 3, categories: FINANCIAL, reason: "last digits of the payment card" },
    mop_creation_date: { level: 3, categories: FINANCIAL, reason: "when the payment method was added" },
    mop_pmt_processor_desc: { level: 3, categories: FINANCIAL, reason: "payment processor" },
    item_price_amt: { level: 2, categories: FINANCIAL, reason: "amount paid" },
    tax_amt: { level: 2, categories: FINANCIAL, reason: "amount paid" },
    gross_sale_amt: { level: 2, categories: FINANCIAL, reason: "amount paid" },
  },
});
