import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { digitalItems } from "./digital-items.js";

async function read(path: string, resume: unknown = null) {
  return readAll(digitalItems, await fileInputFromPath(path, path, resume));
}

const items = fixture("amazon", "Digital-Ordering.1", "Digital Items.csv");

describe("Digital Items.csv", () => {
  it("reads one order item per row, keyed apart from retail items, and reports bad rows", async () => {
    const { records, errors } = await read(items);
    expect(records.map((record) => [record.naturalKey, record.title])).toEqual([
      ["order_item:D01-1111111-1111111:B00KINDLE1", "The Left Hand of Darkness"],
      ["order_item:D01-1111111-1111111:B00KINDLE1:2", "The Left Hand of Darkness"],
      ["order_item:D01-2222222-2222222:B0APPGAME1", "Puzzle Quest"],
    ]);
    expect(errors).toEqual([
      { type: "error", at: "row 4", message: "expected 48 fields but found 3" },
      { type: "error", at: "row 5", message: "the row has no OrderId" },
    ]);
  });

  it("keeps every column as a typed field, leaving N/A out", async () => {
    const [book, gift] = (await read(items)).records;
    expect(book).toMatchObject({
      kind: "order_item",
      time: new Date("2022-03-04T00:00:00Z"),
      url: "https://www.amazon.com/dp/B00KINDLE1",
      resume: 1,
    });
    expect(book!.fields).toEqual({
      asin: "B00KINDLE1",
      title: "The Left Hand of Darkness",
      order_id: "D01-1111111-1111111",
      digital_order_item_id: "ITEM1",
      declared_country_code: "US",
      base_currency_code: "USD",
      fulfilled_date: "2022-03-04",
      is_fulfilled: true,
      marketplace: "www.amazon.com",
      order_date: "2022-03-04",
      original_quantity: 1,
      our_price: 9.99,
      our_price_currency_code: "USD",
      our_price_tax: 10.79,
      our_price_tax_currency_code: "USD",
      seller_of_record: "Amazon.com Services LLC",
      publisher: "Ace",
      list_price_amount: 15.99,
      list_price_currency_code: "USD",
      list_price_tax_amount: 17.27,
      list_price_tax_currency_code: "USD",
      gift_item: false,
      quantity_ordered: 1,
      item_fulfilled: true,
      is_order_eligible_for_prime_benefit: false,
    });
    expect(gift!.fields).toMatchObject({ gift_item: true, gift_email: "sam@example.com", recipient_email: "sam@example.com", gift_message: "Happy birthday!" });
  });

  it("declares recipients' e-mail addresses highly sensitive and prices financial", () => {
    expect(digitalItems.fieldSensitivity!.gift_email).toMatchObject({ level: 3, categories: ["contact"] });
    expect(digitalItems.fieldSensitivity!.recipient_email).toMatchObject({ level: 3, categories: ["contact"] });
    expect(digitalItems.fieldSensitivity!.our_price).toMatchObject({ level: 2, categories: ["financial"] });
  });

  it("resumes after the last stored row, numbering repeats as on a fresh read", async () => {
    const { records } = await read(items, 1);
    expect(records.map((record) => record.naturalKey)).toEqual([
      "order_item:D01-1111111-1111111:B00KINDLE1:2",
      "order_item:D01-2222222-2222222:B0APPGAME1",
    ]);
  });
});

describe.skipIf(!hasRealWorld)("Digital Items.csv, real-world sample", () => {
  it("reads the three Prime fees", async () => {
    const { records, errors } = await read(realWorld("amazon", "Digital-Ordering.2", "Digital Items.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.title, record.time?.toISOString(), record.fields.our_price])).toEqual([
      ["order_item:D01-8997424:B079F245XY", "Prime Membership Fee", "2021-09-27T00:00:00.000Z", 36],
      ["order_item:D01-6021440:B079F245XY", "Prime Membership Fee", "2020-09-27T00:00:00.000Z", 36],
      ["order_item:D01-0479004:B079F245XY", "Prime Membership Fee", "2020-09-26T00:00:00.000Z", 3.99],
    ]);
    expect(records[0]!.url).toBe("https://www.amazon.it/dp/B079F245XY");
    expect(records[0]!.fields.subscription_order_info_list).toBe("subscriptionId:3KA11VRPY1N5N69RQWW1");
  });
});
