import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { digitalOrders } from "./digital-orders.js";

async function read(path: string) {
  return readAll(digitalOrders, await fileInputFromPath(path));
}

describe("Digital Orders.csv", () => {
  it("reads one purchase per order, keyed by the order id", async () => {
    const { records, errors } = await read(fixture("amazon", "Digital-Ordering.1", "Digital Orders.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.title, record.time])).toEqual([
      ["purchase:digital:D01-1111111-1111111", "Digital order D01-1111111-1111111", new Date("2022-03-04T00:00:00Z")],
      ["purchase:digital:D01-2222222-2222222", "Digital order D01-2222222-2222222", new Date("2023-12-31T00:00:00Z")],
    ]);
    expect(records[0]!.fields).toEqual({
      order_id: "D01-1111111-1111111",
      billing_address: "1 Main St Springfield IL 62701 US",
      shipping_address: "1 Main St Springfield IL 62701 US",
      order_status: "SUCCESS",
      marketplace: "www.amazon.com",
      is_order_free_replacement: false,
      is_order_apreorder: false,
      does_order_depend_on_another_order: false,
      ordering_location_country: "US",
      order_date: "2022-03-04",
      shopping_marketplace_id: "ATVPDKIKX0DER",
      payment_information: "Visa-1234",
      delivery_packet_id: "PACKET1",
      delivery_status: "Delivery Complete",
      delivery_date: "2022-03-04",
      session_id: "130-1234567-7654321",
      unique_browser_id: "259-7654321",
    });
    expect(records[1]!.fields).toMatchObject({ order_status: "CANCELLED_BY_AMAZON", is_order_apreorder: true, payment_information: "MasterCard-9999,Gift Card" });
  });

  it("declares addresses, payment information, session and browser highly sensitive", () => {
    const sensitivity = digitalOrders.fieldSensitivity!;
    expect(sensitivity.billing_address).toMatchObject({ level: 3, categories: ["identifier", "location"] });
    expect(sensitivity.shipping_address).toMatchObject({ level: 3, categories: ["identifier", "location"] });
    expect(sensitivity.customer_declared_address).toMatchObject({ level: 3, categories: ["identifier", "location"] });
    expect(sensitivity.payment_information).toMatchObject({ level: 3, categories: ["financial"] });
    expect(sensitivity.session_id).toMatchObject({ level: 3, categories: ["identifier", "device"] });
    expect(sensitivity.unique_browser_id).toMatchObject({ level: 3, categories: ["identifier", "device"] });
  });
});

describe.skipIf(!hasRealWorld)("Digital Orders.csv, real-world sample", () => {
  it("reads the four orders, the cancelled one included", async () => {
    const { records, errors } = await read(realWorld("amazon", "Digital-Ordering.2", "Digital Orders.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.time?.toISOString(), record.fields.order_status])).toEqual([
      ["purchase:digital:D01-8997424", "2021-09-27T00:00:00.000Z", "SUCCESS"],
      ["purchase:digital:D01-6021440", "2020-09-27T00:00:00.000Z", "SUCCESS"],
      ["purchase:digital:D01-0479004", "2020-09-26T00:00:00.000Z", "SUCCESS"],
      ["purchase:digital:D01-9157440", "2018-11-02T00:00:00.000Z", "CANCELLED_BY_AMAZON"],
    ]);
    expect(records[0]!.fields.payment_information).toBe("Bank Account ending in - 665,Bancomat-4959,MasterCard-6626,Visa-9013");
  });
});
