import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorldDir } from "../../test/real-world.js";
import type { FileSample } from "../types.js";
import { netflixImporters } from "./index.js";

/** The importer sure of a file, or null when none wants it. */
function claimant(sample: FileSample): string | null {
  const [best] = netflixImporters.map((importer) => ({ id: importer.id, confidence: importer.detect(sample) })).sort((a, b) => b.confidence - a.confidence);
  return best && best.confidence > 0 ? best.id : null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("Netflix importers", () => {
  it("each claim their own files of the export", async () => {
    const root = fixture("netflix");
    const claims: Record<string, string | null> = {};
    for (const path of filesUnder(root)) claims[relative(root, path)] = claimant(await fileInputFromPath(path));
    expect(claims).toEqual({
      "ACCOUNT/AccountDetails.csv": "netflix.account",
      "CONTENT_INTERACTION/MyList.csv": "netflix.my-list",
      "CONTENT_INTERACTION/Ratings.csv": "netflix.ratings",
      "CONTENT_INTERACTION/SearchHistory.csv": "netflix.search-history",
      "CONTENT_INTERACTION/ViewingActivity.csv": "netflix.viewing-activity",
      "DEVICES/Devices.csv": "netflix.devices",
      "IP_ADDRESSES/IpAddressesLogin.csv": "netflix.ip-addresses",
      "IP_ADDRESSES/IpAddressesStreaming-2021.csv": "netflix.ip-addresses",
      "IP_ADDRESSES/IpAddressesStreaming.csv": "netflix.ip-addresses",
      "NetflixViewingHistory-DE.csv": "netflix.viewing-history",
      "NetflixViewingHistory-ISO.csv": "netflix.viewing-history",
      "NetflixViewingHistory-UK.csv": "netflix.viewing-history",
      "NetflixViewingHistory-US.csv": "netflix.viewing-history",
      "NetflixViewingHistory-ambiguous.csv": "netflix.viewing-history",
      "PAYMENT_AND_BILLING/BillingHistory.csv": "netflix.billing-history",
      "PROFILES/Profiles.csv": "netflix.profiles",
    });
  });

  it("leave random bytes and other exports' files alone", () => {
    const others = [
      fileInputFromBuffer("ViewingActivity.csv", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))),
      fileInputFromBuffer("Retail.OrderHistory.1.csv", '\uFEFF"Website","Order ID","Order Date","Title","Date"\n'),
      fileInputFromBuffer("subscriptions.csv", "Channel Id,Channel Url,Channel Title\n"),
      fileInputFromBuffer("All mail.mbox", "From 1654953015393719153@xxx Mon Jan 06 04:49:45 +0000 2020\nX-GM-THRID: 1\n"),
      fileInputFromBuffer("MyActivity.json", '[{"header":"YouTube","title":"Watched x","time":"2020-01-01T00:00:00Z"}]'),
    ];
    expect(others.map(claimant)).toEqual([null, null, null, null, null]);
  });
});

describe.skipIf(!hasRealWorld)("Netflix importers on other platforms' real-world samples", () => {
  it("claim none of them", async () => {
    const foreign = ["amazon", "google", "mbox"].flatMap((platform) => filesUnder(join(realWorldDir, platform)));
    const claimed = [];
    for (const path of foreign) if (claimant(await fileInputFromPath(path))) claimed.push(path);
    expect(claimed).toEqual([]);
  });
});
