/**
 * Benchmarks the mbox import against Python's standard library on the same generated file:
 * wall seconds and peak RSS of the importer alone, of the whole `ownbase import` (once the CLI
 * is built: `npm run build`), and of `bench/python_mailbox.py`.
 *
 *   npx tsx bench/mbox-import.ts [--size 1GB] [--file some.mbox] [--cli dist/src/cli/main.js]
 *
 * The generated file is kept in bench/out/ (git-ignored) for the next run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateMbox, parseSize } from "./mbox-generate.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1024 * 1024;
const TARGET_MB_PER_S = 20;
const TARGET_RSS_MB = 400;

interface Run {
  name: string;
  seconds: number;
  peakRssMb: number;
  stdout: string;
}

/** Runs a command under `/usr/bin/time`, which reports wall seconds and peak RSS in KB last on stderr. */
function timed(name: string, command: string, args: string[]): Run {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", command, ...args], { cwd: root, encoding: "utf8", maxBuffer: 256 * MB });
  if (result.error) throw new Error(`${name}: could not run /usr/bin/time: ${result.error.message}`);
  const last = result.stderr.trim().split("\n").at(-1) ?? "";
  const match = /^(\d+(?:\.\d+)?) (\d+)$/.exec(last);
  if (result.status !== 0 || !match) throw new Error(`${name} failed (exit ${result.status}):\n${result.stderr.slice(-2000)}`);
  return { name, seconds: Number(match[1]), peakRssMb: Number(match[2]) / 1024, stdout: result.stdout };
}

function main() {
  const { values } = parseArgs({
    options: { size: { type: "string", default: "1GB" }, file: { type: "string" }, cli: { type: "string", default: "dist/src/cli/main.js" } },
  });
  const file = resolve(values.file ?? join(root, "bench", "out", `bench-${values.size}.mbox`));
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    console.log(`generating ${file} (${values.size})…`);
    generateMbox(file, parseSize(values.size));
  }
  const sizeMb = statSync(file).size / MB;
  console.log(`file: ${file} (${sizeMb.toFixed(0)} MB)`);

  const runs: Run[] = [];
  const parser = timed("parser only", process.execPath, ["--import", "tsx", "bench/mbox-read.ts", file]);
  const { records, errors } = JSON.parse(parser.stdout) as { records: number; errors: number };
  console.log(`importer read ${records} messages, ${errors} errors`);
  runs.push(parser);

  const cli = resolve(root, values.cli);
  let endToEnd: Run | null = null;
  if (existsSync(cli)) {
    const dir = mkdtempSync(join(tmpdir(), "ownbase-bench-"));
    try {
      endToEnd = timed("end to end", process.execPath, [cli, "import", "--db", join(dir, "vault.db"), "--json", file]);
      runs.push(endToEnd);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    console.log(`end to end: skipped, no CLI at ${cli} (npm run build)`);
  }

  const python = timed("python mailbox", "python3", ["bench/python_mailbox.py", file]);
  console.log(`python read ${(JSON.parse(python.stdout) as { messages: number }).messages} messages`);
  runs.push(python);

  console.log(`\n${"run".padEnd(16)}${"seconds".padStart(9)}${"MB/s".padStart(9)}${"peak RSS MB".padStart(13)}`);
  for (const run of runs) {
    console.log(`${run.name.padEnd(16)}${run.seconds.toFixed(1).padStart(9)}${(sizeMb / run.seconds).toFixed(1).padStart(9)}${run.peakRssMb.toFixed(0).padStart(13)}`);
  }
  const measured = endToEnd ?? parser;
  const speed = sizeMb / measured.seconds;
  console.log(`\n${measured.name} vs Python: ${(python.seconds / measured.seconds).toFixed(2)}x as fast`);
  console.log(
    `targets (${measured.name}): >= ${TARGET_MB_PER_S} MB/s ${speed >= TARGET_MB_PER_S ? "met" : "MISSED"}, ` +
      `peak RSS < ${TARGET_RSS_MB} MB ${measured.peakRssMb < TARGET_RSS_MB ? "met" : "MISSED"}, ` +
      `faster than Python ${measured.seconds < python.seconds ? "met" : "MISSED"}`,
  );
}

main();
