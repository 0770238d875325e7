import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Encryption at rest: the vault file is encrypted by libSQL (SQLite3 Multiple Ciphers, AES-256-CBC
 * as @libsql/client chooses it) with a key derived from the passphrase by scrypt. What is needed to
 * derive it again — the KDF, its parameters and a random salt — sits beside the vault in
 * `<vault>.key.json`, with a key check value: a wrong passphrase is told apart from a damaged file
 * without touching the vault. The key itself is never stored.
 */

/** scrypt with 128 MiB of memory: about half a second on a laptop, costly to guess on any hardware. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const MIN_PASSPHRASE_LENGTH = 8;

export interface KeyFile {
  format: "ownbase-vault-key";
  version: 1;
  cipher: "aes256cbc";
  kdf: "scrypt";
  params: { N: number; r: number; p: number };
  /** base64 */
  salt: string;
  /** base64: a hash of the half of the KDF's output that is not the key. */
  check: string;
}

/** The passphrase does not match the vault's key file. The vault was not opened, so not touched. */
export class WrongPassphrase extends Error {
  constructor(vaultPath: string) {
    super(`wrong passphrase for vault ${vaultPath}`);
  }
}

/** The vault is encrypted and no passphrase was given (nor could be asked for). */
export class VaultLocked extends Error {
  constructor(vaultPath: string) {
    super(`the vault ${vaultPath} is encrypted: set OWNBASE_PASSPHRASE, or run the command in a terminal to type the passphrase`);
  }
}

/**
 * The vault is closed for a moment while a server re-encrypts it. A kind of VaultLocked, so that
 * whatever waits out a locked vault (background indexing) waits this out too.
 */
export class VaultBusy extends VaultLocked {
  constructor(vaultPath: string) {
    super(vaultPath);
    this.message = `the vault ${vaultPath} is being encrypted: try again in a moment`;
  }
}

export const keyFilePath = (vaultPath: string) => `${vaultPath}.key.json`;
/** Where `encrypt` and `passphrase change` build the re-keyed copy and its key file before switching to them. */
export const rekeyPaths = (vaultPath: string) => ({ vault: `${vaultPath}.rekey`, keyFile: `${keyFilePath(vaultPath)}.next` });

/** The vault file of a `file:` URL, or undefined for a libSQL server. */
export function vaultFilePath(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  return url.slice("file:".length).replace(/\?.*$/, "");
}

/** Refuses a passphrase too short to be one; called before anything is changed. */
export function assertPassphraseStrength(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new Error(`the passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long`);
}

/** A fresh salt and check value for `passphrase`, with the key they lead to. */
export async function newKey(passphrase: string): Promise<{ keyFile: KeyFile; key: string }> {
  assertPassphraseStrength(passphrase);
  const salt = randomBytes(16);
  const derived = await derive(passphrase, salt, SCRYPT);
  const keyFile: KeyFile = {
    format: "ownbase-vault-key",
    version: 1,
    cipher: "aes256cbc",
    kdf: "scrypt",
    params: { ...SCRYPT },
    salt: salt.toString("base64"),
    check: derived.check.toString("base64"),
  };
  return { keyFile, key: derived.key };
}

/** The vault's key from the passphrase; a passphrase that does not match the key file is refused. */
export async function unlockKey(vaultPath: string, keyFile: KeyFile, passphrase: string): Promise<string> {
  const derived = await derive(passphrase, Buffer.from(keyFile.salt, "base64"), keyFile.params);
  const expected = Buffer.from(keyFile.check, "base64");
  if (expected.length !== derived.check.length || !timingSafeEqual(expected, derived.check)) throw new WrongPassphrase(vaultPath);
  return derived.key;
}

/** The vault's key file, or undefined when the vault is not encrypted. */
export function readKeyFile(vaultPath: string): KeyFile | undefined {
  const path = keyFilePath(vaultPath);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let parsed: Partial<KeyFile>;
  try {
    parsed = JSON.parse(text) as Partial<KeyFile>;
  } catch {
    parsed = {};
  }
  const { params } = parsed;
  if (parsed.format !== "ownbase-vault-key" || parsed.kdf !== "scrypt" || typeof parsed.salt !== "string" || typeof parsed.check !== "string" || !params || ![params.N, params.r, params.p].every(Number.isInteger)) {
    throw new Error(`the key file ${path} is damaged: without it the encrypted vault ${vaultPath} cannot be opened (restore it from a backup)`);
  }
  return parsed as KeyFile;
}

/** Writes a key file in full and to disk before anything relies on it; never over an existing one. */
export function writeKeyFile(path: string, keyFile: KeyFile): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    writeSync(fd, `${JSON.stringify(keyFile, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncFolder(dirname(path));
}

/** Makes a rename or a new file in `folder` durable. */
export function syncFolder(folder: string): void {
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Finishes or undoes an `encrypt` or `passphrase change` that was interrupted. Both switch by
 * renaming the re-keyed copy over the vault, and only then its key file into place: a copy still
 * there means the switch never happened (the vault, plain or with its old key file, is intact);
 * a new key file without a copy means the vault was switched and its key file must follow.
 */
export async function settleInterruptedChange(vaultPath: string): Promise<void> {
  const pending = rekeyPaths(vaultPath);
  if (existsSync(pending.vault)) {
    for (const path of [pending.vault, `${pending.vault}-journal`, `${pending.vault}-wal`, `${pending.vault}-shm`, pending.keyFile]) await rm(path, { force: true });
  } else if (existsSync(pending.keyFile)) {
    await rename(pending.keyFile, keyFilePath(vaultPath));
    syncFolder(dirname(vaultPath));
  }
}

/** 64 bytes of scrypt: the first half is the key, a hash of the second the check value. */
async function derive(passphrase: string, salt: Buffer, params: KeyFile["params"]): Promise<{ key: string; check: Buffer }> {
  const output = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize("NFC"), salt, 64, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
  return {
    // Handed to libSQL as text; hex keeps every byte of it.
    key: output.subarray(0, 32).toString("hex"),
    check: createHash("sha256").update("ownbase key check\0").update(output.subarray(32)).digest(),
  };
}
