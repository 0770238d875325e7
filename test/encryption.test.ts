import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.js";
import { keyFilePath, rekeyPaths } from "../src/db/encryption.js";
import { openVault } from "../src/db/open.js";
import { ownbase, startOwnbase } from "./cli.js";
import { useTempDir, writeTgz, writeZip } from "./helpers.js";

const OLD = "correct horse battery staple";
const NEW = "a new and longer passphrase";
const fixture = join(import.meta.dirname, "fixtures/netflix/NetflixViewingHistory-US.csv");
const FIXTURE_RECORDS = 5;
/** A title in the fixture: it must not be readable in the vault's files. */
const KNOWN_VALUE = "Hellfire Club";

/**
 * `ownbase` in this process, with this passphrase (undefined: none set, and stdin is no
 * terminal). Cheap, but libSQL releases a closed connection's file locks only when it is
 * collected: a vault opened here cannot be re-keyed by a spawned `passphrase change` afterwards.
 */
async function inProcess(args: string[], passphrase: string | undefined, env: Record<string, string> = {}) {
  vi.stubEnv("OWNBASE_PASSPHRASE", passphrase);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  let stdout = "";
  let stderr = "";
  const status = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  vi.unstubAllEnvs();
  // A command that fails sets the exit code for the process it thinks it runs alone in.
  process.exitCode = undefined;
  return { status, stdout, stderr };
}

/** `ownbase` in its own process, as the user runs it. */
function spawned(args: string[], passphrase: string | undefined, env: NodeJS.ProcessEnv = {}) {
  return ownbase(args, { OWNBASE_PASSPHRASE: passphrase, OWNBASE_NEW_PASSPHRASE: undefined, ...env });
}

/** The record count, or the refusal. */
async function records(db: string, passphrase: string | undefined): Promise<number | string> {
  const result = await inProcess(["stats", "--json", "--db", db], passphrase);
  return result.status === 0 ? (JSON.parse(result.stdout) as { records: number }).records : result.stderr;
}

/** The bytes of the vault and everything beside it (log, shared memory, key file). */
function vaultBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).filter((name) => name.startsWith("vault.db")).map((name) => readFileSync(join(dir, name))));
}

/** Where a re-key stands, seen from its files: the copy appears, then its key file, then the copy is renamed over the vault. */
const moments = {
  copying: (db: string, name: string) => name === basename(rekeyPaths(db).vault) && existsSync(rekeyPaths(db).vault),
  "key file written": (db: string, name: string) => name === basename(rekeyPaths(db).keyFile) && existsSync(rekeyPaths(db).keyFile),
  switched: (db: string, name: string, seen: Set<string>) => seen.has("key file written") && name === basename(rekeyPaths(db).vault) && !existsSync(rekeyPaths(db).vault),
};
const KILL_POINTS = [["copying", 0], ["copying", 15], ["key file written", 0], ["switched", 0], ["switched", 5]] as const;

/** `ownbase args` on the vault.db in `dir`, killed `delayMs` after it reaches `moment`, if it does. */
async function killedAt(dir: string, args: string[], env: Record<string, string>, moment: keyof typeof moments, delayMs: number) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const child = startOwnbase(args);
  vi.unstubAllEnvs();
  const db = join(dir, "vault.db");
  const seen = new Set<string>();
  const watcher = watch(dir, (_event, name) => {
    for (const [reached, test] of Object.entries(moments)) if (!seen.has(reached) && name && test(db, name, seen)) seen.add(reached);
    if (seen.has(moment)) setTimeout(() => child.kill("SIGKILL"), delayMs);
  });
  await new Promise((resolve) => child.once("exit", resolve));
  watcher.close();
}

/** A copy of the vault.db in `from` and everything beside it, in `to`; returns the copy's path. */
function copyOfVault(from: string, to: string): string {
  for (const name of readdirSync(from).filter((name) => name.startsWith("vault.db"))) copyFileSync(join(from, name), join(to, name));
  return join(to, "vault.db");
}

