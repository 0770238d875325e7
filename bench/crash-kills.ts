/**
 * A longer crash campaign than test/crash.test.ts: `--rounds` times, an import of a generated
 * mixed export is SIGKILLed `--kills` times at random points and run again to the end, and the
 * vault is compared with an uninterrupted import. Prints, per round, the kills that landed and
 * whether records, fields, integrity_check and the FTS index agree.
 *
 *   npx tsx bench/crash-kills.ts --rounds 3 --kills 10 --scale 0.5 [--seed N]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ownbase } from "../test/cli.js";
import { importKilledRepeatedly, seededRandom, vaultContents, vaultIntegrity, writeMixedExport } from "../test/crash-harness.js";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" }, kills: { type: "string", default: "10" }, scale: { type: "string", default: "0.5" }, seed: { type: "string" } } });
const seed = Number(values.seed ?? Date.now() % 1e9);
const random = seededRandom(seed);
const dir = mkdtempSync(join(tmpdir(), "ownbase-crash-"));
let failures = 0;
let landed = 0;
let midImport = 0;
try {
  const input = join(dir, "export.zip");
  writeMixedExport(input, Number(values.scale));
  const reference = join(dir, "reference.db");
  if (ownbase(["import", "--db", reference, "--json", "--no-progress", input]).status !== 0) throw new Error("the uninterrupted import failed");
  const expected = await vaultContents(reference);
  console.log(`seed ${seed}; ${expected.length} records in the uninterrupted import`);
  for (let round = 1; round <= Number(values.rounds); round++) {
    const db = join(dir, `killed-${round}.db`);
    const { runs, final } = await importKilledRepeatedly(db, [input], Number(values.kills), expected.length, random);
    const actual = await vaultContents(db);
    const integrity = await vaultIntegrity(db);
    const missing = expected.filter((record) => !actual.includes(record)).length;
    const extra = actual.length - (expected.length - missing);
    const ok = final.status === 0 && missing === 0 && extra === 0 && integrity.integrity === "ok" && integrity.fts === "ok";
    if (!ok) failures++;
    landed += runs.filter((run) => run.killedAtRecords !== null).length;
    midImport += runs.filter((run) => run.killedAtRecords !== null && run.killedAtRecords < expected.length).length;
    console.log(
      `round ${round}: killed at ${runs.map((run) => run.killedAtRecords ?? "(ended)").join(", ")} records; final exit ${final.status}; ` +
        `${actual.length} records, ${missing} missing or different, ${extra} extra; integrity ${integrity.integrity}, fts ${integrity.fts}: ${ok ? "ok" : "FAILED"}`,
    );
  }
  console.log(
    `${landed} kills landed before the import ended (${midImport} of them with records still to store) over ${values.rounds} rounds; ` +
      `${failures} rounds differed from the uninterrupted import`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failures > 0 ? 1 : 0;
