/**
 * A longer fuzz campaign than test/fuzz.test.ts: `--runs` inputs in all, shared evenly among the
 * importers and the archive walker (arbitrary bytes, fixtures cut short and followed by garbage,
 * fixtures with bit flips, insertions, deletions and repeats), each imported through the real
 * import path into a vault holding the target's fixture. Prints, per target, the runs, those
 * imported cleanly, those rejected with report entries, programming errors caught and reported
 * (TypeError and the like), exceptions that escaped, hangs, and runs after which the store was
 * damaged or the earlier records changed.
 *
 *   npx tsx bench/fuzz.ts --runs 20000 [--seed N] [--timeout-ms 30000] [--only ID]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { archiveTargets, FuzzVault, fuzzTargets, inputArbitrary, type FuzzOutcome } from "../test/fuzz-harness.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "2000" }, seed: { type: "string" }, "timeout-ms": { type: "string", default: "30000" }, only: { type: "string" } } });
const seed = Number(values.seed ?? Date.now() % 1e9);
const timeoutMs = Number(values["timeout-ms"]);
const archives = mkdtempSync(join(tmpdir(), "ownbase-fuzz-archives-"));
const targets = [...(await fuzzTargets()), ...(await archiveTargets(archives))].filter((target) => !values.only || target.name.includes(values.only));
const perTarget = Math.max(1, Math.round(Number(values.runs) / targets.length));
const counts = { imported: 0, rejected: 0, bug: 0, escaped: 0, hang: 0, corrupted: 0 } satisfies Record<FuzzOutcome["type"], number>;
const started = Date.now();

console.log(`seed ${seed}; ${perTarget} runs for each of ${targets.length} targets`);
console.log("target".padEnd(40), "runs  imported  rejected  bugs  escaped  hangs  corrupted  ms");
try {
  for (const [index, target] of targets.entries()) {
    const mine = { imported: 0, rejected: 0, bug: 0, escaped: 0, hang: 0, corrupted: 0 };
    const targetStarted = Date.now();
    let vault = await FuzzVault.open(target, timeoutMs);
    for (const input of fc.sample(inputArbitrary(target), { numRuns: perTarget, seed: seed + index })) {
      const outcome = await vault.run(input);
      mine[outcome.type]++;
      if (outcome.type === "escaped" || outcome.type === "corrupted" || outcome.type === "bug") console.error(`${target.name}: ${outcome.type}: ${outcome.message.split("\n").slice(0, 4).join(" | ")}`);
      if (outcome.type === "hang") {
        console.error(`${target.name}: no answer within ${timeoutMs} ms for a ${input.length}-byte input`);
        vault = await FuzzVault.open(target, timeoutMs); // the hung import may still hold the old one
      }
    }
    vault.close();
    for (const key of Object.keys(mine) as (keyof typeof mine)[]) counts[key] += mine[key];
    const row = [perTarget, mine.imported, mine.rejected, mine.bug, mine.escaped, mine.hang, mine.corrupted, Date.now() - targetStarted];
    console.log(target.name.padEnd(40), row.map((value, i) => String(value).padStart([4, 9, 9, 5, 8, 6, 10, 8][i]!)).join(" "));
  }
} finally {
  rmSync(archives, { recursive: true, force: true });
}
const total = perTarget * targets.length;
console.log(
  `\n${total} runs in ${((Date.now() - started) / 1000).toFixed(0)} s: ${counts.imported} imported cleanly, ${counts.rejected} rejected with report entries, ` +
    `${counts.bug} programming errors caught and reported, ${counts.escaped} exceptions escaped, ${counts.hang} hangs, ${counts.corrupted} damaged stores`,
);
process.exitCode = counts.bug + counts.escaped + counts.hang + counts.corrupted > 0 ? 1 : 0;
