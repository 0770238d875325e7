import { describe, expect, it } from "vitest";
import { readMyActivityHtml, myActivityHtmlImporter as importer } from "../../importers/google/activity/my-activity-html.js";
import type { FileInput, Importer, ReadItem } from "../../importers/types.js";
import { fixture } from "../../test/fixtures.js";
import { fileInputFromBuffer, fileInputFromPath } from "./file-input.js";
import { readOnThread, type ThreadJob } from "./parse-pool.js";
import { useTempVault } from "../../test/helpers.js";
import { importInputs } from "./run.js";

const job: ThreadJob = { module: new URL("../../importers/google/activity/my-activity-html.ts", import.meta.url).href, reader: "readMyActivityHtml", importer: importer.id };

async function collect(items: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const all: ReadItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Reads on a thread whatever the file's size. */
const onThread = (file: FileInput) => readOnThread(file, job, readMyActivityHtml, 0);

describe("reading a file on a second thread", () => {
  it("yields the items the reader yields here, in order, errors included", async () => {
    const path = fixture("google", "activity", "html", "MyActivity-2020.html");
    const here = await collect(readMyActivityHtml(await fileInputFromPath(path)));
    const there = await collect(onThread(await fileInputFromPath(path)));
    expect(there).toEqual(here);
    expect(there.some((item) => item.type === "error")).toBe(true);
  });

  it("reads from where an interrupted import stopped", async () => {
    const path = fixture("google", "activity", "html", "MeineAktivitäten.html");
    const there = await collect(onThread(await fileInputFromPath(path, path, 2)));
    expect(there.map((item) => item.type === "record" && item.resume)).toEqual([3]);
  });

  it("passes on the reader's failure", async () => {
    const endless = `<html><body><div class="outer-cell mdl-typography--body-1"><div class="content-cell mdl-typography--body-1">${"x".repeat(17 * 1024 * 1024)}`;
    await expect(collect(onThread(fileInputFromBuffer("MyActivity.html", endless)))).rejects.toThrow(/longer than 16 MB/);
  });
});

describe("an import read on a thread", () => {
  const tempVault = useTempVault();

  async function storedFields(read: Importer["read"]): Promise<unknown[]> {
    const vault = await tempVault();
    await importInputs(vault, [fixture("google", "activity", "html", "MyActivity-2020.html")], { importers: [{ ...importer, read }] });
    const rows = await vault.client.execute("SELECT r.natural_key, f.name, f.value, f.level, f.categories, f.reason, f.spans FROM fields f JOIN records r ON r.id = f.record_id ORDER BY r.natural_key, f.name");
    return rows.rows.map((row) => Object.values(row));
  }

  it("stores the same fields with the same tags as one read here", async () => {
    const here = await storedFields(readMyActivityHtml);
    expect(here.length).toBeGreaterThan(10);
    expect(await storedFields(onThread)).toEqual(here);
  });
});
