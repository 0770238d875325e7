import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importInputs } from "../src/import/run.js";
import { vaultStats } from "../src/vault/queries.js";
import { useTempDir, useTempVault, writeZip } from "./helpers.js";

const viewingActivity = [
  "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country",
  "Ana,2024-03-01 20:15:00,00:42:10,,Dark: Season 1: Secrets (Episode 1),,Smart TV,00:42:10,00:42:10,DE (Germany)",
  "Ana,2024-03-02 20:15:00,00:40:00,,Dark: Season 1: Lies (Episode 2),,Smart TV,00:40:00,00:40:00,DE (Germany),surplus",
  "Ben,2024-03-03 21:00:00,01:55:00,,Dune,,Chrome PC (Cadmium),01:55:00,01:55:00,DE (Germany)",
].join("\n");

describe("malformed inputs among good ones", () => {
  const tempDir = useTempDir();
  const tempVault = useTempVault();

  it("report each bad file or row with what was wrong, import the rest, and leave what was stored intact", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    writeFileSync(join(dir, "ViewingActivity.csv"), viewingActivity);
    const first = await importInputs(vault, [join(dir, "ViewingActivity.csv")]);
    expect(first.records_added).toBe(2);

    writeFileSync(join(dir, "colours.csv"), "Colour,Shape\nred,round\n");
    writeFileSync(join(dir, "Retail.OrderHistory.1.csv"), '"Website","Order ID","Order Date"\n"Amazon.com","111-1","01/02/2024 10:00:00 UTC"\n');
    writeFileSync(join(dir, "random.csv"), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 2654435761) % 251)));
    writeFileSync(join(dir, "empty.mbox"), "");
    const zip = readFileSync(writeZip(join(dir, "export.zip"), { "MyList.csv": "Profile Name,Title Name,Country,Utc Title Add Date\nAna,Dark,Germany,2023-01-15\n" }));
    writeFileSync(join(dir, "truncated.zip"), zip.subarray(0, zip.length - 40));
    const second = await importInputs(vault, [dir]);
    const byName = Object.fromEntries(second.files.map((file) => [file.path.slice(dir.length + 1), file]));

    expect(byName["colours.csv"]).toMatchObject({ importer: null, errors: ['not recognised: no importer knows a file starting with "Colour,Shape"'] });
    expect(byName["Retail.OrderHistory.1.csv"]).toMatchObject({ importer: null });
    expect(byName["random.csv"]).toMatchObject({ importer: null, errors: ["not recognised: binary content that no importer reads"] });
    expect(byName["empty.mbox"]).toMatchObject({ importer: null, errors: ["empty file"] });
    expect(byName["truncated.zip"]!.errors[0]).toMatch(/^not a readable zip \(truncated or damaged\)/);
    expect(byName["ViewingActivity.csv"]).toMatchObject({ records: 2, records_added: 0, errors: ["row 2: expected 10 fields but found 11"] });
    // The whole zip the truncated one was cut from still imports.
    expect(byName["export.zip/MyList.csv"]).toMatchObject({ importer: "netflix.my-list", records: 1, records_added: 1, errors: [] });
    expect(second.records_added).toBe(1);
    expect((await vaultStats(vault.db)).records).toBe(3);
  });
});
