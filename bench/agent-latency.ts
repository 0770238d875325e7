/**
 * Latency of `ask` with the built-in recommender (no model server) on a generated vault: p50
 * and p90 over several requests, each answered in full (approve none: the path with the most
 * work, a disclosure and an audit entry every time). The target is p50 < 300 ms at 100k records.
 *
 *   npx tsx bench/agent-latency.ts [--records 100000] [--runs 30]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ask } from "../src/agent/ask.js";
import { openVault } from "../src/db/open.js";
import { seedVault } from "./agent-scenarios.js";
import type { BenchRecord } from "./search-records.js";

const { values } = parseArgs({ options: { records: { type: "string", default: "100000" }, runs: { type: "string", default: "30" } } });
const count = Number(values.records);
const runs = Number(values.runs);

const TOPICS = ["climbing", "cooking", "jazz", "football", "gardening", "chess", "photography", "cycling", "astronomy", "pottery"];
const KINDS: [platform: string, kind: string][] = [
  ["netflix", "viewing"],
  ["youtube", "viewing"],
  ["amazon", "order_item"],
  ["amazon", "list_item"],
  ["netflix", "list_item"],
  ["google_search", "page_visit"],
  ["google_maps", "place_visit"],
  ["gmail", "message"],
];
const REQUESTS = ["something to watch tonight, not too long", "a birthday gift for my sister who likes climbing", "articles like the ones I read about chess", "music to listen to like jazz", "where to eat near my usual places"];

function generate(total: number): BenchRecord[] {
  let state = 42;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) >>> 0;
    // The low bits of this generator cycle quickly; the high ones do not.
    return (state >>> 16) % n;
  };
  return Array.from({ length: total }, (_, i) => {
    const [platform, kind] = KINDS[next(KINDS.length)]!;
    const title = `${TOPICS[next(TOPICS.length)]} ${["guide", "story", "kit", "live", "basics", "show"][next(6)]} ${i}`;
    const fields: Record<string, string> = { title, ...(kind === "list_item" ? { list: platform === "amazon" ? "Wish List" : "My List" } : {}) };
    if (kind === "order_item") fields.shipping_address = `${i} Main Street`;
    if (kind === "viewing") fields.duration_seconds = String(600 + next(7200));
    return { platform, kind, key: `r${i}`, time: new Date(1.7e12 + i * 60_000).toISOString(), title, fields };
  });
}

const dir = mkdtempSync(join(tmpdir(), "ownbase-agent-latency-"));
const vault = await openVault(join(dir, "vault.db"));
try {
  let started = performance.now();
  await seedVault(vault, dir, generate(count));
  console.log(`generated and imported ${count} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    started = performance.now();
    const result = await ask(vault, { request: REQUESTS[run % REQUESTS.length]!, llm: null, approve: "none" });
    times.push(performance.now() - started);
    if (run === 0 && result.recommendations.length === 0) console.log("warning: the first request got no recommendation");
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!.toFixed(0);
  console.log(`ask, built-in recommender, ${runs} runs over ${REQUESTS.length} requests: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
} finally {
  vault.close();
  rmSync(dir, { recursive: true, force: true });
}
