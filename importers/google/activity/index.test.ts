import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseImporter } from "../../../src/import/detect.js";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { importInputs } from "../../../src/import/run.js";
import { useTempVault } from "../../../test/helpers.js";
import { fixture, fixturesDir } from "../../../test/fixtures.js";
import { hasRealWorld, realWorld, realWorldDir } from "../../../test/real-world.js";
import { importers } from "../../index.js";
import { readAll } from "../../read-all.js";
import { googleActivityImporters } from "./index.js";
import { myActivityHtmlImporter } from "./my-activity-html.js";
import { myActivityJsonImporter } from "./my-activity-json.js";

const everyImporter = [...importers, ...googleActivityImporters];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const ours = (path: string) => /google[\\/](activity|takeout-2019-json[\\/]Takeout[\\/]My Activity|takeout-legacy-html)/.test(path);

async function keysOf(path: string): Promise<string[]> {
  const file = await fileInputFromPath(path);
  const chosen = chooseImporter(file, googleActivityImporters);
  if (!chosen.importer) throw new Error(`${path} not recognised`);
  const { records } = await readAll(chosen.importer, file);
  return records.map((record) => `${record.platform} ${record.naturalKey}`);
}

describe("The same events, exported as JSON and as HTML", () => {
  it("import to the same keys, though the HTML shows a summer zone for winter events", async () => {
    const json = await keysOf(fixture("google", "activity", "youtube", "watch-history.json"));
    const html = await keysOf(fixture("google", "activity", "youtube", "watch-history.html"));
    expect(json).toHaveLength(7);
    expect(html).toEqual(json);
  });

  it("keep two plays of one video an hour apart as two records", async () => {
    const keys = await keysOf(fixture("google", "activity", "youtube", "watch-history.json"));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 2)).toEqual([
      expect.stringMatching(/^youtube viewing\|2021-01-15T18:54:12Z\|/),
      expect.stringMatching(/^youtube viewing\|2021-01-15T17:54:12Z\|/),
    ]);
  });

  it("agree on the whole record but for what only one format has", async () => {
    const read = async (name: string) => (await readAll(name.endsWith(".json") ? myActivityJsonImporter : myActivityHtmlImporter, await fileInputFromPath(fixture("google", "activity", "youtube", name)))).records;
    const [json, html] = await Promise.all([read("watch-history.json"), read("watch-history.html")]);
    const shared = (records: typeof json) => records.map(({ platform, kind, title, url, fields }) => ({ platform, kind, title, url, channel: fields.channel, details: fields.details }));
    expect(shared(html)).toEqual(shared(json));
    expect(html.map((record) => record.time!.getTime())).toEqual(json.map((record) => Math.floor(record.time!.getTime() / 1000) * 1000));
  });
});

describe("Importing both formats into a vault", () => {
  const tempVault = useTempVault();

  it("stores each event once: the HTML after the JSON adds nothing", async () => {
    const vault = await tempVault();
    const youtube = (name: string) => fixture("google", "activity", "youtube", name);
    const first = await importInputs(vault, [youtube("watch-history.json")], { importers: everyImporter });
    expect(first.records_added).toBe(7);
    const second = await importInputs(vault, [youtube("watch-history.html")], { importers: everyImporter });
    expect(second).toMatchObject({ records_seen: 7, records_added: 0 });
  });
});

describe("Recognising My Activity files", () => {
  it("claims its own fixtures, each with the right reader", async () => {
    for (const path of filesUnder(fixture("google", "activity"))) {
      const chosen = chooseImporter(await fileInputFromPath(path), everyImporter);
      expect(chosen.importer?.id, relative(fixturesDir, path)).toBe(path.endsWith(".json") ? "google.my-activity-json" : "google.my-activity-html");
    }
  });

  it("leaves the other platforms' fixtures to their importers", async () => {
    for (const path of filesUnder(fixturesDir).filter((path) => !ours(path) && !path.endsWith(".ts"))) {
      const file = await fileInputFromPath(path);
      for (const importer of googleActivityImporters) expect(importer.detect(file), relative(fixturesDir, path)).toBe(0);
    }
  });

  it("claims no random bytes, no empty array without a My Activity name, no other Google JSON", () => {
    const samples = [
      fileInputFromBuffer("MyActivity.json", randomBytes(4096)),
      fileInputFromBuffer("data.json", "[]"),
      fileInputFromBuffer("Records.json", '{"locations":[{"latitudeE7":1,"longitudeE7":2,"timestampMs":"1"}]}'),
      fileInputFromBuffer("BrowserHistory.json", '{"Browser History":[{"title":"x","url":"https://x","time_usec":1}]}'),
      fileInputFromBuffer("Bookmarks.html", "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p><DT><A HREF=\"https://x\">x</A></DL>"),
      fileInputFromBuffer("my-comments.html", "<html><body><ul><li>Commented on <a href=\"https://www.youtube.com/watch?v=x\">x</a></li></ul></body></html>"),
    ];
    for (const sample of samples) for (const importer of googleActivityImporters) expect(importer.detect(sample), sample.name).toBe(0);
    expect(myActivityJsonImporter.detect(fileInputFromBuffer("MyActivity.json", "[]"))).toBe(0.5);
  });
});

describe.skipIf(!hasRealWorld)("Recognising the real-world samples", () => {
  it("claims the My Activity files and nothing else", async () => {
    for (const path of filesUnder(realWorldDir)) {
      const file = await fileInputFromPath(path);
      const chosen = chooseImporter(file, everyImporter);
      const name = relative(realWorldDir, path);
      if (ours(path)) expect(chosen.importer?.id, name).toMatch(/^google\.my-activity-(json|html)$/);
      else for (const importer of googleActivityImporters) expect(importer.detect(file), name).toBe(0);
    }
    expect(ours(realWorld("google", "takeout-2019-json", "Takeout", "Location History", "Location History.json"))).toBe(false);
  });
});
