/**
 * Where an import's CPU time goes, from the profiles `node --cpu-prof` writes, one per thread:
 * for each thread, the functions with the most self time, the inclusive time of functions named
 * with `--inclusive`, and a timeline of how busy the thread was (one mark per `--bucket` seconds:
 * `#` busy, `+` mostly, `-` half, `.` a little).
 *
 *   node --cpu-prof --cpu-prof-dir=DIR dist/src/cli/main.js import --db VAULT FILES…
 *   npx tsx bench/profile-summary.ts DIR [--top 25] [--bucket 2] [--inclusive prepareBatch,tagFields]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** The parts of V8's `.cpuprofile` format read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const MICROSECONDS = 1e6;

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string", default: "25" }, bucket: { type: "string", default: "2" }, inclusive: { type: "string", default: "" } },
  });
  const dir = positionals[0];
  if (!dir) {
    console.error("usage: npx tsx bench/profile-summary.ts DIR [--top 25] [--bucket 2] [--inclusive NAME,…]");
    process.exit(2);
  }
  const files = readdirSync(dir).filter((name) => name.endsWith(".cpuprofile")).sort();
  const profiles = files.map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as CpuProfile);
  const start = Math.min(...profiles.map((profile) => profile.startTime));
  const inclusiveNames = values.inclusive.split(",").filter(Boolean);
  profiles.forEach((profile, index) => summarise(files[index]!, profile, start, Number(values.top), Number(values.bucket) * MICROSECONDS, inclusiveNames));
}

function summarise(file: string, profile: CpuProfile, start: number, top: number, bucket: number, inclusiveNames: string[]) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const busy: number[] = [];
  let [total, idle, time] = [0, 0, profile.startTime];
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    total += delta;
    if (functionName === "(idle)") {
      idle += delta;
      return;
    }
    const place = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
    self.set(place, (self.get(place) ?? 0) + delta);
    const slot = Math.floor((time - start) / bucket);
    busy[slot] = (busy[slot] ?? 0) + delta;
    // A function counts once per sample, however deep its recursion.
    const named = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const name = nodes.get(at)!.callFrame.functionName;
      if (inclusiveNames.includes(name)) named.add(name);
    }
    for (const name of named) inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
  });

  const seconds = (microseconds: number) => (microseconds / MICROSECONDS).toFixed(2).padStart(7);
  const share = (microseconds: number) => `${((100 * microseconds) / total).toFixed(1).padStart(5)}%`;
  console.log(`\n== ${file}: ${seconds(total).trim()} s sampled, ${seconds(total - idle).trim()} s busy`);
  console.log(`   timeline |${Array.from(busy, (microseconds = 0) => mark(microseconds / bucket)).join("")}|`);
  for (const [place, microseconds] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${seconds(microseconds)} ${share(microseconds)}  ${place}`);
  for (const name of inclusiveNames) if (inclusive.has(name)) console.log(`${seconds(inclusive.get(name)!)} ${share(inclusive.get(name)!)}  ${name} and what it calls`);
}

function mark(busyFraction: number): string {
  return busyFraction > 0.9 ? "#" : busyFraction > 0.6 ? "+" : busyFraction > 0.3 ? "-" : busyFraction > 0.05 ? "." : " ";
}

main();
