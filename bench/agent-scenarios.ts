import { join } from "node:path";
import type { Importer } from "../importers/types.js";
import type { Vault } from "../src/db/open.js";
import { importInputs } from "../src/import/run.js";
import { CATEGORIES } from "../src/policy/rules.js";
import { listRecords } from "../src/vault/queries.js";
import { benchImporter, writeRecordsFile, type BenchRecord } from "./search-records.js";

/**
 * Generated records with tags as an importer would declare them: `secret_<category>` fields are
 * level 3 of that category, `comment` level 2 (the user's own words), `shipping_address` a
 * level-3 location.
 */
export const scenarioImporter: Importer = {
  ...benchImporter,
  fieldSensitivity: {
    shipping_address: { level: 3, categories: ["location"], reason: "home address" },
    comment: { level: 2, categories: ["communications"], reason: "the user's own words" },
    ...Object.fromEntries(CATEGORIES.map((category) => [`secret_${category.replace(/ /g, "_")}`, { level: 3, categories: [category], reason: `planted ${category}` }])),
  },
};

/** Imports the records into the vault; returns each record's id by its key. */
export async function seedVault(vault: Vault, dir: string, records: BenchRecord[]): Promise<Record<string, number>> {
  await importInputs(vault, [writeRecordsFile(join(dir, "records.jsonl"), records)], { importers: [scenarioImporter] });
  return Object.fromEntries((await listRecords(vault.db, { limit: records.length })).map((record) => [record.natural_key, record.id]));
}
