import { relative } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fields, records } from "../../../src/db/schema.js";
import { importInputs } from "../../../src/import/run.js";
import { fixture } from "../../../test/fixtures.js";
import { useTempVault } from "../../../test/helpers.js";
import { googleProductImporters as importers } from "./index.js";

const tempVault = useTempVault();
const folder = fixture("google", "products");

describe("Google Takeout products, imported into a vault", () => {
  it("stores every fixture's records once, with their sensitive fields tagged", async () => {
    const vault = await tempVault();
    const report = await importInputs(vault, [folder], { importers });
    const byFile = Object.fromEntries(report.files.map((file) => [relative(folder, file.path), [file.importer, file.records, file.errors.length]]));
    expect(byFile).toMatchObject({
      "Chrome/BrowserHistory.json": ["google.chrome.history", 3, 1],
      "Chrome/Bookmarks.html": ["google.chrome.bookmarks", 4, 1],
      "Calendar/anna@example.org.ics": ["google.calendar.ics", 5, 1],
      "Contacts/My Contacts/My Contacts.vcf": ["google.contacts.vcard", 3, 0],
      "Google Play Store/Purchase History.json": ["google.play.purchase-history", 2, 0],
      "Maps (your places)/Saved Places.json": ["google.maps.saved-places", 2, 1],
      "Google Play Store/Order History.json": ["google.play.order-history", 2, 0],
      "Google Play Store/Subscriptions.json": ["google.play.subscriptions", 2, 0],
      "youtube/playlists/playlists.csv": ["google.youtube.playlist-index", 1, 0],
    });
    expect(report.files.filter((file) => file.importer === null)).toEqual([]);
    expect(report.records_seen).toBe(58);
    // Two contacts in both the vCard and the CSV export, and a channel in both subscription lists.
    expect(report.records_added).toBe(55);

    const again = await importInputs(vault, [folder], { importers });
    expect(again.records_added).toBe(0);

    const stored = await vault.db
      .select({ name: fields.name, level: fields.level, categories: fields.categories })
      .from(fields)
      .innerJoin(records, eq(fields.recordId, records.id))
      .where(eq(records.platform, "google_play"));
    expect(stored.find((field) => field.name === "payment_method_title")).toMatchObject({ level: 3, categories: ["financial"] });
    expect(stored.find((field) => field.name === "device")).toMatchObject({ level: 3, categories: ["device"] });
    expect(stored.find((field) => field.name === "billing_contact")).toMatchObject({ level: 3, categories: ["contact"] });
  });
});
