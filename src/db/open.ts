import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { dataFolder, packageRoot } from "../paths.js";
import { keyFilePath, newKey, readKeyFile, settleInterruptedChange, unlockKey, vaultFilePath, VaultLocked, writeKeyFile } from "./encryption.js";
import { passphraseFrom } from "./encryption-prompt.js";
import * as schema from "./schema.js";

export type VaultDb = LibSQLDatabase<typeof schema>;

export interface Vault {
  /** Where the vault lives: a `file:` URL or a libSQL server's URL. */
  url: string;
  client: Client;
  db: VaultDb;
  close(): void;
  /** An encrypted vault's key, for opening it again from another thread of this process. */
  readonly encryptionKey?: string;
  /** Runs `release` when the vault closes: for what lives as long as it does (threads holding its vectors). */
  onClose(release: () => void): void;
}

const SERVER_URL = /^(libsql|https?|wss?):\/\//i;

/**
 * Turns what the user gave (`--db`, `OWNBASE_DB`, or nothing) into a libSQL URL: a server URL is
 * kept as it is, anything else is a file path, by default `vault.db` in the data folder.
 */
export function vaultUrl(location: string | undefined = process.env.OWNBASE_DB): string {
  if (location && SERVER_URL.test(location)) return location;
  if (location?.startsWith("file:")) return location;
  const path = resolve(location || join(dataFolder(), "vault.db"));
  mkdirSync(dirname(path), { recursive: true });
  return `file:${path}`;
}

export interface OpenOptions {
  /** For an encrypted vault; else `OWNBASE_PASSPHRASE`, else asked on the terminal. */
  passphrase?: string;
  /** The key itself, as another thread has it (`Vault.encryptionKey`): no passphrase then. */
  encryptionKey?: string;
}

/** Opens the vault, encrypted or not, and brings its schema up to date. */
export async function openVault(location?: string, options: OpenOptions = {}): Promise<Vault> {
  const url = vaultUrl(location);
  const path = vaultFilePath(url);
  const encryptionKey = path === undefined ? undefined : (options.encryptionKey ?? (await vaultKey(path, options.passphrase)));
  // A file vault is served by a pool of connections: settings that belong to one connection
  // (busy timeout) go in the client's options, and only WAL, which the file keeps, is a PRAGMA.
  // WAL lets the web UI read while an import writes.
  const client = createClient({ url, authToken: process.env.OWNBASE_DB_TOKEN, timeout: 10_000, encryptionKey });
  try {
    if (path !== undefined) {
      // For a new vault only (an existing file keeps its own): a vector row (1.5 KB at 384
      // dimensions) leaves less of an 8 KB page unused than of a 4 KB one, 19% less file.
      await client.execute("PRAGMA page_size = 8192");
      await client.execute("PRAGMA journal_mode = WAL");
    }
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: join(packageRoot, "migrations") });
    return { url, client, db, encryptionKey, ...closing(() => client.close()) };
  } catch (error) {
    client.close();
    if (path !== undefined && (error as { code?: string }).code === "SQLITE_NOTADB") throw new Error(notADatabase(path, encryptionKey !== undefined));
    throw new Error(`cannot open the vault at ${url}: ${(error as Error).message}`);
  }
}

/** A vault's `close`, which first runs what was handed to its `onClose`, and that `onClose`. */
export function closing(closeVault: () => void): Pick<Vault, "close" | "onClose"> {
  const releases: Array<() => void> = [];
  return {
    close() {
      for (const release of releases.splice(0)) release();
      closeVault();
    },
    onClose: (release) => void releases.push(release),
  };
}

/** Whether the vault at `location` is an encrypted file. */
export function isEncrypted(location?: string): boolean {
  const path = vaultFilePath(vaultUrl(location));
  return path !== undefined && readKeyFile(path) !== undefined;
}

/**
 * Creates a new, empty vault: encrypted with `passphrase` when one is given. An existing vault is
 * left alone.
 */
export async function initVault(location: string | undefined, passphrase?: string): Promise<Vault> {
  const url = vaultUrl(location);
  const path = vaultFilePath(url);
  if (path === undefined) throw new Error(`${url} is a libSQL server: it keeps its own storage, and encrypts it if it is set up to`);
  await settleInterruptedChange(path);
  if ((existsSync(path) && statSync(path).size > 0) || existsSync(keyFilePath(path))) {
    throw new Error(`a vault already exists at ${path}${isEncrypted(path) ? " (encrypted)" : ""}: nothing was changed`);
  }
  if (passphrase === undefined) return openVault(path);
  const { keyFile } = await newKey(passphrase);
  writeKeyFile(keyFilePath(path), keyFile);
  try {
    return await openVault(path, { passphrase });
  } catch (error) {
    // Nothing was there before: leave nothing behind.
    for (const made of [path, `${path}-wal`, `${path}-shm`, keyFilePath(path)]) rmSync(made, { force: true });
    throw error;
  }
}

/** The key of an encrypted vault file, or undefined for a plain one. */
async function vaultKey(path: string, given: string | undefined): Promise<string | undefined> {
  await settleInterruptedChange(path);
  const keyFile = readKeyFile(path);
  if (!keyFile) return undefined;
  const passphrase = given ?? (await passphraseFrom("OWNBASE_PASSPHRASE", `Passphrase for ${path}: `));
  if (passphrase === undefined) throw new VaultLocked(path);
  return unlockKey(path, keyFile, passphrase);
}

/**
 * libSQL says SQLITE_NOTADB both for a wrong key and for a file that is no database: the key file's
 * check value has already told a wrong passphrase apart, so here the file itself is at fault.
 */
export function notADatabase(path: string, encrypted: boolean): string {
  return encrypted
    ? `the vault file ${path} is damaged or is not an Ownbase vault: the passphrase is right, yet the file does not decrypt to a database`
    : `the vault file ${path} is damaged or is not a database (or it is an encrypted vault whose key file ${keyFilePath(path)} is missing)`;
}

/** Opens the vault for one piece of work and closes it afterwards, whatever happens. */
export async function withVault<T>(location: string | undefined, act: (vault: Vault) => Promise<T>): Promise<T> {
  const vault = await openVault(location);
  try {
    return await act(vault);
  } finally {
    vault.close();
  }
}
