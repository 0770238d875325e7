import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, zipSync, type Zippable } from "fflate";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { importInputs, type ImportReport } from "../src/import/run.js";
import type { ImportLimits } from "../src/import/limits.js";
import { vaultStats } from "../src/vault/queries.js";
import { fixture } from "./fixtures.js";
import { useTempDir, useTempVault, writeZip } from "./helpers.js";

/** The fixture's header and its first rows, which are sound (later ones are broken on purpose). */
const viewingActivity = readFileSync(fixture("netflix/CONTENT_INTERACTION/ViewingActivity.csv"), "utf8").split("\n").slice(0, 6).join("\n");
const viewingHeader = viewingActivity.split("\n")[0]!;
const myActivity = JSON.parse(readFileSync(fixture("google/activity/json/MyActivity.json"), "utf8")) as unknown[];
const firstActivity = JSON.stringify(myActivity[0]);
const mail = (subject: string, body: string) =>
  `From a@example.com Mon Jan 06 04:49:45 +0000 2020\nFrom: A <a@example.com>\nTo: me@example.com\nSubject: ${subject}\nMessage-ID: <${subject}@example.com>\n\n${body}\n\n`;

/** Limits scaled down so the tests stay fast; the bench (bench/hostile-lines.ts) uses the real ones. */
const small: Partial<ImportLimits> = { ratioFreeBytes: 1024 * 1024, csvRowChars: 1024 * 1024, jsonItemBytes: 1024 * 1024, mailTextBytes: 1024 * 1024 };

function entryFor(report: ImportReport, pathEnd: string) {
  const found = report.files.find((file) => file.path.endsWith(pathEnd));
  if (!found) throw new Error(`no report entry for ${pathEnd}: ${report.files.map((file) => file.path).join(", ")}`);
  return found;
}

async function tgz(entries: (tar.Headers & { content?: string | Buffer })[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const { content, ...header } of entries) pack.entry(header, content === undefined ? undefined : Buffer.from(content));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.from(gzipSync(Buffer.concat(chunks)));
}

/** A zip whose directory claims `size` bytes for every entry, whatever they hold. */
function lyingAboutSizes(zip: Uint8Array, size: number): Buffer {
  const bytes = Buffer.from(zip);
  for (let at = bytes.indexOf("PK\x01\x02"); at !== -1; at = bytes.indexOf("PK\x01\x02", at + 4)) bytes.writeUInt32LE(size, at + 24);
  return bytes;
}

