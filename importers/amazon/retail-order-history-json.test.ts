import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { MAX_JSON_BYTES } from "./json.js";
import { retailOrderHistory } from "./retail-order-history.js";
import { retailOrderHistoryJson } from "./retail-order-history-json.js";

const json = fixture("amazon", "Retail.OrderHistory.json");
const csv = fixture("amazon", "Retail.OrderHistory.1", "Retail.OrderHistory.1.csv");

describe("Retail.OrderHistory JSON", () => {
  it("is recognised by its keys, and the CSV form is not mistaken for it", async () => {
    expect(retailOrderHistoryJson.detect(fileInputFromBuffer("orders.json", await readFile(json)))).toBeGreaterThan(0.8);
    expect(retailOrderHistoryJson.detect(fileInputFromBuffer("Retail.OrderHistory.1.csv", await readFile(csv)))).toBe(0);
    expect(retailOrderHistoryJson.detect(fileInputFromBuffer("x.json", '[{"asin": "B000000001", "quantity": 1}]'))).toBe(0);
  });

  it("reads the same records as the CSV of the same items, numbers for amounts included", async () => {
    const fromJson = await readAll(retailOrderHistoryJson, await fileInputFromPath(json));
    const fromCsv = await readAll(retailOrderHistory, await fileInputFromPath(csv));
    expect(fromJson.records).toEqual(fromCsv.records.slice(0, 3));
    expect(fromJson.records[2]!.naturalKey).toBe("order_item:114-1111111-1111111:B000000001:2");
  });

  it("reports an element that is not an order item and reads the rest", async () => {
    const { errors } = await readAll(retailOrderHistoryJson, await fileInputFromPath(json));
    expect(errors).toEqual([{ type: "error", at: "item 4", message: "expected an object with the order item's columns" }]);
  });

  it("refuses JSON that is not an array of items, or too large to hold in memory", async () => {
    const object = fileInputFromBuffer("Retail.OrderHistory.json", '{"Order ID": "1"}');
    await expect(readAll(retailOrderHistoryJson, object)).rejects.toThrow("expected a JSON array of order items");
    const broken = fileInputFromBuffer("Retail.OrderHistory.json", '[{"Order ID": "1",');
    await expect(readAll(retailOrderHistoryJson, broken)).rejects.toThrow(/not valid JSON/);
    const huge = { ...fileInputFromBuffer("Retail.OrderHistory.json", "[]"), size: MAX_JSON_BYTES + 1 };
    await expect(readAll(retailOrderHistoryJson, huge)).rejects.toThrow("larger than 100 MB");
  });
});
