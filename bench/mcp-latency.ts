/**
 * Latency of each MCP tool, seen by an SDK client, over stdio (`ownbase mcp` started from the
 * sources) and over streamable HTTP (`ownbase serve`), on a vault you name. The client declares
 * no elicitation: over stdio asked fields are then refused at once; over HTTP they wait in the
 * web UI's queue, where this script plays the user and answers each question as soon as it sees
 * it (polling every 20 ms), "refuse" or with `--approve-web` "approve-all". Prints p50 and p90
 * per tool and transport.
 *
 *   npx tsx bench/mcp-latency.ts --db VAULT [--runs 20] [--approve-web]
 *
 * The vault is only read, and its audit log grows by one entry per call. Figures on a shared
 * machine are indicative.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";

const { values } = parseArgs({ options: { db: { type: "string" }, runs: { type: "string", default: "20" }, "approve-web": { type: "boolean", default: false } } });
if (!values.db) throw new Error("name a vault: --db PATH");
const db = values.db;
const runs = Number(values.runs);
const cli = ["--import", "tsx", join(import.meta.dirname, "../src/cli/main.ts")];
const home = mkdtempSync(join(tmpdir(), "ownbase-mcp-latency-"));
const env = Object.fromEntries(Object.entries({ ...process.env, OWNBASE_HOME: home }).filter((entry): entry is [string, string] => entry[1] !== undefined));

const CALLS: [tool: string, args: Record<string, unknown>][] = [
  ["search", { query: "climbing documentary", limit: 20 }],
  ["get_records", { limit: 20 }],
  ["get_interest_profile", {}],
  ["recommend", { request: "something to watch tonight, not too long" }],
  ["list_platforms", {}],
];

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

async function measure(label: string, transport: Transport, whileWaiting: () => Promise<unknown> = pause): Promise<void> {
  const client = new Client({ name: "latency-bench", version: "1" });
  await client.connect(transport);
  for (const [tool, args] of CALLS) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      let done = false;
      const call = client.callTool({ name: tool, arguments: args }).finally(() => (done = true));
      while (!done) await Promise.race([call, whileWaiting()]);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(6)} ${tool.padEnd(22)} p50 ${percentile(times, 0.5).toFixed(1).padStart(8)} ms   p90 ${percentile(times, 0.9).toFixed(1).padStart(8)} ms`);
  }
  await client.close();
}

try {
  await measure("stdio", new StdioClientTransport({ command: process.execPath, args: [...cli, "mcp", "--db", db], env, stderr: "ignore" }));

  const server = spawn(process.execPath, [...cli, "serve", "--port", "0", "--db", db], { env, stdio: ["ignore", "pipe", "ignore"] });
  try {
    const { value: line } = await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next();
    const link = new URL(/open (http:\/\/\S+)/.exec(String(line))![1]!);
    const headers = { authorization: `Bearer ${link.searchParams.get("token")}`, "content-type": "application/json" };
    // The web UI's part, played by this script: every waiting question answered as it appears.
    const answer = values["approve-web"] ? '"approve-all"' : '"refuse"';
    const answerWaiting = async () => {
      await pause();
      const waiting = (await (await fetch(new URL("/api/confirmations", link.origin), { headers })).json()) as { id: string }[];
      for (const { id } of waiting) await fetch(new URL(`/api/confirmations/${id}`, link.origin), { method: "POST", headers, body: answer });
    };
    await measure("http", new StreamableHTTPClientTransport(new URL("/mcp", link.origin), { requestInit: { headers: { authorization: headers.authorization } } }), answerWaiting);
  } finally {
    server.kill("SIGTERM");
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
