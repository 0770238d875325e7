import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import type { FileSample, RecordDraft } from "../types.js";
import { retailOrderHistory } from "./retail-order-history.js";

const older = fixture("amazon", "Retail.OrderHistory.1", "Retail.OrderHistory.1.csv");
const newer = fixture("amazon", "Retail.OrderHistory.3", "Retail.OrderHistory.3.csv");

async function read(path: string, resume: unknown = null) {
  return readAll(retailOrderHistory, await fileInputFromPath(path, path, resume));
}

function sample(name: string, content: string | Buffer): FileSample {
  return fileInputFromBuffer(name, content);
}

/** What the user paid for an order, added up from its items the way a consumer would. */
function paid(records: RecordDraft[], orderId: string): number {
  return records
    .filter((record) => record.fields.order_id === orderId && !record.fields.cancelled)
    .reduce((sum, record) => sum + (record.fields.item_total as number), 0);
}

describe("Retail.OrderHistory CSV", () => {
  describe("detect", () => {
    it("recognises both column sets by content, whatever the file is called", async () => {
      expect(retailOrderHistory.detect(sample("export.csv", await readFile(older)))).toBeGreaterThan(0.9);
      expect(retailOrderHistory.detect(sample("export.csv", await readFile(newer)))).toBeGreaterThan(0.9);
    });

    it("is surer when the file also has its usual name", async () => {
      const content = await readFile(older);
      expect(retailOrderHistory.detect(sample("Retail.OrderHistory.1.csv", content))).toBeGreaterThan(
        retailOrderHistory.detect(sample("export.csv", content)),
      );
    });
  });

  describe("the older export (27 columns, US dates)", () => {
    it("reads one record per item and reports the unreadable rows", async () => {
      const { records, errors } = await read(older);
      expect(records).toHaveLength(6);
      expect(errors).toEqual([
        { type: "error", at: "row 6", message: "expected 27 fields but found 6" },
        { type: "error", at: "row 7", message: "the row has no Order ID" },
      ]);
    });

    it("normalises an item: title, UTC time, product page and every meaningful column", async () => {
      const [whisk] = (await read(older)).records;
      expect(whisk).toMatchObject({
        kind: "order_item",
        naturalKey: "order_item:114-1111111-1111111:B000000001",
        title: 'Stainless Steel Whisk, 12"',
        url: "https://www.amazon.com/dp/B000000001",
        resume: 1,
      });
      expect(whisk!.time).toEqual(new Date("2021-03-04T18:22:10Z"));
      expect(whisk!.fields).toEqual({
        website: "Amazon.com",
        order_id: "114-1111111-1111111",
        order_date: "2021-03-04T18:22:10.000Z",
        product_name: 'Stainless Steel Whisk, 12"',
        asin: "B000000001",
        condition: "New",
        quantity: 2,
        currency: "USD",
        unit_price: 10,
        unit_price_tax: 0.8,
        shipping_charge: 2.99,
        discounts: -1,
        item_total: 23.59,
        shipment_subtotal: 35,
        shipment_subtotal_tax: 2.8,
        payment_instrument: "Gift Certificate/Card and Visa - 1234",
        order_status: "Closed",
        shipment_status: "Shipped",
        ship_date: "2021-03-05T09:00:00.000Z",
        shipping_option: "std-us",
        shipping_address: "Jane Doe 1 Main St Springfield IL 62701 United States Primary Phone: 2175550100",
        billing_address: "Jane Doe 1 Main St Springfield IL 62701 United States Primary Phone: 2175550100",
        carrier_tracking: "UPS(1Z999AA10123456784)",
      });
    });

    it("leaves out Amazon's placeholders", async () => {
      const { records } = await read(older);
      const values = records.flatMap((record) => Object.values(record.fields));
      expect(values).not.toContain("Not Available");
      expect(values).not.toContain("Not Applicable");
      const whisk = records[0]!.fields;
      expect(whisk.gift_message).toBeUndefined();
      expect(whisk.purchase_order_number).toBeUndefined();
    });

    it("adds the items of a multi-item order up to what the user paid, shipping and discount counted once", async () => {
      const { records } = await read(older);
      // Whisk ×2 with shipping and a discount, a spatula, the whisk again in a second shipment.
      expect(paid(records, "114-1111111-1111111")).toBeCloseTo(23.59 + 16.2 + 10.8, 2);
      expect(paid(records, "114-1111111-1111111")).toBeCloseTo(35 + 2.8 + 2.99 - 1 + 10 + 0.8, 2);
    });

    it("keys a repeated ASIN by its occurrence within the order, stable across exports", async () => {
      const keys = (await read(older)).records.map((record) => record.naturalKey);
      expect(keys).toEqual([
        "order_item:114-1111111-1111111:B000000001",
        "order_item:114-1111111-1111111:B000000002",
        "order_item:114-1111111-1111111:B000000001:2",
        "order_item:114-1111111-1111111:B000000003",
        "order_item:114-2222222-2222222:B000000004",
        "order_item:114-3333333-3333333:B000000006",
      ]);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it("keeps cancelled items on record, marked, so they can be left out of spending", async () => {
      const { records } = await read(older);
      const spoons = records.find((record) => record.fields.asin === "B000000003")!;
      expect(spoons.fields).toMatchObject({ quantity: 0, cancelled: true, item_total: 0 });
      expect(spoons.fields.shipment_subtotal).toBeUndefined();
      const roses = records.find((record) => record.fields.asin === "B000000006")!;
      expect(roses.fields).toMatchObject({ order_status: "Cancelled", cancelled: true, item_total: 12.99 });
      expect(records[0]!.fields.cancelled).toBeUndefined();
    });

    it("keeps a gift's message, sender and recipient, and every date of a split shipment", async () => {
      const socks = (await read(older)).records.find((record) => record.fields.asin === "B000000004")!;
      expect(socks.fields).toMatchObject({
        gift_message: "Happy holidays, John!",
        gift_sender_name: "Jane",
        gift_recipient_contact: "John Roe 5 Elm St Portland OR 97201 United States",
        ship_date: "2020-12-21T10:00:00.000Z",
        ship_dates: ["2020-12-21T10:00:00.000Z", "2020-12-23T16:45:00.000Z"],
      });
    });

    it("declares addresses, payment, gift contacts and tracking numbers highly sensitive", () => {
      const sensitivity = retailOrderHistory.fieldSensitivity!;
      for (const field of ["shipping_address", "billing_address", "payment_instrument", "gift_recipient_contact", "gift_sender_name", "carrier_tracking"]) {
        expect(sensitivity[field]?.level, field).toBe(3);
      }
      expect(sensitivity.shipping_address?.categories).toEqual(["identifier", "location"]);
      expect(sensitivity.item_total).toMatchObject({ level: 2, categories: ["financial"] });
      expect(sensitivity.product_name).toBeUndefined();
    });

    it("goes on after an interruption without a record twice or a repeated ASIN keyed anew", async () => {
      const all = await read(older);
      const resumed = await read(older, 2);
      expect(resumed.records).toEqual(all.records.slice(2));
      expect(resumed.records[0]!.naturalKey).toBe("order_item:114-1111111-1111111:B000000001:2");
      expect(resumed.errors).toEqual(all.errors);
      expect((await read(older, 7)).errors).toEqual([]);
    });
  });

  describe("the 2025+ export (28 columns, ISO dates)", () => {
    it("reads the item serial number and ISO dates", async () => {
      const { records, errors } = await read(newer);
      expect(errors).toEqual([]);
      expect(records.map((record) => record.title)).toEqual(["E-reader, 16 GB", "USB-C Cable"]);
      const [reader, cable] = records;
      expect(reader!.time).toEqual(new Date("2026-02-03T02:04:59.390Z"));
      expect(reader!.url).toBe("https://www.amazon.co.uk/dp/B0SERIAL01");
      expect(reader!.fields).toMatchObject({
        currency: "GBP",
        item_total: 149.99,
        item_serial_number: "G000AB1234567890",
        ship_date: "2026-02-04T10:11:12.000Z",
      });
      expect(cable!.time).toEqual(new Date("2025-11-30T23:59:59Z"));
      expect(cable!.fields.item_serial_number).toBeUndefined();
      expect(cable!.fields.billing_address).toBeUndefined();
    });
  });

  it("refuses a file without the columns it needs", async () => {
    const file = fileInputFromBuffer("Retail.OrderHistory.1.csv", '"Website","Order ID","Order Date"\n"Amazon.com","1","01/01/2021"\n');
    await expect(readAll(retailOrderHistory, file)).rejects.toThrow(/missing columns "ASIN", "Product Name", "Total Owed"/);
  });
});

describe.skipIf(!hasRealWorld)("Retail.OrderHistory CSV, real-world sample", () => {
  const path = realWorld("amazon", "Retail.OrderHistory.2", "Retail.OrderHistory.2.csv");

  it("reads its three items", async () => {
    const { records, errors } = await read(path);
    expect(errors).toEqual([]);
    expect(records.map((record) => record.naturalKey)).toEqual([
      "order_item:408-2192107-667:B08LQQ7S6P",
      "order_item:408-5338323-299:B08B73KHKS",
      "order_item:408-5338323-299:B07CZ6LWW4",
    ]);
    const [laptop] = records;
    expect(laptop!.title).toMatch(/^HP - Gaming Pavilion 15-ec1000sl Notebook.*Display 15\.6" FHD$/);
    expect(laptop!.time).toEqual(new Date("2021-11-11T22:32:48Z"));
    expect(laptop!.url).toBe("https://www.amazon.it/dp/B08LQQ7S6P");
    expect(laptop!.fields).toMatchObject({ currency: "EUR", item_total: 999.99, carrier_tracking: "AMZN_IT(BA0464571825)" });
  });

  it("adds a two-item order up to its shipment's subtotal plus tax", async () => {
    const { records } = await read(path);
    const order = records.filter((record) => record.fields.order_id === "408-5338323-299");
    expect(paid(records, "408-5338323-299")).toBeCloseTo(54.62, 2);
    expect(order[0]!.fields.shipment_subtotal).toBe(44.77);
    expect(order[0]!.fields.shipment_subtotal_tax).toBe(9.85);
  });
});
