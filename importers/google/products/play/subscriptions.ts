import { isObject } from "../../../json.js";
import type { FieldValue } from "../../../types.js";
import { playTable, withPrice } from "./table.js";

/** The price of a subscription's first pricing period (`pricing[0].price`), or its own `price`. */
function priceOf(fields: Record<string, FieldValue | undefined>): FieldValue | undefined {
  const first = Array.isArray(fields.pricing) ? fields.pricing[0] : undefined;
  return isObject(first) ? first.price : fields.price;
}

/**
 * `Google Play Store/Subscriptions.json`: the apps and services subscribed to through Play, with
 * their state, renewal date and price per period. One record per subscription (kind `subscription`).
 */
export const playSubscriptionsImporter = playTable({
  id: "google.play.subscriptions",
  title: "Google Play subscriptions",
  wrapper: "subscription",
  fileName: /^Subscriptions\.json$/i,
  kind: "subscription",
  time: ["creation_time", "start_time", "start_date", "renewal_date", "expiration_date"],
  key: (fields) => [fields.document_type as string, fields.title as string],
  refine: (fields) => withPrice(fields, priceOf(fields)),
  fieldSensitivity: {
    pricing: { level: 2, categories: ["financial"], reason: "price paid per period" },
    price: { level: 2, categories: ["financial"], reason: "price paid per period" },
    amount: { level: 2, categories: ["financial"], reason: "price paid per period" },
    payment_method_title: { level: 3, categories: ["financial"], reason: "the card or account paid with" },
  },
});
