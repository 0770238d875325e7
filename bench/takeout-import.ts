/**
 * Imports a generated multi-part Takeout end to end with the built CLI and reports speed (archive
 * bytes per second, and uncompressed bytes per second), peak RSS, CPU time (user and system,
 * which tells less work apart from less waiting between threads), and what each importer read.
 *
 *   npm run build && npx tsx bench/takeout-import.ts [--size 2GB] [--dir bench/out/takeout] [--cli dist/src/cli/main.js]
 *
 * The parts are generated once (bench/takeout-generate.ts) and kept in the git-ignored bench/out/;
 * `--size` applies when `--dir` holds none yet, so a smaller run for relative figures is
 * `--size 300MB --dir bench/out/takeout-300MB`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ImportReport } from "../src/import/run.js";
import { parseSize } from "./mbox-generate.js";
import { generateTakeout } from "./takeout-generate.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1024 * 1024;
const TARGET_MB_PER_S = 30;
const TARGET_RSS_MB = 500;

/** Total uncompressed size of a zip's entries, from `unzip -l`'s last line. */
function uncompressedBytes(zip: string): number | null {
  const listed = spawnSync("unzip", ["-l", zip], { encoding: "utf8", maxBuffer: 64 * MB });
  const total = /^\s*(\d+)\s+\d+ files?\s*$/m.exec(listed.stdout ?? "");
  return total ? Number(total[1]) : null;
}

function main() {
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "2GB" },
      dir: { type: "string", default: join(root, "bench", "out", "takeout") },
      cli: { type: "string", default: "dist/src/cli/main.js" },
    },
  });
  const dir = resolve(values.dir);
  let parts = existsSync(dir) ? readdirSync(dir).filter((name) => /^takeout-.*\.zip$/.test(name)).sort().map((name) => join(dir, name)) : [];
  if (parts.length === 0) {
    mkdirSync(dir, { recursive: true });
    console.log(`generating a ${values.size} Takeout in ${dir}…`);
    parts = generateTakeout(dir, parseSize(values.size));
  }
  const cli = resolve(root, values.cli);
  if (!existsSync(cli)) throw new Error(`no CLI at ${cli}: run npm run build first`);

  const archiveMb = parts.reduce((sum, part) => sum + statSync(part).size, 0) / MB;
  const unpacked = parts.map(uncompressedBytes);
  const unpackedMb = unpacked.every((bytes) => bytes !== null) ? unpacked.reduce((sum, bytes) => sum! + bytes!, 0)! / MB : null;
  console.log(`parts: ${parts.length}, ${archiveMb.toFixed(0)} MB of archives${unpackedMb === null ? "" : `, ${unpackedMb.toFixed(0)} MB unpacked`}`);

  const vaultDir = mkdtempSync(join(tmpdir(), "ownbase-takeout-"));
  try {
    const run = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", process.execPath, cli, "import", "--db", join(vaultDir, "vault.db"), "--json", ...parts], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * MB,
    });
    const match = /^(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(run.stderr.trim().split("\n").at(-1) ?? "");
    if (run.status !== 0 || !match) throw new Error(`import failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
    const [seconds, peakRssMb, cpuSeconds] = [Number(match[1]), Number(match[2]) / 1024, Number(match[3]) + Number(match[4])];
    const report = JSON.parse(run.stdout) as ImportReport;

    const byImporter = new Map<string, { files: number; records: number; added: number; errors: number }>();
    for (const file of report.files) {
      const name = file.importer ?? "not recognised";
      const entry = byImporter.get(name) ?? { files: 0, records: 0, added: 0, errors: 0 };
      byImporter.set(name, { files: entry.files + 1, records: entry.records + file.records, added: entry.added + file.records_added, errors: entry.errors + file.errors.length });
    }
    console.log(`\n${"importer".padEnd(36)}${"files".padStart(6)}${"records".padStart(11)}${"added".padStart(11)}${"errors".padStart(8)}`);
    for (const [name, entry] of [...byImporter].sort()) {
      console.log(`${name.padEnd(36)}${String(entry.files).padStart(6)}${String(entry.records).padStart(11)}${String(entry.added).padStart(11)}${String(entry.errors).padStart(8)}`);
    }
    for (const file of report.files.filter((each) => each.importer === null)) console.log(`  not recognised: ${file.path}: ${file.errors[0] ?? ""}`);

    // The target is in bytes read, as unpacked: a well-compressed archive would flatter it otherwise.
    const speed = (unpackedMb ?? archiveMb) / seconds;
    console.log(`\n${seconds.toFixed(1)} s, ${(archiveMb / seconds).toFixed(1)} MB/s of archive${unpackedMb === null ? "" : `, ${speed.toFixed(1)} MB/s unpacked`}, peak RSS ${peakRssMb.toFixed(0)} MB, CPU ${cpuSeconds.toFixed(1)} s`);
    console.log(
      `targets: >= ${TARGET_MB_PER_S} MB/s ${unpackedMb === null ? "of archive" : "unpacked"} ${speed >= TARGET_MB_PER_S ? "met" : "MISSED"}, peak RSS < ${TARGET_RSS_MB} MB ${peakRssMb < TARGET_RSS_MB ? "met" : "MISSED"}`,
    );
  } finally {
    rmSync(vaultDir, { recursive: true, force: true });
  }
}

main();
