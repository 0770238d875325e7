import { playTable, withPrice } from "./table.js";

/** `Google Play Store/Purchase History.json`: what was bought, for how much, paid with what. */
export const playPurchasesImporter = playTable({
  id: "google.play.purchase-history",
  title: "Google Play purchases",
  wrapper: "purchaseHistory",
  fileName: /^Purchase History\.json$/i,
  kind: "purchase",
  time: "purchase_time",
  key: (fields) => [fields.document_type as string, fields.title as string, fields.purchase_time as string],
  refine: (fields) => withPrice(fields, fields.invoice_price),
  fieldSensitivity: {
    invoice_price: { level: 2, categories: ["financial"], reason: "amount paid" },
    amount: { level: 2, categories: ["financial"], reason: "amount paid" },
    payment_method_title: { level: 3, categories: ["financial"], reason: "the card or account paid with" },
  },
});
