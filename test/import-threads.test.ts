import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { initVault } from "../src/db/open.js";
import { importInputs, type ImportReport } from "../src/import/run.js";
import { useTempDir, useTempVault, vaultContents, writeTgz, writeZip } from "./helpers.js";

/** The paths of the files imported on a thread of their own. */
const threaded = vi.hoisted(() => [] as string[]);
vi.mock("../src/import/file-thread.js", async (original) => {
  const actual = await original<typeof import("../src/import/file-thread.js")>();
  return {
    ...actual,
    importFileInThread: (...args: Parameters<typeof actual.importFileInThread>) => {
      threaded.push(args[1].file.path);
      return actual.importFileInThread(...args);
    },
  };
});

const fixture = (path: string) => readFileSync(join(import.meta.dirname, "fixtures", path));

/**
 * A viewing history long enough (a second or so) that this thread is still busy with it when the
 * walk finds the next files: they go to the thread.
 */
function longViewingHistory(path: string): string {
  const rows = Array.from({ length: 20_000 }, (_, i) => `"Show ${i}: Season 1: Episode ${i % 12}","${1 + (i % 28)}/${1 + (i % 12)}/20${10 + (i % 14)}"`);
  writeFileSync(path, ["Title,Date", ...rows].join("\n"));
  return path;
}

const paths = (report: ImportReport, dir: string) => report.files.map((file) => [file.path.slice(dir.length + 1), file.importer, file.records, file.errors]);

// A second thread is only started where there is a second core.
describe.skipIf(availableParallelism() < 2)("importing large files on a thread of their own", () => {
  const tempDir = useTempDir();
  const tempVault = useTempVault();

  it("stores exactly what one thread stores, reports in the order the files were found, and keeps temporary copies on this thread", async () => {
    const dir = tempDir();
    const takeout = writeZip(join(dir, "takeout-001.zip"), {
      "Takeout/My Activity/YouTube/MyActivity.json": fixture("google/activity/json/MyActivity.json"),
      "Takeout/Mail/All mail.mbox": fixture("mbox/gmail.mbox"),
      "Takeout/Location History (Timeline)/Records.json": fixture("google/location/Location History (Timeline)/Records.json"),
    });
    const netflix = longViewingHistory(join(dir, "NetflixViewingHistory.csv"));
    const tgz = await writeTgz(join(dir, "more.tgz"), { "NetflixViewingHistory.csv": fixture("netflix/NetflixViewingHistory-UK.csv") });
    const inputs = [netflix, takeout, tgz];

    const together = await tempVault();
    threaded.length = 0;
    const oneByOne = await importInputs(together, inputs, { threadFrom: Infinity });
    expect(threaded).toEqual([]);

    const apart = await tempVault();
    const withThreads = await importInputs(apart, inputs, { threadFrom: 1 });
    // The first file found is imported here; the next, while it is, on the thread. The tar's
    // entry is a temporary copy, gone once the walk moves on: never a thread's.
    expect(threaded[0]).toBe(`${takeout}/Takeout/My Activity/YouTube/MyActivity.json`);
    expect(threaded.some((path) => path.includes("more.tgz"))).toBe(false);

    expect(paths(withThreads, dir)).toEqual(paths(oneByOne, dir));
    expect([withThreads.records_seen, withThreads.records_added]).toEqual([oneByOne.records_seen, oneByOne.records_added]);
    expect(oneByOne.records_added).toBeGreaterThan(20);
    expect(await vaultContents(apart)).toEqual(await vaultContents(together));

    // Again, with threads: nothing twice.
    const again = await importInputs(apart, inputs, { threadFrom: 1 });
    expect([again.records_seen, again.records_added]).toEqual([oneByOne.records_seen, 0]);
  });

  it("opens an encrypted vault on the thread with the key this thread holds", async () => {
    const dir = tempDir();
    const vault = await initVault(join(dir, "vault.db"), "a passphrase for the thread");
    try {
      threaded.length = 0;
      const mail = writeZip(join(dir, "mail.zip"), { "mail.mbox": fixture("mbox/gmail.mbox") });
      const report = await importInputs(vault, [longViewingHistory(join(dir, "NetflixViewingHistory.csv")), mail], { threadFrom: 1 });
      expect(threaded).toEqual([`${mail}/mail.mbox`]);
      expect(report.files[1]).toMatchObject({ importer: "mbox.messages", errors: [] });
      expect(report.records_added).toBeGreaterThan(0);
      const stored = await vault.client.execute("SELECT count(*) AS n FROM records");
      expect(Number(stored.rows[0]!.n)).toBe(report.records_added);
    } finally {
      vault.close();
    }
  });
});
