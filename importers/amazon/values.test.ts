import { describe, expect, it } from "vitest";
import { dateField, flagField, moneyField, parseAmazonDate, parseMoney, productUrl } from "./values.js";

describe("parseMoney", () => {
  it.each([
    ["12.34", { amount: 12.34 }],
    ["0", { amount: 0 }],
    ["$1,234.56", { amount: 1234.56, currency: "USD" }],
    ["1.234,56 €", { amount: 1234.56, currency: "EUR" }],
    ["5,49 €", { amount: 5.49, currency: "EUR" }],
    ["EUR 5,49", { amount: 5.49, currency: "EUR" }],
    ["£0.99", { amount: 0.99, currency: "GBP" }],
    ["¥1,234", { amount: 1234, currency: "JPY" }],
    ["CDN$ 19.99", { amount: 19.99, currency: "CAD" }],
    ["1 234,56 €", { amount: 1234.56, currency: "EUR" }],
    ["1.234.567", { amount: 1234567 }],
    ["0.500", { amount: 0.5 }],
    ["'-1.00'", { amount: -1 }],
    ["-$3.00", { amount: -3, currency: "USD" }],
    ["($3.00)", { amount: -3, currency: "USD" }],
  ])("reads %s", (text, money) => {
    expect(parseMoney(text)).toEqual(money);
  });

  it.each(["free", "12 apples", "", "$"])("rejects %s", (text) => {
    expect(parseMoney(text)).toBeNull();
  });

  it("keeps the text of an amount it cannot read, so nothing is lost", () => {
    expect(moneyField("see invoice")).toBe("see invoice");
    expect(moneyField(undefined)).toBeUndefined();
  });
});

describe("parseAmazonDate", () => {
  it.each([
    ["11/11/2021 22:32:48 UTC", "2021-11-11T22:32:48.000Z", false],
    ["2026-02-03T02:04:59.390Z", "2026-02-03T02:04:59.390Z", false],
    ["2024-06-01 10:00:00", "2024-06-01T10:00:00.000Z", false],
    ["01/15/2019", "2019-01-15T00:00:00.000Z", true],
    ["01/15/19", "2019-01-15T00:00:00.000Z", true],
    ["05/07/91", "1991-05-07T00:00:00.000Z", true],
    ["2019-01-15", "2019-01-15T00:00:00.000Z", true],
    ["12-Jan-2019", "2019-01-12T00:00:00.000Z", true],
    ["Wed, 18 Jun 2025 01:50:18 GMT", "2025-06-18T01:50:18.000Z", false],
    ["06/18/2025 01:50:18 GMT", "2025-06-18T01:50:18.000Z", false],
  ])("reads %s in UTC", (text, iso, dateOnly) => {
    const parsed = parseAmazonDate(text);
    expect(parsed?.date.toISOString()).toBe(iso);
    expect(parsed?.dateOnly).toBe(dateOnly);
  });

  it.each(["13/01/2021", "02/30/2021", "yesterday", "11/11/2021 25:00:00 UTC", "31-Feb-2021", "12-Foo-2019"])("rejects %s", (text) => {
    expect(parseAmazonDate(text)).toBeNull();
  });

  it("gives a day as a day and keeps text it cannot read", () => {
    expect(dateField("01/15/19")).toBe("2019-01-15");
    expect(dateField("11/11/2021 22:32:48 UTC")).toBe("2021-11-11T22:32:48.000Z");
    expect(dateField("soon")).toBe("soon");
  });
});

describe("flagField", () => {
  it.each([
    ["Yes", true],
    ["N", false],
    ["true", true],
    ["0", false],
    ["maybe", "maybe"],
  ])("reads %s", (text, flag) => {
    expect(flagField(text)).toBe(flag);
  });
});

describe("productUrl", () => {
  it("links the product page of the marketplace it was bought on", () => {
    expect(productUrl("Amazon.it", "B08LQQ7S6P")).toBe("https://www.amazon.it/dp/B08LQQ7S6P");
    expect(productUrl("Amazon.co.uk", "0316769487")).toBe("https://www.amazon.co.uk/dp/0316769487");
    expect(productUrl("www.amazon.it", "B079F245XY")).toBe("https://www.amazon.it/dp/B079F245XY");
  });

  it("links nothing without a marketplace or an ASIN", () => {
    expect(productUrl(undefined, "B08LQQ7S6P")).toBeNull();
    expect(productUrl("Amazon.com", undefined)).toBeNull();
    expect(productUrl("evil.example/x?", "B08LQQ7S6P")).toBeNull();
  });
});
