import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { generateMyActivityHtml } from "../bench/takeout-generate.js";
import { myActivityHtmlImporter } from "../importers/google/activity/my-activity-html.js";
import { readAll } from "../importers/read-all.js";
import { fileInputFromPath } from "../src/import/file-input.js";
import { importLimits } from "../src/import/limits.js";
import { cutParts, partInput, type FilePart } from "../src/import/parts.js";
import { importInputs } from "../src/import/run.js";
import { useTempDir, useTempVault, vaultContents } from "./helpers.js";

/** How many parts went to a thread. */
const onThread = vi.hoisted(() => ({ parts: 0 }));
vi.mock("../src/import/part-thread.js", async (original) => {
  const actual = await original<typeof import("../src/import/part-thread.js")>();
  class CountedPartThread extends actual.PartThread {
    override read(part: FilePart) {
      onThread.parts++;
      return super.read(part);
    }
  }
  return { ...actual, PartThread: CountedPartThread };
});

const PART_BYTES = 8 * 1024;
const BROKEN_ENTRY =
  '<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid"><div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">YouTube<br></p></div><div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">Watched <a href="https://www.youtube.com/watch?v=broken">A broken entry</a><br>sometime last week</div></div></div>';

/** A My Activity file of some hundred entries, one of them broken past its middle. */
function activityFile(dir: string): { path: string; brokenAt: number } {
  const path = join(dir, "MyActivity.html");
  generateMyActivityHtml(path, 200 * 1024);
  const html = readFileSync(path, "utf8");
  const middle = html.indexOf('<div class="outer-cell', html.length / 2);
  writeFileSync(path, html.slice(0, middle) + BROKEN_ENTRY + html.slice(middle));
  return { path, brokenAt: Buffer.byteLength(html.slice(0, middle)) };
}

/** The file's parts as the import cuts them. */
async function partsOf(path: string): Promise<FilePart[]> {
  const parts: FilePart[] = [];
  for await (const part of cutParts(Readable.from([readFileSync(path)]), Buffer.from('<div class="outer-cell'), PART_BYTES)) parts.push(part);
  return parts;
}

const keysOf = async (path: string, part: FilePart) =>
  (await readAll(myActivityHtmlImporter, partInput({ path, name: "MyActivity.html" }, part, importLimits()))).records.map((record) => record.naturalKey);

describe("a large file read in parts", () => {
  const tempDir = useTempDir();
  const tempVault = useTempVault();

  it("stores what reading it whole gives, on one thread or two, and says where a broken entry is in the file", async () => {
    const { path, brokenAt } = activityFile(tempDir());
    const whole = await readAll(myActivityHtmlImporter, await fileInputFromPath(path));
    expect(whole.records.length).toBeGreaterThan(100);
    expect((await partsOf(path)).length).toBeGreaterThan(10);

    const here = await tempVault();
    onThread.parts = 0;
    const hereReport = await importInputs(here, [path], { partBytes: PART_BYTES, threadFrom: Infinity });
    expect(onThread.parts).toBe(0);
    expect(hereReport.files[0]!.errors).toEqual([`entry at byte ${brokenAt}: unreadable timestamp "sometime last week"`]);
    expect([hereReport.records_seen, hereReport.records_added]).toEqual([whole.records.length, whole.records.length]);
    const stored = await here.client.execute("SELECT natural_key FROM records ORDER BY natural_key");
    expect(stored.rows.map((row) => row.natural_key)).toEqual(whole.records.map((record) => record.naturalKey).sort());

    if (availableParallelism() < 2) return; // no core to spare for a second thread
    const apart = await tempVault();
    const apartReport = await importInputs(apart, [path], { partBytes: PART_BYTES, threadFrom: 0 });
    expect(onThread.parts).toBeGreaterThan(0);
    expect(apartReport).toEqual(hereReport);
    expect(await vaultContents(apart)).toEqual(await vaultContents(here));
  });

  it("after an interruption, reads again only the parts not stored, and counts every record once", async () => {
    const { path } = activityFile(tempDir());
    const vault = await tempVault();
    const first = await importInputs(vault, [path], { partBytes: PART_BYTES, threadFrom: Infinity });
    const complete = await vaultContents(vault);

    // As an import killed while storing part 3, with part 5 already stored by the second thread:
    // half of part 3 stored, parts 4 and 6 on not.
    const parts = await partsOf(path);
    const keys = await Promise.all(parts.map((part) => keysOf(path, part)));
    const lost = [...keys[3]!.slice(keys[3]!.length / 2), ...keys[4]!, ...keys.slice(6).flat()];
    const notRead = [...keys.slice(3, 5), ...keys.slice(6)].flat().length;
    await vault.client.execute({
      sql: "DELETE FROM fields WHERE record_id IN (SELECT r.id FROM records r JOIN json_each(?) k ON r.natural_key = k.value)",
      args: [JSON.stringify(lost)],
    });
    await vault.client.execute({ sql: "DELETE FROM records WHERE natural_key IN (SELECT value FROM json_each(?))", args: [JSON.stringify(lost)] });
    await vault.client.execute({
      sql: "UPDATE imports SET status = 'running', checkpoint = ?, records_seen = ?, records_added = ?, errors = '[]' WHERE path = ?",
      args: [JSON.stringify({ offset: parts[3]!.offset, done: [parts[5]!.offset] }), first.records_seen - notRead, first.records_seen - lost.length, path],
    });

    const resumed = await importInputs(vault, [path], { partBytes: PART_BYTES, threadFrom: Infinity });
    expect([resumed.records_seen, resumed.records_added]).toEqual([notRead, lost.length]);
    expect(await vaultContents(vault)).toEqual(complete);
    const row = await vault.client.execute({ sql: "SELECT status, records_seen, records_added FROM imports WHERE path = ?", args: [path] });
    expect({ ...row.rows[0] }).toEqual({ status: "done", records_seen: first.records_seen, records_added: first.records_seen });
  });
});
