import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixturesDir } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import type { FileSample } from "../types.js";
import { amazonImporters } from "./index.js";

/** The importers that claim a file, by id. */
function claimants(file: FileSample): string[] {
  return amazonImporters.filter((importer) => importer.detect(file) > 0).map((importer) => importer.id);
}

describe("Amazon importers", () => {
  it("each claim only their own fixtures", async () => {
    const claims: Record<string, string[]> = {};
    for (const entry of await readdir(join(fixturesDir, "amazon"), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name !== "empty.csv") claims[entry.name] = claimants(await fileInputFromPath(join(entry.parentPath, entry.name)));
    }
    expect(claims).toEqual({
      "Retail.OrderHistory.1.csv": ["amazon.retail-order-history"],
      "Retail.OrderHistory.3.csv": ["amazon.retail-order-history"],
      "Retail.OrderHistory.json": ["amazon.retail-order-history-json"],
      "01-Jan-2019_to_31-Mar-2021.csv": ["amazon.order-history-report"],
      "no-data.csv": ["amazon.order-history-report"],
      "Digital Items.csv": ["amazon.digital-items"],
      "Digital Orders.csv": ["amazon.digital-orders"],
      "Retail.CartItems.1.csv": ["amazon.cart-items"],
      "Amazon.Lists.Wishlist.json": ["amazon.wishlist"],
      "Digital.PrimeVideo.Viewinghistory.csv": ["amazon.prime-video-viewing-history"],
      "ViewingHistory.csv": ["amazon.prime-video-viewing-history"],
      "Digital.PrimeVideo.Watchlist.csv": ["amazon.prime-video-watchlist"],
      "Digital.PrimeVideo.WatchlistHistory.csv": ["amazon.prime-video-watchlist"],
      "Audible.Library.csv": ["amazon.audible-library"],
      "Retail.OrdersReturned.1.csv": ["amazon.orders-returned"],
      "Retail.OrdersReturned.Payments.1.csv": ["amazon.orders-returned-payments"],
      "Retail.CustomerReturns.1.1.csv": ["amazon.customer-returns"],
      "PaymentOptions.PaymentInstruments.csv": ["amazon.payment-instruments"],
    });
  });

  it("claim no empty file, random bytes or other platforms' files", () => {
    expect(claimants(fileInputFromBuffer("Retail.OrderHistory.1.csv", ""))).toEqual([]);
    expect(claimants(fileInputFromBuffer("Retail.OrderHistory.1.csv", Buffer.from([0x5b, 0x00, 0x9f, 0xff, 0x13, 0x22])))).toEqual([]);
    expect(claimants(fileInputFromBuffer("ViewingActivity.csv", "Profile Name,Start Time,Duration,Title,Device Type\n"))).toEqual([]);
    expect(claimants(fileInputFromBuffer("MyActivity.json", '[{"header": "YouTube", "title": "Watched x", "time": "2020-01-01T00:00:00Z"}]'))).toEqual([]);
  });
});

describe.skipIf(!hasRealWorld)("Amazon importers, real-world samples", () => {
  it("each claim only their own format", async () => {
    const files = [
      "Retail.OrderHistory.2/Retail.OrderHistory.2.csv",
      "Digital-Ordering.2/Digital Items.csv",
      "Digital-Ordering.2/Digital Orders.csv",
      "Retail.CartItems.2/Retail.CartItems.2.csv",
      "Amazon.Lists.Wishlist.2.1/Amazon.Lists.Wishlist.json",
    ];
    const claims: Record<string, string[]> = {};
    for (const file of files) claims[file] = claimants(await fileInputFromPath(realWorld("amazon", ...file.split("/"))));
    expect(claims).toEqual({
      "Retail.OrderHistory.2/Retail.OrderHistory.2.csv": ["amazon.retail-order-history"],
      "Digital-Ordering.2/Digital Items.csv": ["amazon.digital-items"],
      "Digital-Ordering.2/Digital Orders.csv": ["amazon.digital-orders"],
      "Retail.CartItems.2/Retail.CartItems.2.csv": ["amazon.cart-items"],
      "Amazon.Lists.Wishlist.2.1/Amazon.Lists.Wishlist.json": ["amazon.wishlist"],
    });
  });
});
