/**
 * The web server under load, on loopback: `ownbase serve` over a generated vault of about
 * `--records` records, then for `--seconds`, at once, `--searchers` clients searching without
 * pause, `--askers` clients asking for recommendations, and one import uploaded and followed to
 * its report. Prints per endpoint the requests, errors and latency percentiles.
 *
 *   npx tsx bench/server-load.ts [--records 50000] [--seconds 30] [--searchers 8] [--askers 2] [--profile DIR]
 *
 * Figures are indicative: the bench, the server and its import share the machine's cores.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openVault } from "../src/db/open.js";
import { importInputs } from "../src/import/run.js";
import { ensureTagsCurrent } from "../src/sensitivity/retag.js";
import { writeMixedExport } from "../test/crash-harness.js";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "50000" },
    seconds: { type: "string", default: "30" },
    searchers: { type: "string", default: "8" },
    askers: { type: "string", default: "2" },
    /** Writes the server's CPU profile there (node --cpu-prof), to see what keeps it busy. */
    profile: { type: "string" },
  },
});
/** Records in one mixed export at scale 1. */
const RECORDS_PER_SCALE = 18_500;
const root = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "ownbase-load-"));
const db = join(dir, "vault.db");

const WORDS = ["show", "season", "episode", "climbing", "gear", "video", "note", "lorem", "channel", "item", "watched", "dolor", "amet", "whisk", "number"];
const REQUESTS = ["something to watch tonight", "a birthday gift for my sister who likes climbing", "videos like the ones I watched last week", "a show like Show 12"];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

interface Tally {
  requests: number;
  latencies: number[];
  errors: number;
  statuses: Map<number | string, number>;
}
const tallies = new Map<string, Tally>();

/** Sends a request, tallies its latency and status, and returns its body (null when it failed). */
async function timed(endpoint: string, request: () => Promise<Response>): Promise<string | null> {
  const tally = tallies.get(endpoint) ?? { requests: 0, latencies: [], errors: 0, statuses: new Map<number | string, number>() };
  tallies.set(endpoint, tally);
  tally.requests++;
  const started = performance.now();
  try {
    const response = await request();
    const body = await response.text();
    tally.latencies.push(performance.now() - started);
    tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
    if (!response.ok) tally.errors++;
    return response.ok ? body : null;
  } catch (error) {
    tally.errors++;
    const key = (error as Error).message;
    tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
    return null;
  }
}

function percentile(sorted: number[], p: number): string {
  if (sorted.length === 0) return "-";
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(0);
}

try {
  const scale = Number(values.records) / RECORDS_PER_SCALE;
  const exportZip = join(dir, "export.zip");
  writeMixedExport(exportZip, scale);
  const setupStarted = Date.now();
  const vault = await openVault(db);
  const setup = await importInputs(vault, [exportZip]);
  // As `ownbase import` does: else the server's first import would re-tag the whole vault first.
  await ensureTagsCurrent(vault);
  vault.close();
  console.log(`vault: ${setup.records_added} records, imported in ${((Date.now() - setupStarted) / 1000).toFixed(0)} s`);
  // The import during the load: new records (a different range of the same generator).
  const uploadZip = join(dir, "upload.zip");
  writeMixedExport(uploadZip, Math.min(scale, 0.5), 1_000_000);

  const profiling = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${resolve(values.profile)}`] : [];
  const server = spawn(process.execPath, [...profiling, "--import", "tsx", join(root, "src/cli/main.ts"), "serve", "--db", db, "--port", "0"], {
    cwd: root,
    env: { ...process.env, OWNBASE_HOME: join(dir, "home"), OWNBASE_LLM_URL: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    let printed = "";
    server.stdout.setEncoding("utf8");
    const link = await new Promise<URL>((resolveLink, reject) => {
      server.stdout.on("data", (chunk: string) => {
        printed += chunk;
        const match = printed.match(/open (http:\/\/\S+)/);
        if (match) resolveLink(new URL(match[1]!));
      });
      server.once("exit", (code) => reject(new Error(`ownbase serve exited (${code})`)));
    });
    const base = link.origin;
    const headers = { authorization: `Bearer ${link.searchParams.get("token")}` };
    const deadline = Date.now() + Number(values.seconds) * 1000;

    const searcher = async () => {
      while (Date.now() < deadline) await timed("GET /api/search", () => fetch(`${base}/api/search?q=${pick(WORDS)}+${pick(WORDS)}&limit=20`, { headers }));
    };
    const asker = async () => {
      while (Date.now() < deadline) {
        const body = JSON.stringify({ request: pick(REQUESTS), autonomy: "full", llm: null });
        await timed("POST /api/ask", () => fetch(`${base}/api/ask`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body }));
      }
    };
    let importReport = "no report";
    const importer = async () => {
      const started = performance.now();
      const upload = await timed("POST /api/imports", () => fetch(`${base}/api/imports?name=upload.zip`, { method: "POST", headers, body: readFileSync(uploadZip) }));
      const { id } = JSON.parse(upload ?? "{}") as { id?: string };
      if (!id) return;
      // Server-sent events until the report; a broken stream is an error, and is opened again
      // (the server replays an import's events), so the server is never stopped mid-import.
      for (let attempt = 0; attempt < 10; attempt++) {
        const events = await timed("GET import events", () => fetch(`${base}/api/imports/${id}/events`, { headers }));
        const report = events?.match(/event: report\ndata: (.*)/)?.[1];
        if (report) {
          importReport = `${JSON.parse(report).records_added} records added in ${((performance.now() - started) / 1000).toFixed(1)} s, started with the load`;
          return;
        }
      }
    };

    await Promise.all([importer(), ...Array.from({ length: Number(values.searchers) }, searcher), ...Array.from({ length: Number(values.askers) }, asker)]);
    await timed("GET /api/stats", () => fetch(`${base}/api/stats`, { headers }));

    console.log(`load: ${values.seconds} s, ${values.searchers} searchers, ${values.askers} askers, one import (${importReport})`);
    console.log("endpoint".padEnd(20), "requests  errors   p50 ms   p95 ms   p99 ms   max ms  statuses");
    for (const [endpoint, tally] of tallies) {
      const sorted = [...tally.latencies].sort((a, b) => a - b);
      const statuses = [...tally.statuses].map(([status, count]) => `${status}×${count}`).join(" ");
      const row = [tally.requests, tally.errors, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)];
      console.log(endpoint.padEnd(20), row.map((value) => String(value).padStart(8)).join(" "), "", statuses);
    }
    const errors = [...tallies.values()].reduce((sum, tally) => sum + tally.errors, 0);
    console.log(`${errors} errors in all`);
    process.exitCode = errors > 0 ? 1 : 0;
  } finally {
    server.kill("SIGTERM");
    await once(server, "exit");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
