import type { SensitivitySpec } from "../../src/sensitivity/levels.js";
import { amazonTable } from "./table.js";

const card: SensitivitySpec = { level: 3, categories: ["financial"], reason: "payment instrument" };

/**
 * `PaymentOptions.PaymentInstruments*.csv`: the cards and accounts on file, one
 * `payment_instrument` record each. Every column is highly sensitive, including any the export
 * adds, so the natural key holds digests only. Known columns (`RegistrationDate`, `LastDigits`)
 * come from a public parser of the export; the rest are kept as they come.
 */
export const paymentInstruments = amazonTable({
  id: "amazon.payment-instruments",
  platform: "amazon",
  title: "Amazon payment instruments",
  fileName: /^PaymentOptions\.PaymentInstruments/i,
  required: ["LastDigits", "RegistrationDate"],
  known: ["PaymentInstrumentType", "CardType", "ExpirationDate", "AccountHolderName", "BillingAddress", "Issuer"],
  kind: "payment_instrument",
  key: ["payment_instrument_type", "card_type", "last_digits", "registration_date"],
  time: ["registration_date"],
  dates: ["registration_date"],
  // A title is not tagged as its fields are, so it names no detail of the card.
  recordTitle: () => "Payment instrument",
  fieldSensitivity: { last_digits: card, registration_date: card, payment_instrument_type: card, card_type: card },
  defaultSensitivity: card,
});
