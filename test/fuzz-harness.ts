import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import fc from "fast-check";
import { zipSync } from "fflate";
import { importers } from "../importers/index.js";
import type { Importer } from "../importers/types.js";
import { openVault, type Vault } from "../src/db/open.js";
import { chooseImporter } from "../src/import/detect.js";
import { fileInputFromPath } from "../src/import/file-input.js";
import { importInputs } from "../src/import/run.js";
import { fixturesDir } from "./fixtures.js";
import { writeTgz, writeZip } from "./helpers.js";

/** A valid input that mutations start from, and the importer that reads it (none for archives: the walker's). */
export interface FuzzTarget {
  name: string;
  importer: Importer | null;
  fixture: string;
}

/** Every importer, each with the first of the project's fixtures that it is chosen for. */
export async function fuzzTargets(): Promise<FuzzTarget[]> {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        if (name !== "models") walk(path);
      } else files.push(path);
    }
  };
  walk(fixturesDir);
  const fixtureOf = new Map<string, string>();
  for (const path of files) {
    const detection = chooseImporter(await fileInputFromPath(path), importers);
    if (detection.importer && !fixtureOf.has(detection.importer.id)) fixtureOf.set(detection.importer.id, path);
  }
  return importers.map((importer) => {
    const fixture = fixtureOf.get(importer.id);
    if (!fixture) throw new Error(`no fixture is read by ${importer.id}: add one under test/fixtures`);
    return { name: importer.id, importer, fixture };
  });
}

/** A zip and a .tgz of a few fixtures (a nested zip included), for fuzzing the archive walker. */
export async function archiveTargets(folder: string): Promise<FuzzTarget[]> {
  const files = Object.fromEntries(
    ["netflix/CONTENT_INTERACTION/MyList.csv", "amazon/Retail.OrderHistory.json", "mbox/headers.mbox"].map((path) => [path, readFileSync(join(fixturesDir, path))]),
  );
  const zip = writeZip(join(folder, "export.zip"), { ...files, "inner/inner.zip": zipSync({ "Ratings.csv": readFileSync(join(fixturesDir, "netflix/CONTENT_INTERACTION/Ratings.csv")) }) });
  const tgz = await writeTgz(join(folder, "takeout.tgz"), files);
  return [
    { name: "archive walker: zip", importer: null, fixture: zip },
    { name: "archive walker: tgz", importer: null, fixture: tgz },
  ];
}

/** One change to a file's bytes; positions are taken modulo the file's length. */
type Mutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; length: number }
  | { kind: "repeat"; at: number; length: number; times: number };

/** Bytes that mean something to one of the formats: inserting them breaks structure, not just text. */
const TOKENS = ['"', ",", "\n", "\r\n", "{", "}", "[", "]", "\\", "\\u", ":", "<", ">", "From ", "\n\nFrom x", "BEGIN:VEVENT", "END:VCARD", "\u0000", "\uFEFF", "\\ud800", "\\udc00x", "\\ud83d\\ude00"]
  .map((token) => new TextEncoder().encode(token))
  .concat([new Uint8Array([0xff, 0xfe]), new Uint8Array([0xed, 0xa0, 0x80]), new Uint8Array([0xc3])]);

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.oneof(fc.constantFrom(...TOKENS), fc.uint8Array({ minLength: 1, maxLength: 32 })) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 50 }) }),
);

function mutate(original: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(original);
  for (const mutation of mutations) {
    const at = bytes.length === 0 ? 0 : mutation.at % bytes.length;
    if (mutation.kind === "flip") {
      if (bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << mutation.bit);
    } else if (mutation.kind === "truncate") bytes = bytes.subarray(0, at);
    else if (mutation.kind === "insert") bytes = Buffer.concat([bytes.subarray(0, at), mutation.bytes, bytes.subarray(at)]);
    else if (mutation.kind === "delete") bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + mutation.length)]);
    else {
      const slice = bytes.subarray(at, at + mutation.length);
      bytes = Buffer.concat([bytes.subarray(0, at), ...Array<Buffer>(mutation.times).fill(slice), bytes.subarray(at)]);
    }
  }
  return bytes;
}

