/**
 * Cross-platform against single-platform recommendations, for the built-in recommender, on
 * synthetic personas. Each persona likes two of ten topics. Their Netflix My List holds the items
 * they went on to watch (held out: two items of their topics, the "future") among eight of other
 * topics; their older Netflix history says little (one viewing of a topic they like, three of
 * others), while Amazon orders and YouTube viewings show their topics more clearly, as pooled
 * exports do. Hit rate: share of held-out items among the top three picks for "something to
 * watch tonight", once with every platform in the vault and once with Netflix alone.
 *
 *   npx tsx bench/agent-quality.ts [--personas 20]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ask } from "../src/agent/ask.js";
import { openVault } from "../src/db/open.js";
import { seedVault } from "./agent-scenarios.js";
import type { BenchRecord } from "./search-records.js";

const { values } = parseArgs({ options: { personas: { type: "string", default: "20" } } });
const PERSONAS = Number(values.personas);
const TOPICS = ["climbing", "cooking", "jazz", "football", "gardening", "chess", "photography", "cycling", "astronomy", "pottery"];
const TOP = 3;

let state = 7;
function next(n: number): number {
  state = (state * 1103515245 + 12345) >>> 0;
  return (state >>> 16) % n;
}

function persona(index: number): { records: BenchRecord[]; heldOut: string[] } {
  const liked = [TOPICS[index % TOPICS.length]!, TOPICS[(index + 3) % TOPICS.length]!];
  const others = TOPICS.filter((topic) => !liked.includes(topic));
  const records: BenchRecord[] = [];
  const add = (platform: string, kind: string, topic: string, fields: Record<string, string> = {}) => {
    const title = `${topic} ${["stories", "the series", "live", "uncovered", "masters"][next(5)]} ${records.length}`;
    records.push({ platform, kind, key: `p${index}r${records.length}`, time: new Date(Date.UTC(2026, 0, 1 + records.length)).toISOString(), title, fields: { title, ...fields } });
    return title;
  };
  add("netflix", "viewing", liked[0]!);
  for (let i = 0; i < 3; i++) add("netflix", "viewing", others[next(others.length)]!);
  for (let i = 0; i < 6; i++) add("amazon", "order_item", liked[i % 2]!);
  for (let i = 0; i < 6; i++) add("youtube", "viewing", liked[i % 2]!);
  for (let i = 0; i < 4; i++) add(["amazon", "youtube"][i % 2]!, i % 2 ? "viewing" : "order_item", others[next(others.length)]!);
  const heldOut = liked.map((topic) => add("netflix", "list_item", topic, { list: "My List" }));
  for (let i = 0; i < 8; i++) add("netflix", "list_item", others[i % others.length]!, { list: "My List" });
  return { records, heldOut };
}

const dir = mkdtempSync(join(tmpdir(), "ownbase-agent-quality-"));
const hits = { cross: 0, single: 0 };
let total = 0;
try {
  for (let index = 0; index < PERSONAS; index++) {
    const { records, heldOut } = persona(index);
    for (const [setting, kept] of [["cross", records], ["single", records.filter((record) => record.platform === "netflix")]] as const) {
      const vault = await openVault(join(dir, `${index}-${setting}.db`));
      try {
        await seedVault(vault, dir, kept);
        const result = await ask(vault, { request: "something to watch tonight", llm: null, approve: "none" });
        const picks = result.recommendations.slice(0, TOP).map((pick) => pick.title);
        hits[setting] += heldOut.filter((title) => picks.includes(title)).length;
      } finally {
        vault.close();
      }
    }
    total += heldOut.length;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const rate = (hit: number) => `${((100 * hit) / total).toFixed(0)}%`;
console.log(`${PERSONAS} personas, ${total} held-out Netflix items, hit rate in the top ${TOP} of the built-in recommender:`);
console.log(`  all platforms (Netflix, Amazon, YouTube): ${rate(hits.cross)}`);
console.log(`  Netflix only (single-platform baseline):  ${rate(hits.single)}`);
