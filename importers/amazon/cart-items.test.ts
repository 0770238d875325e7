import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { cartItems } from "./cart-items.js";

async function read(path: string) {
  return readAll(cartItems, await fileInputFromPath(path));
}

describe("Retail.CartItems", () => {
  it("reads one list item per product, on the list a person knows", async () => {
    const { records, errors } = await read(fixture("amazon", "Retail.CartItems.1", "Retail.CartItems.1.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.title, record.time, record.fields.list, record.url])).toEqual([
      ["list_item:cart:B07XYZ1234:2020-03-29T17:13:28.000Z", "B07XYZ1234", new Date("2020-03-29T17:13:28Z"), "Shopping cart", "https://www.amazon.com/dp/B07XYZ1234"],
      ["list_item:cart:B000000002:2021-01-05T08:00:00.000Z", "B000000002", new Date("2021-01-05T08:00:00Z"), "Saved for later", "https://www.amazon.de/dp/B000000002"],
      ["list_item:cart:B000000003", "B000000003", null, "fresh", "https://www.amazon.com/dp/B000000003"],
    ]);
    expect(records[1]!.fields).toEqual({
      date_added_to_cart: "2021-01-05T08:00:00.000Z",
      source: "Retail",
      asin: "B000000002",
      cart_domain: "Amazon.de",
      cart_list: "saved",
      list: "Saved for later",
      quantity: 2,
      one_click_buyable: true,
      to_be_gift_wrapped: false,
      prime_subscription: false,
      pantry: false,
      add_on: false,
    });
  });

  it("refuses a file without the columns it needs, naming them", async () => {
    const file = fileInputFromBuffer("Retail.CartItems.1.csv", "DateAddedToCart,ASIN\n03/29/2020 17:13:28 UTC,B07XYZ1234\n");
    await expect(readAll(cartItems, file)).rejects.toThrow('missing column "CartList", needed to read it as Amazon shopping cart');
  });
});

describe.skipIf(!hasRealWorld)("Retail.CartItems, real-world sample", () => {
  it("reads the one item in the cart", async () => {
    const { records, errors } = await read(realWorld("amazon", "Retail.CartItems.2", "Retail.CartItems.2.csv"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: "list_item",
      naturalKey: "list_item:cart:DADADADAFFGF:2020-03-29T17:13:28.000Z",
      time: new Date("2020-03-29T17:13:28Z"),
      fields: { list: "Shopping cart", cart_list: "active", quantity: 1, one_click_buyable: true },
    });
  });
});