/** Inputs for one target: arbitrary bytes, the fixture's start followed by garbage, and mutated fixtures. */
export function inputArbitrary(target: FuzzTarget): fc.Arbitrary<Buffer> {
  const fixture = readFileSync(target.fixture);
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 2048 })).map(([at, tail]) => Buffer.concat([fixture.subarray(0, at % (fixture.length + 1)), tail])) },
    { weight: 4, arbitrary: fc.array(mutationArbitrary, { minLength: 1, maxLength: 8 }).map((mutations) => mutate(fixture, mutations)) },
  );
}

export type FuzzOutcome =
  | { type: "imported" | "rejected" }
  | { type: "escaped"; message: string }
  /** Caught and reported, but by its message a programming error rather than a judgement on the input. */
  | { type: "bug"; message: string }
  | { type: "hang" }
  | { type: "corrupted"; message: string };

/** What JavaScript says when code, not input, is wrong; and run.ts's words for an exception it did not expect. */
const BUG_MESSAGE = /Cannot read propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|could not be imported:/;

/**
 * A vault holding one target's fixture, imported soundly before any fuzzing: every fuzz run
 * goes through the real import path into it, and must leave those records exactly as they were.
 */
export class FuzzVault {
  private constructor(
    private readonly dir: string,
    private vault: Vault,
    private readonly target: FuzzTarget,
    private readonly forced: Importer | null,
    private readonly baseline: string,
    private readonly timeoutMs: number,
  ) {}

  static async open(target: FuzzTarget, timeoutMs: number): Promise<FuzzVault> {
    const dir = mkdtempSync(join(tmpdir(), "ownbase-fuzz-"));
    const vault = await openVault(join(dir, "vault.db"));
    await importInputs(vault, [target.fixture], target.importer ? { importers: [target.importer] } : {});
    // The target reads every input, so that arbitrary bytes reach its reader, not only its detector.
    const forced = target.importer && { ...target.importer, detect: () => 1 };
    return new FuzzVault(dir, vault, target, forced, await baselineDigest(vault), timeoutMs);
  }

  async run(input: Buffer): Promise<FuzzOutcome> {
    const path = join(this.dir, basename(this.target.fixture));
    writeFileSync(path, input);
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), this.timeoutMs)));
    try {
      // Once as a user's import, every detector looking; once read by the target whatever it holds.
      const forced = this.forced;
      const reports = (async () => [await importInputs(this.vault, [path]), ...(forced ? [await importInputs(this.vault, [path], { importers: [forced] })] : [])])();
      const done = await Promise.race([reports, hang]);
      if (done === "hang") return { type: "hang" };
      const problem = await this.damage();
      if (problem) return { type: "corrupted", message: problem };
      const errors = done.flatMap((report) => report.files.flatMap((file) => file.errors));
      const bug = errors.find((error) => BUG_MESSAGE.test(error));
      if (bug) return { type: "bug", message: bug };
      return { type: done.at(-1)!.files.some((file) => file.errors.length > 0) ? "rejected" : "imported" };
    } catch (error) {
      return { type: "escaped", message: (error as Error).stack ?? String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** What is wrong with the store after a run, if anything. */
  private async damage(): Promise<string | null> {
    const integrity = (await this.vault.client.execute("PRAGMA integrity_check")).rows[0]![0];
    if (integrity !== "ok") return `integrity_check: ${integrity}`;
    if ((await baselineDigest(this.vault)) !== this.baseline) return "the records imported before the run changed";
    return null;
  }

  close(): void {
    this.vault.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A digest of the records of the first import and their fields. */
async function baselineDigest(vault: Vault): Promise<string> {
  const rows = await vault.client.execute(
    "SELECT r.platform, r.natural_key, r.kind, r.title, r.text, r.occurred_at, f.name, f.value, f.level FROM records r LEFT JOIN fields f ON f.record_id = r.id WHERE r.import_id = (SELECT min(id) FROM imports) ORDER BY r.id, f.name",
  );
  const hash = createHash("sha256");
  for (const row of rows.rows) hash.update(JSON.stringify(Array.from(row)));
  return `${rows.rows.length}:${hash.digest("hex")}`;
}
