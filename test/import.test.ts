import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { count, eq } from "drizzle-orm";
import { gzipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { fields, imports, records } from "../src/db/schema.js";
import { importInputs, type ImportProgress } from "../src/import/run.js";
import type { Importer } from "../importers/types.js";
import { useTempDir, useTempVault, writeTgz, writeZip } from "./helpers.js";

/**
 * A minimal importer for files starting with `LINES`: each further line is a record; `BAD` is a
 * bad item and `FATAL` makes the file unreadable from there on.
 */
const linesImporter: Importer = {
  id: "test.lines",
  platform: "test",
  title: "Test lines",
  detect: (sample) => (sample.head.subarray(0, 6).toString() === "LINES\n" ? 1 : 0),
  fieldSensitivity: { secret: { level: 3, categories: ["identifier"], reason: "a test secret" } },
  async *read(file) {
    const skip = typeof file.resume === "number" ? file.resume : 0;
    const lines = (await streamText(file.open())).split("\n").slice(1);
    for (const [index, line] of lines.entries()) {
      if (index < skip || line === "") continue;
      if (line === "BAD") yield { type: "error", at: `line ${index + 2}`, message: "bad line" };
      else if (line === "FATAL") throw new Error(`cannot go on after line ${index + 1}`);
      else yield { type: "record", kind: "line", naturalKey: line, time: null, title: line, fields: { text: line, secret: `s-${line}` }, resume: index + 1 };
    }
  },
};

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

vi.mock("../importers/index.js", () => ({ importers: [] }));
const options = { importers: [linesImporter] };

describe("importing", () => {
  const tempDir = useTempDir();
  const tempVault = useTempVault();

  it("reads files from folders, zips, nested zips and several zips at once, and tags every field", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    mkdirSync(join(dir, "folder/sub"), { recursive: true });
    writeFileSync(join(dir, "folder/sub/a.txt"), "LINES\na1\na2\n");
    const inner = writeZip(join(dir, "inner.zip"), { "deep/c.txt": "LINES\nc1\n" });
    writeZip(join(dir, "outer.zip"), { "b.txt": "LINES\nb1\nb2\nb3\n", "nested/inner.zip": readFileSync(inner) });
    writeZip(join(dir, "part-002.zip"), { "d.txt": "LINES\nd1\n" });

    const report = await importInputs(vault, [join(dir, "folder"), join(dir, "outer.zip"), join(dir, "part-002.zip")], options);

    expect(report.records_added).toBe(7);
    expect(report.files.map((file) => [file.path.slice(dir.length + 1), file.records])).toEqual([
      ["folder/sub/a.txt", 2],
      ["outer.zip/b.txt", 3],
      ["outer.zip/nested/inner.zip/deep/c.txt", 1],
      ["part-002.zip/d.txt", 1],
    ]);
    const secrets = await vault.db.select().from(fields).where(eq(fields.name, "secret"));
    expect(secrets).toHaveLength(7);
    expect(secrets[0]).toMatchObject({ level: 3, categories: ["identifier"], reason: "a test secret" });
    const texts = await vault.db.select().from(fields).where(eq(fields.name, "text"));
    expect(texts[0]).toMatchObject({ level: 1, reason: "personal data by default" });
  });

  it("reads .tgz Takeouts entry by entry, zips inside them, and single .gz files", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    const inner = readFileSync(writeZip(join(dir, "inner.zip"), { "c.txt": "LINES\nc1\n" }));
    await writeTgz(join(dir, "takeout.tgz"), { "Takeout/a.txt": "LINES\na1\na2\n", "Takeout/inner.zip": inner, "Takeout/notes.txt": "hello\n" });
    writeFileSync(join(dir, "b.txt.gz"), gzipSync(Buffer.from("LINES\nb1\n")));
    const whole = readFileSync(await writeTgz(join(dir, "whole.tgz"), { "x.txt": "LINES\n" + Array.from({ length: 50_000 }, (_, i) => `x${i * 7919}`).join("\n") }));
    writeFileSync(join(dir, "broken.tgz"), whole.subarray(0, whole.length / 2));

    const report = await importInputs(vault, [join(dir, "takeout.tgz"), join(dir, "b.txt.gz"), join(dir, "broken.tgz")], options);

    expect(report.files.map((file) => [file.path.slice(dir.length + 1), file.records, file.errors[0]?.slice(0, 26)])).toEqual([
      ["takeout.tgz/Takeout/a.txt", 2, undefined],
      ["takeout.tgz/Takeout/inner.zip/c.txt", 1, undefined],
      ["takeout.tgz/Takeout/notes.txt", 0, "not recognised: no importe"],
      ["b.txt.gz", 1, undefined],
      ["broken.tgz", 0, "not a readable tar.gz (tru"],
    ]);
    expect(report.records_added).toBe(4);
  });

  it("tags fields an importer does not list with its default sensitivity, if it declares one", async () => {
    const vault = await tempVault();
    const file = join(tempDir(), "cards.txt");
    writeFileSync(file, "LINES\ncard\n");
    const cautious: Importer = { ...linesImporter, defaultSensitivity: { level: 3, categories: ["financial"], reason: "payment data" } };
    await importInputs(vault, [file], { importers: [cautious] });
    const tags = await vault.db.select({ name: fields.name, level: fields.level, reason: fields.reason }).from(fields).orderBy(fields.name);
    expect(tags).toEqual([
      { name: "secret", level: 3, reason: "a test secret" },
      { name: "text", level: 3, reason: "payment data" },
    ]);
  });

  it("adds nothing when the same archive is imported again", async () => {
    const vault = await tempVault();
    const zip = writeZip(join(tempDir(), "export.zip"), { "x.txt": "LINES\nx1\nx2\nx1\n" });
    const first = await importInputs(vault, [zip], options);
    const second = await importInputs(vault, [zip], options);
    expect([first.records_seen, first.records_added]).toEqual([3, 2]);
    expect([second.records_seen, second.records_added]).toEqual([3, 0]);
    const [stored] = await vault.db.select({ n: count() }).from(records);
    expect(stored!.n).toBe(2);
    const [storedFields] = await vault.db.select({ n: count() }).from(fields);
    expect(storedFields!.n).toBe(4);
  });

  it("lists files no importer knows, empty files and broken zips, and imports the rest", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    writeFileSync(join(dir, "random.csv"), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(join(dir, "empty.csv"), "");
    writeFileSync(join(dir, "notes.txt"), "just some notes\nmore\n");
    writeFileSync(join(dir, "secrets.txt"), "password: hunter2-correct-horse\n");
    const whole = readFileSync(writeZip(join(dir, "whole.zip"), { "a.txt": "LINES\n" + "row\n".repeat(10) }));
    writeFileSync(join(dir, "truncated.zip"), whole.subarray(0, whole.length - 30));
    writeFileSync(join(dir, "good.txt"), "LINES\ng1\nBAD\ng2\nFATAL\ng3\n");

    const report = await importInputs(vault, [dir, join(dir, "missing.zip")], options);
    const byName = Object.fromEntries(report.files.map((file) => [file.path.slice(dir.length + 1) || file.path, file]));

    expect(byName["random.csv"]).toMatchObject({ importer: null, errors: ["not recognised: binary content that no importer reads"] });
    expect(byName["empty.csv"]).toMatchObject({ importer: null, errors: ["empty file"] });
    expect(byName["notes.txt"]!.errors[0]).toBe('not recognised: no importer knows a file starting with "just some notes"');
    expect(byName["secrets.txt"]!.errors[0]).toBe("not recognised: no importer knows this text file (its first line looks sensitive, so it is not shown)");
    expect(byName["truncated.zip"]!.errors[0]).toMatch(/^not a readable zip \(truncated or damaged\)/);
    expect(byName["good.txt"]).toMatchObject({ importer: "test.lines", records: 2, errors: ["line 3: bad line", "cannot go on after line 4"] });
    expect(report.files.at(-1)).toMatchObject({ path: join(dir, "missing.zip"), errors: ["no such file or folder"] });

    const rows = await vault.db.select().from(imports);
    expect(rows.find((row) => row.path.endsWith("good.txt"))).toMatchObject({ status: "failed", recordsAdded: 2 });
    expect(rows.find((row) => row.path.endsWith("notes.txt"))).toMatchObject({ status: "unrecognised" });
  });

  it("reports progress: files, records and bytes as they are read, then a last report when done", async () => {
    const vault = await tempVault();
    const file = join(tempDir(), "long.txt");
    writeFileSync(file, "LINES\n" + Array.from({ length: 5000 }, (_, i) => `p${i}`).join("\n") + "\n");
    const seen: ImportProgress[] = [];
    await importInputs(vault, [file], { ...options, batchSize: 100, onProgress: (progress) => seen.push(progress) });
    expect(seen[0]).toMatchObject({ files: 1, records: 0, current: file });
    expect(seen.at(-1)).toMatchObject({ files: 1, records: 5000, bytes: statSync(file).size, current: null });
  });

  it("goes on from the checkpoint of an interrupted import of the same file", async () => {
    const vault = await tempVault();
    const file = join(tempDir(), "long.txt");
    writeFileSync(file, "LINES\n" + Array.from({ length: 10 }, (_, i) => `r${i}`).join("\n") + "\n");
    // A first run stores r0..r3; then its process dies, which leaves its import row running.
    const first = await importInputs(vault, [file], { importers: [{ ...linesImporter, read: (input) => takeRecords(linesImporter.read(input), 4) }] });
    expect(first.records_added).toBe(4);
    const [run] = await vault.db.select().from(imports).where(eq(imports.path, file));
    await vault.db.update(imports).set({ status: "running" }).where(eq(imports.id, run!.id));

    const reads: unknown[] = [];
    const resumed = await importInputs(vault, [file], {
      importers: [{ ...linesImporter, read: (input) => (reads.push(input.resume), linesImporter.read(input)) }],
    });
    expect(reads).toEqual([4]);
    expect([resumed.records_seen, resumed.records_added]).toEqual([6, 6]);
    const [row] = await vault.db.select().from(imports).where(eq(imports.id, run!.id));
    expect(row).toMatchObject({ status: "done", recordsSeen: 10, recordsAdded: 10 });
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

async function* takeRecords<T>(items: AsyncIterable<T>, limit: number): AsyncGenerator<T> {
  let taken = 0;
  for await (const item of items) {
    if (taken++ >= limit) return;
    yield item;
  }
}
