import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { paymentInstruments } from "./payment-instruments.js";

const instruments = fixture("amazon", "PaymentOptions.PaymentInstruments", "PaymentOptions.PaymentInstruments.csv");

/** How the store tags a field of this importer: its own entry, else the importer's default. */
const sensitivityOf = (field: string) => paymentInstruments.fieldSensitivity?.[field] ?? paymentInstruments.defaultSensitivity;

describe("PaymentOptions.PaymentInstruments", () => {
  it("reads one payment instrument per row, its details only in digests in the key or title", async () => {
    const { records, errors } = await readAll(paymentInstruments, await fileInputFromPath(instruments));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.title, record.time])).toEqual([
      ["payment_instrument", "Payment instrument", new Date("2019-03-01T10:11:12Z")],
      ["payment_instrument", "Payment instrument", null],
    ]);
    expect(records[0]!.naturalKey).toMatch(/^payment_instrument:#[0-9a-f]{16}:#[0-9a-f]{16}:#[0-9a-f]{16}$/);
    expect(records[0]!.fields).toEqual({
      payment_instrument_type: "Visa",
      last_digits: "1234",
      expiration_date: "12/2027",
      account_holder_name: "Jane Doe",
      registration_date: "2019-03-01T10:11:12.000Z",
    });
    for (const field of Object.keys(records[0]!.fields)) expect(sensitivityOf(field)).toMatchObject({ level: 3, categories: ["financial"] });
  });

  it("declares every column highly sensitive, those it does not know of included", async () => {
    const file = fileInputFromBuffer("PaymentOptions.PaymentInstruments.csv", "LastDigits,RegistrationDate,IssuingBank\n4321,N/A,Acme Bank\n");
    const { records } = await readAll(paymentInstruments, file);
    expect(records[0]!.fields).toEqual({ last_digits: "4321", issuing_bank: "Acme Bank" });
    for (const field of ["last_digits", "registration_date", "issuing_bank"]) expect(sensitivityOf(field)).toMatchObject({ level: 3, categories: ["financial"] });
  });
});
