/**
 * Retrieval quality on a small hand-labelled vault: for each query, the record the user means.
 * Compares full-text search alone, meaning search alone (nearest vectors) and hybrid search (both,
 * fused by RRF): hit@1, hit@3 and mean reciprocal rank. Half the queries share a word with their
 * record, half share none ("something like that documentary about climbing I half-watched").
 *
 *   npx tsx bench/search-quality.ts
 *   OWNBASE_MODEL_DIR=models OWNBASE_MODEL=<name> [OWNBASE_MODEL_DTYPE=fp32] npx tsx bench/search-quality.ts
 *
 * The model is the one `ownbase index` would use (src/search/models.ts): OWNBASE_MODEL_DIR, a
 * downloaded hub model, else the offline word-vector model. 24 records and 16 queries say which
 * way things go, not how a model does on a benchmark.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openVault } from "../src/db/open.js";
import { importInputs } from "../src/import/run.js";
import type { Embedder } from "../src/search/embedder.js";
import { chooseModel, loadChosenModel } from "../src/search/models.js";
import { searchVault } from "../src/search/search.js";
import { vectorIndexFor } from "../src/search/vector-index.js";
import { indexVault } from "../src/search/vectors.js";
import { benchImporter, writeRecordsFile, type BenchRecord } from "./search-records.js";

const record = (platform: string, kind: string, key: string, time: string, title: string, fields: Record<string, string> = {}): BenchRecord => ({ platform, kind, key, time, title, fields });

const VAULT: BenchRecord[] = [
  record("netflix", "viewing", "free-solo", "2024-03-01", "Free Solo", { synopsis: "Alex Honnold attempts to scale El Capitan without ropes" }),
  record("netflix", "viewing", "dawn-wall", "2023-01-11", "The Dawn Wall"),
  record("netflix", "viewing", "chefs-table", "2024-02-01", "Chef's Table: Season 2: Grant Achatz"),
  record("netflix", "viewing", "crown", "2022-11-05", "The Crown: Season 5: Queen Victoria Syndrome"),
  record("netflix", "viewing", "planet-earth", "2021-06-20", "Our Planet: Frozen Worlds"),
  record("netflix", "viewing", "money-heist", "2020-04-03", "Money Heist: Part 1: Episode 1"),
  record("netflix", "search", "s-sharks", "2021-07-01", "sharks", { query_typed: "sharks" }),
  record("amazon", "order_item", "headphones", "2024-04-12", "Sony WH-1000XM4 Wireless Noise Cancelling Over-Ear Headphones"),
  record("amazon", "order_item", "skillet", "2023-11-02", "Lodge Cast Iron Skillet, 12 inch"),
  record("amazon", "order_item", "harness", "2023-05-09", "Black Diamond Momentum Harness, size M"),
  record("amazon", "order_item", "toothbrush", "2022-08-15", "Oral-B Pro 1000 Rechargeable Electric Toothbrush"),
  record("amazon", "order_item", "novel", "2021-12-20", "Project Hail Mary: A Novel by Andy Weir"),
  record("amazon", "cart_item", "kettle", "2024-05-30", "Fellow Stagg EKG Electric Pour-Over Kettle"),
  record("amazon", "order_item", "tent", "2022-06-01", "MSR Hubba Hubba 2-Person Backpacking Tent"),
  record("amazon", "order_item", "diapers", "2020-10-10", "Pampers Swaddlers Newborn Diapers, 84 count"),
  record("email", "message", "train", "2024-05-06", "Your train tickets to Lyon", { body: "Booking confirmed for two adults, departure Paris Gare de Lyon 08:12" }),
  record("email", "message", "dentist", "2023-09-14", "Appointment reminder", { body: "Your dental check-up with Dr. Meyer is on Thursday at 10:30" }),
  record("email", "message", "rent", "2022-03-01", "March rent", { body: "Hi, the rent for the flat is due on the 5th as usual" }),
  record("email", "message", "climb", "2020-01-06", "Climbing on Saturday?", { body: "Shall we go to the crag?" }),
  record("email", "message", "invoice", "2023-02-17", "Invoice 2023-117", { body: "Please find attached the invoice for the website redesign" }),
  record("email", "message", "flight", "2021-08-02", "Boarding pass: LHR to JFK", { body: "Gate closes 30 minutes before departure" }),
  record("email", "message", "wedding", "2022-07-23", "Save the date!", { body: "Anna and Tom are getting married next summer in Tuscany" }),
  record("google", "search", "g-recipe", "2023-11-03", "cornbread recipe cast iron"),
  record("google", "search", "g-weather", "2024-05-05", "weather lyon tomorrow"),
];

const QUERIES: [query: string, key: string][] = [
  // Words in common with the record.
  ["free solo", "free-solo"],
  ["headphones", "headphones"],
  ["train tickets", "train"],
  ["cast iron skillet", "skillet"],
  ["invoice", "invoice"],
  ["tent", "tent"],
  ["kettle", "kettle"],
  ["climbing saturday", "climb"],
  // No content word in common ("to", "the" may be).
  ["documentary about a climber I half watched", "free-solo"],
  ["the gadget for listening to music I almost bought", "headphones"],
  ["rail journey to france", "train"],
  ["frying pan", "skillet"],
  ["bill for the web design work", "invoice"],
  ["camping gear", "tent"],
  ["teeth cleaning", "toothbrush"],
  ["baby stuff", "diapers"],
];

type Search = (query: string) => Promise<number[]>;

async function main() {
  const { choice, reason } = chooseModel();
  if (!choice) {
    console.error(`no model to measure: ${reason}`);
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "ownbase-bench-quality-"));
  const vault = await openVault(join(dir, "vault.db"));
  try {
    await importInputs(vault, [writeRecordsFile(join(dir, "vault.txt"), VAULT)], { importers: [benchImporter] });
    const embedder: Embedder = await loadChosenModel(choice);
    await indexVault(vault, embedder);
    const ids = new Map((await vault.client.execute("SELECT id, natural_key FROM records")).rows.map((row) => [String(row.natural_key), Number(row.id)]));
    const ranked = (results: { id: number }[]) => results.map((result) => result.id);
    const searches: [string, Search][] = [
      ["full text", async (query) => ranked(await searchVault(vault, query, { limit: 10 }))],
      ["meaning", async (query) => vectorIndexFor(vault, embedder.model).nearest(vault, (await embedder.embed([query]))[0]!, 10)],
      ["hybrid", async (query) => ranked(await searchVault(vault, query, { embedder, limit: 10 }))],
    ];

    console.log(`${VAULT.length} records, ${QUERIES.length} queries; model ${choice.description}, ${embedder.dim} dimensions\n`);
    console.log("| queries | search | hit@1 | hit@3 | MRR |");
    console.log("| --- | --- | ---: | ---: | ---: |");
    const groups = [["a word shared", QUERIES.slice(0, 8)], ["no content word shared", QUERIES.slice(8)], ["all", QUERIES]] as const;
    for (const [name, queries] of groups) {
      for (const [label, search] of searches) {
        let hit1 = 0;
        let hit3 = 0;
        let reciprocal = 0;
        for (const [query, key] of queries) {
          const rank = (await search(query)).indexOf(ids.get(key)!) + 1;
          if (rank === 1) hit1++;
          if (rank >= 1 && rank <= 3) hit3++;
          if (rank >= 1) reciprocal += 1 / rank;
          if (name === "all" && label === "hybrid" && rank !== 1) console.error(`  hybrid: "${query}" → ${rank === 0 ? "not in the top 10" : `rank ${rank}`}`);
        }
        const n = queries.length;
        console.log(`| ${name} | ${label} | ${(hit1 / n).toFixed(2)} | ${(hit3 / n).toFixed(2)} | ${(reciprocal / n).toFixed(2)} |`);
      }
    }
  } finally {
    vault.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
