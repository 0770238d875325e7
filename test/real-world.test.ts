import { describe, expect, it } from "vitest";
import { importInputs } from "../src/import/run.js";
import { listRecords, vaultStats } from "../src/vault/queries.js";
import { useTempVault } from "./helpers.js";
import { hasRealWorld, realWorldDir } from "./real-world.js";

describe.skipIf(!hasRealWorld)("importing the real-world samples", () => {
  const tempVault = useTempVault();

  it("stores every viewing, list entry, order item and message once, and lists what is not an export", async () => {
    const vault = await tempVault();
    const report = await importInputs(vault, [realWorldDir]);
    const relative = (path: string) => path.slice(realWorldDir.length + 1);

    const read = report.files.filter((file) => file.importer !== null);
    expect(read.every((file) => file.errors.length === 0)).toBe(true);
    expect(Object.fromEntries(read.map((file) => [relative(file.path), file.records]))).toEqual({
      "amazon/Amazon.Lists.Wishlist.2.1/Amazon.Lists.Wishlist.json": 38,
      "amazon/Digital-Ordering.2/Digital Items.csv": 3,
      "amazon/Digital-Ordering.2/Digital Orders.csv": 4,
      "amazon/Retail.CartItems.2/Retail.CartItems.2.csv": 1,
      "amazon/Retail.OrderHistory.2/Retail.OrderHistory.2.csv": 3,
      "google/takeout-2019-json/Takeout/Location History/Location History.json": 1,
      "google/takeout-2019-json/Takeout/My Activity/Google Play Books/My Activity.json": 1,
      "google/takeout-2019-json/Takeout/My Activity/Maps/My Activity.json": 2,
      "google/takeout-2019-json/Takeout/My Activity/Search/My Activity.json": 2,
      "google/takeout-legacy-html/Takeout/My Activity/Chrome/MyActivity.html": 3,
      "mbox/mbox_complex.mbox": 2,
      "mbox/mbox_iso8859_encoding.mbox": 1,
      "mbox/mbox_multipart.mbox": 2,
      "mbox/mbox_single.mbox": 1,
      "mbox/mbox_unknown_encoding.mbox": 1,
      "netflix/ACCOUNT/AccountDetails.csv": 1,
      "netflix/CONTENT_INTERACTION/MyList.csv": 7,
      "netflix/CONTENT_INTERACTION/SearchHistory.csv": 1,
      "netflix/CONTENT_INTERACTION/ViewingActivity.csv": 4,
      "netflix/PROFILES/Profiles.csv": 5,
    });
    // What is not an export is listed, not silently dropped.
    const unread = report.files.filter((file) => file.importer === null).map((file) => relative(file.path));
    expect(unread).toEqual(["google/recent-takeout-paths-en.txt", "SOURCES.md"]);

    expect(await vaultStats(vault.db)).toEqual({
      records: 83,
      by_platform: { amazon: 49, email: 7, google_books: 1, google_location: 1, google_maps: 2, google_search: 5, netflix: 18 },
      by_kind: {
        account: 1,
        activity: 1,
        list_item: 40,
        list_member: 6,
        location_points: 1,
        message: 7,
        order_item: 6,
        page_visit: 4,
        preview: 2,
        profile: 5,
        purchase: 4,
        search: 4,
        viewing: 2,
      },
    });
    // Addresses, payment data, account details and precise locations are highly sensitive, with a reason.
    const tags = new Map<string, { level: number; categories: string[]; reason: string }>();
    for (const record of await listRecords(vault.db, { limit: 1000 })) {
      for (const field of record.fields) tags.set(`${record.platform} ${record.kind} ${field.name}`, field);
    }
    for (const [field, category] of [
      ["amazon order_item shipping_address", "location"],
      ["amazon order_item billing_address", "location"],
      ["amazon order_item carrier_tracking", "identifier"],
      ["amazon purchase payment_information", "financial"],
      ["amazon purchase session_id", "identifier"],
      ["netflix account email_address", "contact"],
      ["netflix account phone_number", "contact"],
      ["email message from", "contact"],
      ["google_location location_points points", "location"],
      ["google_search search locations", "location"],
    ]) {
      expect(tags.get(field!), field).toMatchObject({ level: 3, categories: expect.arrayContaining([category]), reason: expect.stringMatching(/\w/) });
    }

    const again = await importInputs(vault, [realWorldDir]);
    expect(again.records_added).toBe(0);
  });
});
