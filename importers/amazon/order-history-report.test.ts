import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { orderHistoryReport } from "./order-history-report.js";
import { retailOrderHistory } from "./retail-order-history.js";

const report = fixture("amazon", "order-history-report", "01-Jan-2019_to_31-Mar-2021.csv");

async function read(name: string) {
  return readAll(orderHistoryReport, await fileInputFromPath(fixture("amazon", "order-history-report", name)));
}

describe("retired Order History Reports (items report)", () => {
  it("is recognised by its header and leaves Retail.OrderHistory to its own importer", async () => {
    expect(orderHistoryReport.detect(fileInputFromBuffer("items.csv", await readFile(report)))).toBeGreaterThan(0.95);
    const retail = fixture("amazon", "Retail.OrderHistory.1", "Retail.OrderHistory.1.csv");
    expect(orderHistoryReport.detect(fileInputFromBuffer("Retail.OrderHistory.1.csv", await readFile(retail)))).toBe(0);
  });

  it("reads one record per item, with dollar amounts and two- or four-digit years", async () => {
    const { records, errors } = await read("01-Jan-2019_to_31-Mar-2021.csv");
    expect(errors).toEqual([]);
    expect(records.map((record) => record.title)).toEqual([
      "Laptop Stand, Aluminium",
      "The Catcher in the Rye",
      'Stainless Steel Whisk, 12"',
      'Stainless Steel Whisk, 12"',
    ]);
    const [stand, book] = records;
    expect(stand!.time).toEqual(new Date("2019-01-15T00:00:00Z"));
    expect(stand!.url).toBe("https://www.amazon.com/dp/B07XYZ1234");
    expect(stand!.fields).toMatchObject({
      order_id: "113-7777777-7777777",
      order_date: "2019-01-15",
      ship_date: "2019-01-16",
      category: "Personal Computers",
      seller: "Acme Goods",
      quantity: 1,
      currency: "USD",
      list_price: 1349,
      unit_price: 1299.99,
      item_subtotal: 1299.99,
      item_subtotal_tax: 104,
      item_total: 1403.99,
      payment_instrument: "Visa - 1234",
      shipping_address: "Jane Doe, 1 Main St, Springfield, IL, 62701-1234",
      ordering_customer_email: "jane@example.com",
      buyer_name: "Jane Doe",
    });
    expect(book!.time).toEqual(new Date("2019-11-02T00:00:00Z"));
    expect(book!.fields).toMatchObject({ asin: "0316769487", release_date: "1991-05-07", item_total: 7.77 });
  });

  it("keys a purchase exactly as Retail.OrderHistory does, so importing both stores it once", async () => {
    const fromReport = (await read("01-Jan-2019_to_31-Mar-2021.csv")).records.map((record) => record.naturalKey);
    const retail = fixture("amazon", "Retail.OrderHistory.1", "Retail.OrderHistory.1.csv");
    const fromRetail = (await readAll(retailOrderHistory, await fileInputFromPath(retail))).records.map((record) => record.naturalKey);
    const shared = ["order_item:114-1111111-1111111:B000000001", "order_item:114-1111111-1111111:B000000001:2"];
    expect(fromReport.filter((key) => fromRetail.includes(key))).toEqual(shared);
  });

  it("declares the buyer's email and the shipping address highly sensitive", () => {
    expect(orderHistoryReport.fieldSensitivity!.ordering_customer_email).toMatchObject({ level: 3, categories: ["contact"] });
    expect(orderHistoryReport.fieldSensitivity!.shipping_address).toMatchObject({ level: 3 });
  });

  it("reads nothing, and reports nothing, from an empty report", async () => {
    expect(await read("empty.csv")).toEqual({ records: [], errors: [] });
  });

  it('reads nothing, and reports nothing, from a "No data found for this time period" report', async () => {
    expect(orderHistoryReport.detect(await fileInputFromPath(fixture("amazon", "order-history-report", "no-data.csv")))).toBeGreaterThan(0.95);
    expect(await read("no-data.csv")).toEqual({ records: [], errors: [] });
  });
});
