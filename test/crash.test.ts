import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ownbase } from "./cli.js";
import { importKilledRepeatedly, seededRandom, vaultContents, vaultIntegrity, writeMixedExport } from "./crash-harness.js";
import { useTempDir } from "./helpers.js";

/** Kills per run; `bench/crash-kills.ts` does many more. */
const KILLS = 6;
const SEED = Number(process.env.OWNBASE_CRASH_SEED ?? Date.now() % 1e9);

describe("an import killed at random points", () => {
  const tempDir = useTempDir();

  it(`ends, once run again, with exactly the records of an uninterrupted import (seed ${SEED})`, async () => {
    const dir = tempDir();
    const input = join(dir, "export.zip");
    writeMixedExport(input, 0.5);

    const reference = join(dir, "reference.db");
    const whole = ownbase(["import", "--db", reference, "--json", "--no-progress", input]);
    expect(whole.status, whole.stderr).toBe(0);
    const expected = await vaultContents(reference);
    expect(expected.length).toBe(9250);

    const killed = join(dir, "killed.db");
    const { runs, final } = await importKilledRepeatedly(killed, [input], KILLS, expected.length, seededRandom(SEED));
    expect(final.status, final.stderr).toBe(0);
    expect(runs.filter((run) => run.killedAtRecords !== null).length).toBeGreaterThanOrEqual(KILLS - 1);

    const actual = await vaultContents(killed);
    // Same records, each once, each with every one of its fields and the same values and tags.
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
    expect(await vaultIntegrity(killed)).toEqual({ integrity: "ok", fts: "ok" });
  }, 400_000); // eight imports of a 9,000-record export on a busy 2-core machine
});
