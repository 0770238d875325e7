/**
 * Hostile inputs at their real size, which test/hostile.test.ts scales down: a CSV, a JSON and an
 * mbox each holding a line of `--gb` gigabytes without a line break, and a gzip bomb expanding to
 * `--bomb-gb` gigabytes. Each is imported with the default limits; prints how long it took, what
 * the report says and the process's peak memory while it ran.
 *
 *   npx tsx bench/hostile-lines.ts [--gb 1] [--bomb-gb 4]
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { openVault } from "../src/db/open.js";
import { importInputs } from "../src/import/run.js";

const { values } = parseArgs({ options: { gb: { type: "string", default: "1" }, "bomb-gb": { type: "string", default: "4" } } });
const CHUNK = Buffer.alloc(16 * 1024 * 1024, "x");
const dir = mkdtempSync(join(tmpdir(), "ownbase-hostile-"));

/** Writes `head`, then `gigabytes` of `filler` without a line break. */
async function writeLongLine(path: string, head: string, gigabytes: number, filler = CHUNK): Promise<void> {
  const chunks = Math.round((gigabytes * 1024 ** 3) / filler.length);
  async function* content() {
    yield Buffer.from(head);
    for (let i = 0; i < chunks; i++) yield filler;
  }
  await pipeline(Readable.from(content()), createWriteStream(path));
}

try {
  const gigabytes = Number(values.gb);
  const csv = join(dir, "ViewingActivity.csv");
  await writeLongLine(csv, "Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\nAnna,", gigabytes);
  const json = join(dir, "MyActivity.json");
  await writeLongLine(json, '[{"header":"YouTube","title":"Watched a video","time":"2024-03-02T21:15:07.250Z","products":["YouTube"]},"', gigabytes);
  const mbox = join(dir, "mail.mbox");
  await writeLongLine(mbox, "From a@example.com Mon Jan 06 04:49:45 +0000 2020\nFrom: A <a@example.com>\nSubject: long\n\n", gigabytes);
  const bomb = join(dir, "ViewingActivity.csv.gz");
  const zeros = Buffer.alloc(16 * 1024 * 1024, "\n");
  await pipeline(Readable.from((async function* () {
    yield Buffer.from("Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\n");
    for (let i = 0; i < (Number(values["bomb-gb"]) * 1024 ** 3) / zeros.length; i++) yield zeros;
  })()), createGzip({ level: 9 }), createWriteStream(bomb));

  const vault = await openVault(join(dir, "vault.db"));
  for (const path of [csv, json, mbox, bomb]) {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const report = await importInputs(vault, [path]);
    clearInterval(sampler);
    const file = report.files[0]!;
    console.log(
      `${path.slice(dir.length + 1)}: ${((Date.now() - started) / 1000).toFixed(1)} s, ${file.records} records, ` +
        `peak RSS ${(peak / 1e6).toFixed(0)} MB (${((peak - before) / 1e6).toFixed(0)} MB over the start): ${file.errors.join("; ")}`,
    );
  }
  vault.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
