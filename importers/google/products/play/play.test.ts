import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { playInstallsImporter } from "./installs.js";
import { playLibraryImporter } from "./library.js";
import { playOrdersImporter } from "./order-history.js";
import { playPurchasesImporter } from "./purchase-history.js";
import { playSubscriptionsImporter } from "./subscriptions.js";

const input = (name: string) => fileInputFromPath(fixture("google", "products", "Google Play Store", name));

describe("Google Play Store (Installs, Library, Purchase History, Order History, Subscriptions)", () => {
  it("keeps an app installed on two devices as two installs, devices highly sensitive", async () => {
    const file = await input("Installs.json");
    expect(playInstallsImporter.detect(file)).toBe(1);
    const { records, errors } = await readAll(playInstallsImporter, file);
    expect(records.map((record) => [record.kind, record.title, record.time])).toEqual([
      ["app_install", "Signal Private Messenger", new Date("2021-01-12T08:30:11.482Z")],
      ["app_install", "Signal Private Messenger", new Date("2019-05-03T17:02:40Z")],
    ]);
    expect(records[0]!.fields).toEqual({
      document_type: "Android Apps",
      title: "Signal Private Messenger",
      first_installation_time: "2021-01-12T08:30:11.482Z",
      device: { manufacturer: "Google", model: "Pixel 6", carrier: "Vodafone DE", deviceDisplayName: "Google Pixel 6" },
      last_update_time: "2024-02-01T12:00:00.000Z",
    });
    expect(records[0]!.naturalKey).not.toBe(records[1]!.naturalKey);
    expect(records[0]!.naturalKey).not.toContain("Pixel");
    expect(playInstallsImporter.fieldSensitivity?.device?.level).toBe(3);
    expect(errors).toEqual([{ type: "error", at: "item 3", message: 'expected an object under "install"' }]);
  });

  it("reads the library: apps and books the account owns", async () => {
    const { records, errors } = await readAll(playLibraryImporter, await input("Library.json"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.naturalKey, record.time])).toEqual([
      ["library_item", "library_item|Android Apps|Komoot", new Date("2018-07-21T09:14:02.001Z")],
      ["library_item", "library_item|Book|Der Process", new Date("2020-12-24T20:00:00Z")],
    ]);
  });

  it("reads purchases with the price as amount and currency, the payment method highly sensitive", async () => {
    const { records, errors } = await readAll(playPurchasesImporter, await input("Purchase History.json"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      kind: "purchase",
      title: "Threema. Sicherer Messenger",
      time: new Date("2022-03-14T15:09:26.535Z"),
      fields: { invoice_price: "5,49 €", amount: 5.49, currency: "EUR", payment_method_title: "Visa ·· 4242", user_country: "DE" },
    });
    expect(records[1]!.fields).toMatchObject({ amount: 0, currency: "EUR" });
    expect(playPurchasesImporter.fieldSensitivity?.payment_method_title?.level).toBe(3);
  });

  it("reads orders titled by their items, the total as amount and currency, card, contact and IP highly sensitive", async () => {
    const { records, errors } = await readAll(playOrdersImporter, await input("Order History.json"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.naturalKey, record.title, record.time, record.fields.amount, record.fields.currency])).toEqual([
      ["order", "order|GPA.3345-6789-0123-45678", "Threema. Sicherer Messenger", new Date("2022-03-14T15:09:26.535Z"), 5.49, "EUR"],
      ["order", "order|GPA.3311-2222-3333-44444", "Der Process; Nosferatu", new Date("2023-12-24T09:00:00Z"), 12.98, "USD"],
    ]);
    expect(records[0]!.fields).toMatchObject({ total_price: "5,49 €", tax: "0,88 €", ip_country: "DE", line_items: [{ doc: { title: "Threema. Sicherer Messenger" }, quantity: 1 }] });
    for (const field of ["billing_instrument", "billing_contact", "associated_contact", "ip_address"]) {
      expect(records[0]!.fields).toHaveProperty(field);
      expect(playOrdersImporter.fieldSensitivity?.[field]?.level).toBe(3);
    }
  });

  it("reads subscriptions with their state, date and price per period as amount and currency", async () => {
    const { records, errors } = await readAll(playSubscriptionsImporter, await input("Subscriptions.json"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.title, record.time, record.fields.state, record.fields.amount, record.fields.currency])).toEqual([
      ["subscription", "Komoot Premium", new Date("2026-12-01T00:00:00.000Z"), "Active", 59.99, "EUR"],
      ["subscription", "Signal Sustainer", new Date("2024-05-01T00:00:00Z"), "Canceled", 4.99, "USD"],
    ]);
    expect(records[0]!.fields.pricing).toEqual([{ period: "1 Jahr", price: "59,99 €" }]);
  });

  it("each file is claimed by its own reader only", async () => {
    const files = await Promise.all(["Installs.json", "Library.json", "Purchase History.json", "Order History.json", "Subscriptions.json"].map(input));
    const importers = [playInstallsImporter, playLibraryImporter, playPurchasesImporter, playOrdersImporter, playSubscriptionsImporter];
    expect(files.map((file) => importers.map((importer) => importer.detect(file) > 0))).toEqual([
      [true, false, false, false, false],
      [false, true, false, false, false],
      [false, false, true, false, false],
      [false, false, false, true, false],
      [false, false, false, false, true],
    ]);
  });
});