const hash = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("encryption at rest", () => {
  const tempDir = useTempDir();
  afterEach(() => vi.unstubAllEnvs());

  // One encrypted vault made as a user makes it, with the fixture imported; each test works on a copy.
  let template: string;
  beforeAll(() => {
    template = mkdtempSync(join(tmpdir(), "ownbase-encrypted-"));
    const db = join(template, "vault.db");
    const init = spawned(["init", "--encrypt", "--db", db], OLD);
    expect(init.stderr).toBe("");
    expect(init.stdout).toContain(`Created an encrypted vault at ${db}\nIts key file ${db}.key.json must stay beside it`);
    const imported = spawned(["import", fixture, "--db", db], OLD);
    expect(imported.stderr).not.toContain("ownbase:");
  }, 120_000);
  // And a plain one, as `ownbase serve` or `ownbase init` makes it.
  let plainTemplate: string;
  beforeAll(() => {
    plainTemplate = mkdtempSync(join(tmpdir(), "ownbase-plain-"));
    const imported = spawned(["import", fixture, "--db", join(plainTemplate, "vault.db")], undefined);
    expect(imported.stderr).not.toContain("ownbase:");
  }, 120_000);
  afterAll(() => {
    for (const folder of [template, plainTemplate]) rmSync(folder, { recursive: true, force: true });
  });

  function vaultFrom(folder: string): { dir: string; db: string } {
    const dir = tempDir();
    return { dir, db: copyOfVault(folder, dir) };
  }
  const encryptedVault = () => vaultFrom(template);
  const plainVault = () => vaultFrom(plainTemplate);

  it("init --encrypt makes a vault whose files hold neither the SQLite header nor imported values, and commands open it", async () => {
    const { dir, db } = encryptedVault();
    const bytes = vaultBytes(dir);
    expect(bytes.includes("SQLite format 3")).toBe(false);
    expect(bytes.toString("latin1").toLowerCase()).not.toContain(KNOWN_VALUE.toLowerCase());
    expect(JSON.parse(readFileSync(keyFilePath(db), "utf8"))).toMatchObject({ kdf: "scrypt", cipher: "aes256cbc", params: { N: 2 ** 17, r: 8, p: 1 } });

    const withoutKey = createClient({ url: `file:${db}` });
    await expect(withoutKey.execute("SELECT count(*) FROM records")).rejects.toThrow(/SQLITE_NOTADB/);
    withoutKey.close();

    expect(await records(db, OLD)).toBe(FIXTURE_RECORDS);
    const found = await inProcess(["search", "hellfire", "--json", "--db", db], OLD);
    expect(JSON.parse(found.stdout)).toHaveLength(1);
    // Imports, searches and their writes leave the files as unreadable as before.
    expect(vaultBytes(dir).toString("latin1").toLowerCase()).not.toContain(KNOWN_VALUE.toLowerCase());

    // The same import into a plain vault shows what the checks above would catch.
    const plain = join(dir, "plain");
    mkdirSync(plain);
    expect((await inProcess(["init", "--db", join(plain, "vault.db")], undefined)).stdout).toBe(`Created a vault at ${join(plain, "vault.db")}\n`);
    expect((await inProcess(["import", fixture, "--db", join(plain, "vault.db")], undefined)).status).toBe(0);
    expect(vaultBytes(plain).includes("SQLite format 3")).toBe(true);
    expect(vaultBytes(plain).includes(KNOWN_VALUE)).toBe(true);
  });

  it("refuses init over an existing vault, and a passphrase shorter than 8 characters", async () => {
    const { dir, db } = encryptedVault();
    const again = await inProcess(["init", "--db", db], OLD);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`ownbase: a vault already exists at ${db} (encrypted): nothing was changed\n`);
    const short = await inProcess(["init", "--encrypt", "--db", join(dir, "other.db")], "short");
    expect(short.stderr).toBe("ownbase: the passphrase must be at least 8 characters long\n");
    expect(readdirSync(dir).filter((name) => name.startsWith("other"))).toEqual([]);
  });

  it("a wrong or missing passphrase is refused by name, and the vault's files stay byte for byte as they were", async () => {
    const { db } = encryptedVault();
    const before = [hash(db), hash(keyFilePath(db))];

    expect(await inProcess(["stats", "--db", db], "not the passphrase")).toEqual({ status: 1, stdout: "", stderr: `ownbase: wrong passphrase for vault ${db}\n` });
    const missing = await inProcess(["records", "--db", db], undefined);
    expect(missing.stderr).toBe(`ownbase: the vault ${db} is encrypted: set OWNBASE_PASSPHRASE, or run the command in a terminal to type the passphrase\n`);
    const change = await inProcess(["passphrase", "change", "--db", db], "not the passphrase", { OWNBASE_NEW_PASSPHRASE: NEW });
    expect(change.stderr).toBe(`ownbase: wrong passphrase for vault ${db}\n`);

    expect([hash(db), hash(keyFilePath(db))]).toEqual(before);
    expect(await records(db, OLD)).toBe(FIXTURE_RECORDS);
  });

  it("a damaged or foreign file gets its own message, not 'wrong passphrase', and is left as it was", async () => {
    const { dir, db } = encryptedVault();
    // Damaged: the first pages overwritten, the key file intact.
    const bytes = readFileSync(db);
    bytes.fill(7, 0, 8192);
    writeFileSync(db, bytes);
    const before = hash(db);
    const damaged = await inProcess(["stats", "--db", db], OLD);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toBe(`ownbase: the vault file ${db} is damaged or is not an Ownbase vault: the passphrase is right, yet the file does not decrypt to a database\n`);
    expect(hash(db)).toBe(before);

    // Foreign: any other file where a plain vault is expected.
    const notes = "these are my notes, not a database\n".repeat(200);
    const foreign = join(dir, "notes.db");
    writeFileSync(foreign, notes);
    const plain = await inProcess(["stats", "--db", foreign], undefined);
    expect(plain.stderr).toBe(`ownbase: the vault file ${foreign} is damaged or is not a database (or it is an encrypted vault whose key file ${foreign}.key.json is missing)\n`);
    expect(readFileSync(foreign, "utf8")).toBe(notes);
  });

  it("passphrase change: afterwards the old passphrase fails and the new one opens the same records", async () => {
    const { dir, db } = encryptedVault();
    const change = spawned(["passphrase", "change", "--db", db], OLD, { OWNBASE_NEW_PASSPHRASE: NEW });
    expect(change.stderr).toBe("");
    expect(change.stdout).toBe("The passphrase is changed: the old one no longer opens the vault.\n");

    expect(await records(db, OLD)).toBe(`ownbase: wrong passphrase for vault ${db}\n`);
    expect(await records(db, NEW)).toBe(FIXTURE_RECORDS);
    // Nothing of the change is left beside the vault, and the file is as unreadable as before.
    expect(readdirSync(dir).filter((name) => !/^vault\.db(-wal|-shm|\.key\.json)?$/.test(name))).toEqual([]);
    expect(vaultBytes(dir).includes("SQLite format 3")).toBe(false);
    expect(vaultBytes(dir).toString("latin1").toLowerCase()).not.toContain(KNOWN_VALUE.toLowerCase());
  });

  it("passphrase change refuses while the vault is open elsewhere, and changes nothing", async () => {
    const { db } = encryptedVault();
    const before = [hash(db), hash(keyFilePath(db))];
    const elsewhere = await openVault(db, { passphrase: OLD });
    try {
      const change = spawned(["passphrase", "change", "--db", db], OLD, { OWNBASE_NEW_PASSPHRASE: NEW });
      expect(change.status).toBe(1);
      expect(change.stderr).toBe(`ownbase: the vault ${db} is open in another Ownbase (a running \`ownbase serve\`?): stop it and try again\n`);
    } finally {
      elsewhere.close();
    }
    expect(hash(keyFilePath(db))).toBe(before[1]);
    expect(existsSync(rekeyPaths(db).vault)).toBe(false);
    expect(await records(db, OLD)).toBe(FIXTURE_RECORDS);
  });

  it("a change killed at any moment leaves a vault that opens, whole, with the old or the new passphrase", async () => {
    const { dir, db } = encryptedVault();
    let current = OLD;
    for (const [moment, delayMs] of KILL_POINTS) {
      const next = current === OLD ? NEW : OLD;
      await killedAt(dir, ["passphrase", "change", "--db", db], { OWNBASE_PASSPHRASE: current, OWNBASE_NEW_PASSPHRASE: next }, moment, delayMs);
      // Checked on a copy of everything the change left, so that the next change finds the vault free.
      const copy = copyOfVault(dir, tempDir());
      const opened = await records(copy, current);
      if (opened !== FIXTURE_RECORDS) expect(opened, `killed ${delayMs} ms after ${moment}`).toBe(`ownbase: wrong passphrase for vault ${copy}\n`);
      current = opened === FIXTURE_RECORDS ? current : next;
      expect(await records(copy, current), `killed ${delayMs} ms after ${moment}`).toBe(FIXTURE_RECORDS);
    }
  }, 240_000);


  it("encrypt: a plain vault with imported records becomes unreadable without the passphrase, and commands open it with OWNBASE_PASSPHRASE", async () => {
    const { dir, db } = plainVault();
    expect(vaultBytes(dir).includes(KNOWN_VALUE)).toBe(true);
    const short = spawned(["encrypt", "--db", db], undefined, { OWNBASE_NEW_PASSPHRASE: "short" });
    expect(short.stderr).toBe("ownbase: the passphrase must be at least 8 characters long\n");
    const none = spawned(["encrypt", "--db", db], undefined);
    expect(none.stderr).toBe("ownbase: set OWNBASE_NEW_PASSPHRASE, or run the command in a terminal to type the passphrase\n");

    const encrypted = spawned(["encrypt", "--db", db], undefined, { OWNBASE_NEW_PASSPHRASE: OLD });
    expect(encrypted.stderr).toBe("");
    expect(encrypted.stdout).toContain(`The vault at ${db} is encrypted; its plain file is gone.\nIts key file ${db}.key.json must stay beside it`);
    // The plain file is gone: nothing beside the vault but its key file, and no plain byte in any of them.
    expect(readdirSync(dir).filter((name) => !/^vault\.db(-wal|-shm|\.key\.json)?$/.test(name))).toEqual([]);
    expect(vaultBytes(dir).includes("SQLite format 3")).toBe(false);
    expect(vaultBytes(dir).toString("latin1").toLowerCase()).not.toContain(KNOWN_VALUE.toLowerCase());

    expect(await records(db, undefined)).toBe(`ownbase: the vault ${db} is encrypted: set OWNBASE_PASSPHRASE, or run the command in a terminal to type the passphrase\n`);
    expect(await records(db, "not the passphrase")).toBe(`ownbase: wrong passphrase for vault ${db}\n`);
    expect(await records(db, OLD)).toBe(FIXTURE_RECORDS);
    expect(JSON.parse((await inProcess(["search", "hellfire", "--json", "--db", db], OLD)).stdout)).toHaveLength(1);

    const again = spawned(["encrypt", "--db", db], OLD, { OWNBASE_NEW_PASSPHRASE: NEW });
    expect(again.stderr).toBe(`ownbase: the vault ${db} is already encrypted: to choose another passphrase, use \`ownbase passphrase change\`\n`);
    const nothing = spawned(["encrypt", "--db", join(dir, "none.db")], undefined, { OWNBASE_NEW_PASSPHRASE: NEW });
    expect(nothing.stderr).toBe(`ownbase: there is no vault at ${join(dir, "none.db")} to encrypt: \`ownbase init --encrypt\` creates an encrypted one\n`);
  });

  it("encrypt refuses while the vault is open elsewhere, and leaves it plain and whole", async () => {
    const { db } = plainVault();
    const before = hash(db);
    const elsewhere = await openVault(db);
    try {
      const encrypted = spawned(["encrypt", "--db", db], undefined, { OWNBASE_NEW_PASSPHRASE: OLD });
      expect(encrypted.status).toBe(1);
      expect(encrypted.stderr).toBe(`ownbase: the vault ${db} is open in another Ownbase (a running \`ownbase serve\`?): stop it and try again\n`);
    } finally {
      elsewhere.close();
    }
    expect(existsSync(keyFilePath(db))).toBe(false);
    expect(existsSync(rekeyPaths(db).vault)).toBe(false);
    expect(hash(db)).toBe(before);
  });

  it("an encrypt killed at any moment leaves a vault that opens with its records, plain or encrypted, never neither", async () => {
    const outcomes = new Set<string>();
    // On a loaded machine the watcher may see the copy too late to kill the first encrypt early:
    // the run then ends encrypted at once, and starts over on a plain vault, three times at most.
    for (let run = 0; run < 3 && !outcomes.has("plain"); run++) {
      const { dir, db } = plainVault();
      for (const [moment, delayMs] of KILL_POINTS) {
        if (existsSync(keyFilePath(db))) break;
        await killedAt(dir, ["encrypt", "--db", db], { OWNBASE_NEW_PASSPHRASE: OLD }, moment, delayMs);
        const copyDir = tempDir();
        const copy = copyOfVault(dir, copyDir);
        // With the passphrase given, a plain vault opens too: either way, every record is there.
        expect(await records(copy, OLD), `killed ${delayMs} ms after ${moment}`).toBe(FIXTURE_RECORDS);
        const encrypted = existsSync(keyFilePath(copy));
        outcomes.add(encrypted ? "encrypted" : "plain");
        // Opening finished or undid the conversion: no copy is left, and an encrypted vault holds no plain byte.
        expect(readdirSync(copyDir).filter((name) => !/^vault\.db(-wal|-shm|\.key\.json)?$/.test(name))).toEqual([]);
        if (encrypted) expect(vaultBytes(copyDir).toString("latin1").toLowerCase()).not.toContain(KNOWN_VALUE.toLowerCase());
      }
    }
    expect(outcomes.has("plain")).toBe(true);
  }, 240_000);

  it("an interrupted change is finished or undone on the next open, whichever side of the switch it stopped", async () => {
    const { dir, db } = encryptedVault();
    const old = { vault: readFileSync(db), keyFile: readFileSync(keyFilePath(db)) };
    expect(spawned(["passphrase", "change", "--db", db], OLD, { OWNBASE_NEW_PASSPHRASE: NEW }).status).toBe(0);
    const fresh = { vault: readFileSync(db), keyFile: readFileSync(keyFilePath(db)) };
    /** A vault in its own folder, as a change killed at that point leaves it. */
    const leftBehind = (name: string, files: { vault: Buffer; keyFile: Buffer; copy?: Buffer; copyKeyFile?: Buffer }) => {
      mkdirSync(join(dir, name));
      const path = join(dir, name, "vault.db");
      const pending = rekeyPaths(path);
      writeFileSync(path, files.vault);
      writeFileSync(keyFilePath(path), files.keyFile);
      if (files.copy) writeFileSync(pending.vault, files.copy);
      if (files.copyKeyFile) writeFileSync(pending.keyFile, files.copyKeyFile);
      return { path, pending };
    };

    // Stopped before the switch: the re-keyed copy and its key file wait beside the old vault.
    const before = leftBehind("before", { ...old, copy: fresh.vault, copyKeyFile: fresh.keyFile });
    expect(await records(before.path, OLD)).toBe(FIXTURE_RECORDS);
    expect([existsSync(before.pending.vault), existsSync(before.pending.keyFile)]).toEqual([false, false]);

    // Stopped after the switch: the vault is the re-keyed copy, its key file not yet renamed.
    const after = leftBehind("after", { vault: fresh.vault, keyFile: old.keyFile, copyKeyFile: fresh.keyFile });
    expect(await records(after.path, NEW)).toBe(FIXTURE_RECORDS);
    expect(existsSync(after.pending.keyFile)).toBe(false);
    expect(await records(after.path, OLD)).toBe(`ownbase: wrong passphrase for vault ${after.path}\n`);
  });

  it("imports of .tgz archives and zips inside zips leave no copy of their entries in the temporary folder, also when they fail", async () => {
    const { dir, db } = encryptedVault();
    const tmp = join(dir, "tmp");
    mkdirSync(tmp);
    const csv = readFileSync(fixture);
    await writeTgz(join(dir, "netflix.tgz"), { "netflix/NetflixViewingHistory.csv": csv });
    writeZip(join(dir, "outer.zip"), { "inner.zip": readFileSync(writeZip(join(dir, "inner.zip"), { "NetflixViewingHistory.csv": csv })) });
    const whole = readFileSync(join(dir, "netflix.tgz"));
    writeFileSync(join(dir, "broken.tgz"), whole.subarray(0, whole.length / 2));

    for (const archive of ["netflix.tgz", "outer.zip", "broken.tgz"]) {
      const imported = await inProcess(["import", join(dir, archive), "--json", "--db", db], OLD, { TMPDIR: tmp });
      // The entries were read (each through a temporary copy), then their copies removed.
      if (archive !== "broken.tgz") expect(JSON.parse(imported.stdout)).toMatchObject({ records_seen: FIXTURE_RECORDS });
      expect(readdirSync(tmp)).toEqual([]);
    }
    expect(await records(db, OLD)).toBe(FIXTURE_RECORDS);
  });
});
