import { describe, expect, it } from "vitest";
import { detectPaymentCards } from "./payment-card.js";

describe("detectPaymentCards", () => {
  it("finds card numbers written with spaces, dashes or none", () => {
    const text = "Visa 4111 1111 1111 1111, Amex 3782-822463-10005, MC 5500000000000004";
    expect(detectPaymentCards(text).map((found) => text.slice(found.start, found.end))).toEqual(["4111 1111 1111 1111", "3782-822463-10005", "5500000000000004"]);
  });

  it("rejects numbers failing Luhn, unknown issuers and repeated digits", () => {
    expect(detectPaymentCards("4111 1111 1111 1112 and 9999 9999 9999 9995 and 0000 0000 0000 0000")).toEqual([]);
  });

  it("does not cut a card number out of a longer digit run", () => {
    expect(detectPaymentCards("tracking 94111111111111111112345")).toEqual([]);
  });
});
