import { describe, expect, it } from "vitest";
import { importInputs } from "../src/import/run.js";
import { vaultStats } from "../src/vault/queries.js";
import { useTempVault } from "./helpers.js";
import { hasRealWorld, realWorldDir } from "./real-world.js";

describe.skipIf(!hasRealWorld)("importing the real-world samples", () => {
  const tempVault = useTempVault();

  it("stores every viewing, list entry, order item and message once, and lists what it cannot read yet", async () => {
    const vault = await tempVault();
    const report = await importInputs(vault, [realWorldDir]);
    const relative = (path: string) => path.slice(realWorldDir.length + 1);

    const read = report.files.filter((file) => file.importer !== null);
    expect(read.every((file) => file.errors.length === 0)).toBe(true);
    expect(Object.fromEntries(read.map((file) => [relative(file.path), file.records]))).toEqual({
      "amazon/Retail.OrderHistory.2/Retail.OrderHistory.2.csv": 3,
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
    // Formats of later work (Takeout, the rest of Amazon) are listed, not silently dropped.
    const unread = report.files.filter((file) => file.importer === null).map((file) => relative(file.path));
    expect(unread).toEqual(expect.arrayContaining(["amazon/Retail.CartItems.2/Retail.CartItems.2.csv", "google/takeout-legacy-html/Takeout/My Activity/Chrome/MyActivity.html"]));

    expect(await vaultStats(vault.db)).toEqual({
      records: 28,
      by_platform: { amazon: 3, email: 7, netflix: 18 },
      by_kind: { account: 1, list_item: 7, message: 7, order_item: 3, preview: 2, profile: 5, search: 1, viewing: 2 },
    });
    const again = await importInputs(vault, [realWorldDir]);
    expect(again.records_added).toBe(0);
  });
});
