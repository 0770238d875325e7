/**
 * Compares builds by the instructions an import of a file executes, counted by valgrind's
 * cachegrind: on a shared machine wall-clock and CPU time of one unchanged import vary by 10-20%,
 * while repeated counts mostly agree within 1-2% (now and then up to 4%: run each build twice or
 * more), so changes of a few percent can be told apart. A run
 * takes some 50 times as long as the import itself: give it a file of 10-20 MB (a slice of a My
 * Activity HTML, a small generated Records.json). Needs `valgrind` and `taskset` on the PATH;
 * counts cover every thread, startup included.
 *
 *   npm run build && npx tsx bench/import-instructions.ts FILE [--cli dist/src/cli/main.js]… [--runs 2]
 *
 * Several `--cli` compare builds, for instance this one against another checkout's
 * (`git worktree add /tmp/base <commit>`, linked node_modules, `npx tsc -p /tmp/base`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Instructions executed by one import of `file` into a new vault, with the CLI at `cli`. */
function countInstructions(cli: string, file: string): number {
  const vaultDir = mkdtempSync(join(tmpdir(), "ownbase-instructions-"));
  try {
    // On one core (taskset), the import starts no thread to read parts of the file: whether it
    // did, and how much it read, hung on timing, and moved counts by up to 5%.
    const run = spawnSync(
      "taskset",
      ["-c", "0", "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", process.execPath, cli, "import", "--db", join(vaultDir, "vault.db"), file],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.error) throw new Error(`cannot run taskset and valgrind (${run.error.message}): install them first`);
    const counted = /I\s+refs:\s+([\d,]+)/.exec(run.stderr);
    if (run.status !== 0 || !counted) throw new Error(`the import failed under valgrind (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
    return Number(counted[1]!.replace(/,/g, ""));
  } finally {
    rmSync(vaultDir, { recursive: true, force: true });
  }
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { cli: { type: "string", multiple: true, default: ["dist/src/cli/main.js"] }, runs: { type: "string", default: "2" } },
  });
  const file = positionals[0];
  if (!file) throw new Error("usage: npx tsx bench/import-instructions.ts FILE [--cli PATH]… [--runs N]");
  const runs = Number(values.runs);
  for (const cli of values.cli.map((path) => resolve(root, path))) {
    if (!existsSync(cli)) throw new Error(`no CLI at ${cli}: run npm run build first`);
    const counts = Array.from({ length: runs }, () => countInstructions(cli, resolve(file)));
    const billions = counts.map((count) => (count / 1e9).toFixed(2));
    console.log(`${cli}: ${billions.join(", ")} G instructions (lowest ${(Math.min(...counts) / 1e9).toFixed(2)} G)`);
  }
}

main();
