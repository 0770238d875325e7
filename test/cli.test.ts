import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ownbase } from "./cli.js";
import { useTempDir, writeZip } from "./helpers.js";

const viewingActivity = [
  "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country",
  "Ana,2024-03-01 20:15:00,00:42:10,,The Crown: Season 1: Wolferton Splash (Episode 1),,Smart TV,00:42:10,00:42:10,GB (United Kingdom)",
  "Ana,2024-03-01 20:10:00,00:01:30,,Season 1 (Trailer): The Crown,TRAILER,Smart TV,00:01:30,00:01:30,GB (United Kingdom)",
  "Ben,2024-03-02 21:00:00,01:55:00,,Dune,,Chrome PC (Cadmium),01:55:00,01:55:00,GB (United Kingdom)",
].join("\n");

const orderHistory = [
  '\uFEFF"Website","Order ID","Order Date","Purchase Order Number","Currency","Unit Price","Unit Price Tax","Shipping Charge","Total Discounts","Total Owed","Shipment Item Subtotal","Shipment Item Subtotal Tax","ASIN","Product Condition","Quantity","Payment Instrument Type","Order Status","Shipment Status","Ship Date","Shipping Option","Shipping Address","Billing Address","Carrier Name & Tracking Number","Product Name","Gift Message","Gift Sender Name","Gift Recipient Contact Details"',
  '"Amazon.com","111-2223334-5556667","03/04/2024 10:11:12 UTC","Not Applicable","USD","19.99","1.60","0","0","21.59","19.99","1.60","B00TEST001","New","1","Visa - 1234","Closed","Shipped","03/05/2024 08:00:00 UTC","standard","Ana Example 1 Main St Springfield IL 62701 US","Ana Example 1 Main St Springfield IL 62701 US","UPS(1Z999AA10123456784)","Climbing Chalk Bag","Not Available","Not Available","Not Available"',
].join("\n");

const mbox = [
  "From alice@example.com Mon Jan 06 04:49:45 +0000 2020",
  "From: Alice <alice@example.com>",
  "To: Ana <ana@example.com>",
  "Subject: Climbing on Saturday?",
  "Date: Mon, 06 Jan 2020 04:49:45 +0000",
  "Message-ID: <climb-1@example.com>",
  "",
  "Shall we go to the crag?",
  "",
].join("\n");

describe("ownbase CLI", () => {
  const tempDir = useTempDir();

  it("imports a mixed drop, then reports stats and records with their sensitivity", () => {
    const dir = tempDir();
    const db = join(dir, "vault.db");
    mkdirSync(join(dir, "drop"));
    writeZip(join(dir, "drop/netflix-report.zip"), { "CONTENT_INTERACTION/ViewingActivity.csv": viewingActivity });
    writeFileSync(join(dir, "drop/Retail.OrderHistory.1.csv"), orderHistory);
    writeFileSync(join(dir, "drop/mail.mbox"), mbox);
    writeFileSync(join(dir, "drop/holiday.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));

    const imported = ownbase(["import", "--db", db, "--json", join(dir, "drop")]);
    expect(imported.status).toBe(0);
    const report = JSON.parse(imported.stdout);
    expect(Object.keys(report)).toEqual(["records_added", "records_seen", "files"]);
    expect(report.records_added).toBe(5);
    const files = Object.fromEntries(report.files.map((file: { path: string }) => [file.path.slice(join(dir, "drop").length + 1), file]));
    expect(files["netflix-report.zip/CONTENT_INTERACTION/ViewingActivity.csv"]).toMatchObject({ records: 3, errors: [] });
    expect(files["Retail.OrderHistory.1.csv"]).toMatchObject({ importer: expect.stringMatching(/^amazon\./), records: 1, errors: [] });
    expect(files["mail.mbox"]).toMatchObject({ importer: expect.stringMatching(/^mbox/), records: 1, errors: [] });
    expect(files["holiday.jpg"]).toMatchObject({ importer: null, records: 0, errors: ["not recognised: binary content that no importer reads"] });

    const stats = JSON.parse(ownbase(["stats", "--db", db, "--json"]).stdout);
    // The trailer Ana saw is kept, as a preview rather than a viewing.
    expect(stats).toEqual({ records: 5, by_platform: { amazon: 1, email: 1, netflix: 3 }, by_kind: { message: 1, order_item: 1, preview: 1, viewing: 2 } });

    const viewings = JSON.parse(ownbase(["records", "--db", db, "--json", "--platform", "netflix", "--kind", "viewing", "--limit", "1"]).stdout);
    expect(viewings).toHaveLength(1);
    expect(viewings[0]).toMatchObject({ platform: "netflix", kind: "viewing", title: "Dune", time: "2024-03-02T21:00:00.000Z" });
    expect(viewings[0].fields).toContainEqual(expect.objectContaining({ name: "profile", value: "Ben", level: 1 }));

    const [order] = JSON.parse(ownbase(["records", "--db", db, "--json", "--platform", "amazon"]).stdout);
    const address = order.fields.find((field: { name: string }) => field.name === "shipping_address");
    expect(address).toMatchObject({ value: "Ana Example 1 Main St Springfield IL 62701 US", level: 3 });
    expect(address.categories).toEqual(expect.arrayContaining(["location"]));

    const again = JSON.parse(ownbase(["import", "--db", db, "--json", join(dir, "drop")]).stdout);
    expect([again.records_seen, again.records_added]).toEqual([5, 0]);
  });

  it("exits non-zero with a one-line reason when no input can be read", () => {
    const dir = tempDir();
    const result = ownbase(["import", "--db", join(dir, "vault.db"), join(dir, "nowhere.zip")]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([`ownbase: nothing could be read: ${join(dir, "nowhere.zip")}: no such file or folder`]);
  });

  it("uses the vault named by OWNBASE_DB when --db is not given", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mail.mbox"), mbox);
    expect(ownbase(["import", join(dir, "mail.mbox")], { OWNBASE_DB: join(dir, "env.db") }).status).toBe(0);
    expect(JSON.parse(ownbase(["stats", "--json", "--db", join(dir, "env.db")]).stdout).records).toBe(1);
  });

  it("keeps the vault in OWNBASE_HOME by default", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mail.mbox"), mbox);
    const env = { OWNBASE_HOME: join(dir, "home"), OWNBASE_DB: "" };
    expect(ownbase(["import", join(dir, "mail.mbox")], env).status).toBe(0);
    expect(JSON.parse(ownbase(["stats", "--json", "--db", join(dir, "home", "vault.db")]).stdout).records).toBe(1);
  });
});