describe("hostile and broken inputs", () => {
  const tempDir = useTempDir();
  const tempVault = useTempVault();

  it("refuse archive entries that climb out, have absolute paths or are links, and read the rest", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    const csv = new TextEncoder().encode(viewingActivity);
    const entries: Zippable = {
      "../escape.csv": csv,
      "/etc/absolute.csv": csv,
      "C:/Windows/drive.csv": csv,
      "Takeout/link.csv": [new TextEncoder().encode("/etc/passwd"), { os: 3, attrs: (0o120777 << 16) >>> 0 }],
      "Takeout/ViewingActivity.csv": csv,
    };
    writeFileSync(join(dir, "slip.zip"), zipSync(entries));
    writeFileSync(
      join(dir, "links.tgz"),
      await tgz([
        { name: "Takeout/passwd", type: "symlink", linkname: "/etc/passwd" },
        { name: "Takeout/hard", type: "link", linkname: "../../etc/shadow" },
        { name: "../up.csv", content: viewingActivity },
        { name: "Takeout/ok.csv", content: viewingActivity },
      ]),
    );
    symlinkSync("/etc/passwd", join(dir, "folder-link.csv"));

    const report = await importInputs(vault, [dir]);

    expect(entryFor(report, "slip.zip/../escape.csv").errors[0]).toMatch(/^a path with `\.\.` inside the archive: refused/);
    expect(entryFor(report, "slip.zip//etc/absolute.csv").errors[0]).toMatch(/^an absolute path inside the archive: refused/);
    expect(entryFor(report, "slip.zip/C:/Windows/drive.csv").errors[0]).toMatch(/^an absolute path/);
    expect(entryFor(report, "slip.zip/Takeout/link.csv").errors[0]).toMatch(/^a symbolic link: not followed/);
    expect(entryFor(report, "links.tgz/Takeout/passwd").errors[0]).toMatch(/^a symbolic link: not followed/);
    expect(entryFor(report, "links.tgz/Takeout/hard").errors[0]).toMatch(/^a hard link: not followed/);
    expect(entryFor(report, "links.tgz/../up.csv").errors[0]).toMatch(/^a path with `\.\.`/);
    expect(entryFor(report, "folder-link.csv").errors[0]).toMatch(/^a symbolic link: not followed/);
    expect(entryFor(report, "slip.zip/Takeout/ViewingActivity.csv")).toMatchObject({ importer: "netflix.viewing-activity", errors: [] });
    expect(entryFor(report, "links.tgz/Takeout/ok.csv")).toMatchObject({ importer: "netflix.viewing-activity", errors: [] });
    expect((await vaultStats(vault.db)).records).toBeGreaterThan(0);
  });

  it("stop zip bombs by their declared ratio, by what they really expand to while streaming, and by total size", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    const zeros = new Uint8Array(20 * 1024 * 1024);
    writeFileSync(join(dir, "declared.zip"), zipSync({ "huge.csv": zeros, "fine.csv": new TextEncoder().encode(viewingActivity) }, { level: 9 }));
    writeFileSync(join(dir, "lying.zip"), lyingAboutSizes(zipSync({ "small.csv": zeros }, { level: 9 }), 100));
    // Looks like a real CSV, then expands about 1000-fold: only reading it finds out.
    const blankLines = `${viewingHeader}\n${"\n".repeat(40 * 1024 * 1024)}`;
    writeFileSync(join(dir, "ViewingActivity.csv.gz"), gzipSync(Buffer.from(blankLines), { level: 9 }));
    writeFileSync(join(dir, "takeout.tgz"), await tgz([{ name: "Takeout/ViewingActivity.csv", content: blankLines }]));
    const noise = (seed: number) => new TextEncoder().encode(Array.from({ length: 60_000 }, (_, i) => ((i * 7919 + seed) % 1e6).toString(36)).join("\n"));
    const total = writeZip(join(tempDir(), "total.zip"), { "a.txt": noise(1), "b.txt": noise(2), "c.txt": noise(3) });

    const started = Date.now();
    const report = await importInputs(vault, [dir], { limits: small });
    const totalReport = await importInputs(vault, [total], { limits: { archiveBytes: 400 * 1024 } });

    expect(Date.now() - started).toBeLessThan(30_000);
    expect(entryFor(report, "declared.zip/huge.csv").errors[0]).toMatch(/^expands \d+ times \(20 MB from [\d.]+ KB\), past the limit of 200: a zip bomb\? Not read/);
    expect(entryFor(report, "declared.zip/fine.csv")).toMatchObject({ importer: "netflix.viewing-activity", errors: [] });
    expect(entryFor(report, "lying.zip/small.csv").errors[0]).toMatch(/holds more than the 0.1 KB its archive declares: damaged, or a zip bomb; stopped/);
    expect(entryFor(report, "ViewingActivity.csv.gz")).toMatchObject({ importer: "netflix.viewing-activity" });
    expect(entryFor(report, "ViewingActivity.csv.gz").errors.at(-1)).toMatch(/^expanded more than 200 times \([\d.]+ MB from [\d.]+ KB\): a zip bomb\? Stopped/);
    expect(entryFor(report, "takeout.tgz").errors[0]).toMatch(/^not a readable tar.gz \(truncated, damaged or too large\): expanded more than 200 times/);
    expect(entryFor(totalReport, "total.zip/b.txt").errors[0]).toMatch(/^the archive expands past 400 KB: a zip bomb\? This file and the rest of the archive are not read/);
    expect(totalReport.files.map((file) => file.path.slice(total.length + 1))).toEqual(["a.txt", "b.txt"]);
  }, 60_000);

  it("refuse archives nested deeper than the limit", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    let archive = zipSync({ "ViewingActivity.csv": new TextEncoder().encode(viewingActivity) });
    for (const name of ["d.zip", "c.zip", "b.zip"]) archive = zipSync({ [name]: archive });
    writeFileSync(join(dir, "a.zip"), archive);

    const report = await importInputs(vault, [join(dir, "a.zip")]);

    expect(report.files).toHaveLength(1);
    expect(entryFor(report, "a.zip/b.zip/c.zip/d.zip").errors).toEqual(["archive nested more than 3 deep: a zip bomb? Not opened"]);
  });

  it("stop at lines without end in CSV, JSON and mbox files, and keep what came before", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    const long = "x".repeat(3 * 1024 * 1024);
    writeFileSync(join(dir, "ViewingActivity.csv"), `${viewingActivity.trimEnd()}\nAnna,${long}`);
    writeFileSync(join(dir, "NoBreaks.csv"), `${viewingHeader}\n${long}`);
    writeFileSync(join(dir, "MyActivity.json"), `[${firstActivity},"${long}`);
    writeFileSync(join(dir, "mail.mbox"), mail("first", "hello") + mail("long", long));

    const report = await importInputs(vault, [dir], { limits: small });

    const rows = viewingActivity.trimEnd().split("\n").length - 1;
    expect(entryFor(report, "ViewingActivity.csv")).toMatchObject({ records: rows, errors: [`row ${rows + 1} is longer than 1 MB (a file without line breaks?)`] });
    expect(entryFor(report, "NoBreaks.csv")).toMatchObject({ records: 0, errors: ["row 1 is longer than 1 MB (a file without line breaks?)"] });
    expect(entryFor(report, "MyActivity.json")).toMatchObject({ records: 1, errors: ["item 2 is larger than 1 MB: not an export's"] });
    const mbox = entryFor(report, "mail.mbox");
    expect(mbox.records).toBe(2);
    expect(mbox.errors).toEqual([expect.stringMatching(/^message 2 \(byte \d+\): the message's text runs past 1 MB; it was read up to there/)]);
  });

  it("read text that is not valid UTF-8 or UTF-16 with replacement characters", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    const history = (title: string) => `Title,Date\n"${title}","1/3/26"\n"Plain title","1/4/26"\n`;
    // Valid UTF-8 head, broken bytes past the 64 KiB the encoding is sniffed from.
    const padding = Array.from({ length: 3000 }, (_, i) => `"Padding ${i}","1/1/25"`).join("\n");
    writeFileSync(join(dir, "NetflixViewingHistory.csv"), Buffer.concat([Buffer.from(`Title,Date\n${padding}\n"Broken `), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(` end","2/2/25"\n`)]));
    writeFileSync(join(dir, "utf16.csv"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(history("Lone \ud800 surrogate"), "utf16le")]));
    writeFileSync(join(dir, "MyActivity.json"), `[${firstActivity.replace(/"title":"[^"]*"/, '"title":"Watched \\ud800 alone \\udfff"')}]`);

    const report = await importInputs(vault, [dir]);

    expect(entryFor(report, "NetflixViewingHistory.csv")).toMatchObject({ importer: "netflix.viewing-history", records: 3001, errors: [] });
    expect(entryFor(report, "utf16.csv")).toMatchObject({ importer: "netflix.viewing-history", records: 2, errors: [] });
    expect(entryFor(report, "MyActivity.json")).toMatchObject({ records: 1, errors: [] });
    const titles = (await vault.client.execute("SELECT title FROM records WHERE title LIKE '%Broken%' OR title LIKE '%Lone%' OR title LIKE '%alone%' ORDER BY title")).rows.map((row) => row[0]);
    expect(titles).toEqual(["Broken \ufffd\ufffd(\ufffd\ufffd\ufffd end", "Lone \ufffd surrogate", "\ufffd alone \ufffd"]);
    expect((await vault.client.execute("PRAGMA integrity_check")).rows[0]![0]).toBe("ok");
  });

  it("refuse JSON nested past the limit, with a clear error instead of a stack overflow", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    writeFileSync(join(dir, "MyActivity.json"), `[${firstActivity},${deep}]`);
    const orders = readFileSync(fixture("amazon/Retail.OrderHistory.json"), "utf8");
    writeFileSync(join(dir, "Retail.OrderHistory.json"), orders.replace(/\]\s*$/, `,${deep}]`));

    const report = await importInputs(vault, [dir]);

    expect(entryFor(report, "MyActivity.json")).toMatchObject({ records: 1, errors: ["not an export's JSON: nested more than 256 levels deep"] });
    expect(entryFor(report, "Retail.OrderHistory.json")).toMatchObject({ records: 0, errors: ["not an export's JSON: nested more than 256 levels deep"] });
  });

  it("refuse a CSV header with a million columns; a row with a million fields is one bad row", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    const million = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(",");
    writeFileSync(join(dir, "Wide.csv"), `${viewingHeader},${million}\n`);
    const [header, ...rows] = viewingActivity.trimEnd().split("\n");
    writeFileSync(join(dir, "ViewingActivity.csv"), [header, rows[0], `Anna${",".repeat(1_000_000)}`, ...rows.slice(1)].join("\n"));

    const report = await importInputs(vault, [dir]);

    expect(entryFor(report, "Wide.csv")).toMatchObject({ records: 0, errors: ["the header row has 1000010 columns, more than the 10000 any export has"] });
    expect(entryFor(report, "ViewingActivity.csv")).toMatchObject({ records: rows.length, errors: ["row 2: expected 10 fields but found 1000001"] });
  });

  it("report an mbox without `From ` lines as not recognised", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    writeFileSync(join(dir, "mail.mbox"), "Subject: hello\nFrom: a@example.com\n\nno separator line anywhere\n");

    const report = await importInputs(vault, [dir]);

    expect(entryFor(report, "mail.mbox")).toMatchObject({ importer: null, records: 0 });
    expect(entryFor(report, "mail.mbox").errors[0]).toMatch(/^not recognised/);
  });
});
