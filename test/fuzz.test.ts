import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { archiveTargets, FuzzVault, fuzzTargets, inputArbitrary } from "./fuzz-harness.js";

/** Runs per importer: 45 importers and two archive kinds make a few hundred in all. `bench/fuzz.ts` runs thousands. */
const RUNS = 6;
const SEED = Number(process.env.OWNBASE_FUZZ_SEED ?? Date.now() % 1e9);
const archives = mkdtempSync(join(tmpdir(), "ownbase-fuzz-archives-"));
const targets = [...(await fuzzTargets()), ...(await archiveTargets(archives))];

describe(`every importer and the archive walker, fed arbitrary and mutated files through the real import path (seed ${SEED})`, () => {
  const opened: FuzzVault[] = [];
  afterAll(() => {
    opened.forEach((vault) => vault.close());
    rmSync(archives, { recursive: true, force: true });
  });

  it.each(targets.map((target) => [target.name, target] as const))("%s: no exception escapes, no hang, the store stays sound", async (_name, target) => {
    const vault = await FuzzVault.open(target, 10_000);
    opened.push(vault);
    await fc.assert(
      fc.asyncProperty(inputArbitrary(target), async (input) => {
        const outcome = await vault.run(input);
        expect(outcome).toMatchObject({ type: expect.stringMatching(/^(imported|rejected)$/) });
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
