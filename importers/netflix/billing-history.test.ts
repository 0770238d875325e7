import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { billingHistoryImporter as importer } from "./billing-history.js";

const { records, errors } = await readAll(importer, await fileInputFromPath(fixture("netflix", "PAYMENT_AND_BILLING", "BillingHistory.csv")));

describe("Netflix billing history (BillingHistory.csv)", () => {
  it("keeps every transaction, a declined one beside the retry that went through", () => {
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.title, record.time, record.fields.pmt_txn_type, record.fields.pmt_status])).toEqual([
      ["payment", "Standard Plan", new Date("2023-02-04T00:00:00Z"), "SALE", "APPROVED"],
      ["payment", "Standard Plan", new Date("2023-03-04T00:00:00Z"), "AUTHORIZATION", "DECLINED"],
      ["payment", "Standard Plan", new Date("2023-03-04T00:00:00Z"), "SALE", "APPROVED"],
    ]);
    expect(new Set(records.map((record) => record.naturalKey)).size).toBe(3);
    expect(records[0]!.fields).toMatchObject({ gross_sale_amt: "12.99", currency: "EUR", mop_last_4: "4242", next_billing_date: "2023-03-04" });
  });

  it("tags the payment method highly sensitive and keeps it out of keys", () => {
    for (const field of ["payment_type", "mop_last_4", "mop_creation_date", "mop_pmt_processor_desc"]) {
      expect(importer.fieldSensitivity![field]).toMatchObject({ level: 3, categories: ["financial"] });
    }
    expect(records.some((record) => record.naturalKey.includes("4242"))).toBe(false);
  });
});
