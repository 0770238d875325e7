import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import type { Importer } from "../types.js";
import { customerReturns, ordersReturned, ordersReturnedPayments } from "./returns.js";

async function read(importer: Importer, folder: string) {
  return readAll(importer, await fileInputFromPath(fixture("amazon", folder, `${folder}.csv`)));
}

describe("Amazon returns", () => {
  it("reads Retail.OrdersReturned: one return per reversal", async () => {
    const { records, errors } = await read(ordersReturned, "Retail.OrdersReturned.1");
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        type: "record",
        kind: "return",
        naturalKey: "return:reversal:114-1111111-1111111:R1",
        time: new Date("2025-06-18T01:50:18Z"),
        title: "Return of order 114-1111111-1111111",
        url: null,
        fields: {
          order_id: "114-1111111-1111111",
          reversal_id: "R1",
          creation_date: "2025-06-18T01:50:18.000Z",
          reversal_status: "Completed",
          reversal_reason: "Defective",
          reversal_amount_state: "Final",
          currency: "USD",
          quantity: 1,
          direct_debit_refund_amount: 14.52,
        },
        resume: 1,
      },
    ]);
  });

  it("reads Retail.OrdersReturned.Payments: one return per refund, pending ones without a time", async () => {
    const { records, errors } = await read(ordersReturnedPayments, "Retail.OrdersReturned.Payments.1");
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.time, record.fields.amount_refunded])).toEqual([
      ["return:refund:114-1111111-1111111:R1:2025-06-20T12:00:00.000Z", new Date("2025-06-20T12:00:00Z"), 14.52],
      ["return:refund:114-2222222-2222222:R2", null, 3],
    ]);
    expect(records[0]!.fields).toEqual({
      order_id: "114-1111111-1111111",
      reversal_id: "R1",
      refund_completion_date: "2025-06-20T12:00:00.000Z",
      currency: "USD",
      amount_refunded: 14.52,
      disbursement_type: "Refund",
    });
  });

  it("reads Retail.CustomerReturns, with either date style", async () => {
    const { records, errors } = await read(customerReturns, "Retail.CustomerReturns.1.1");
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.title, record.time])).toEqual([
      ["return:customer_return:114-1111111-1111111:B000000001:2025-06-18T01:50:18.000Z", "Return of order 114-1111111-1111111", new Date("2025-06-18T01:50:18Z")],
      ["return:customer_return:114-3333333-3333333:B000000009:2021-01-02T10:00:00.000Z", "Return of order 114-3333333-3333333", new Date("2021-01-02T10:00:00Z")],
    ]);
    expect(records[1]!.fields).toEqual({
      order_id: "114-3333333-3333333",
      asin: "B000000009",
      date_of_return: "2021-01-02T10:00:00.000Z",
      return_reason: "no longer needed",
      resolution: "Replacement",
      quantity: 2,
    });
  });

  it("declares refunded amounts financial", () => {
    expect(ordersReturnedPayments.fieldSensitivity!.amount_refunded).toMatchObject({ level: 2, categories: ["financial"] });
  });
});
