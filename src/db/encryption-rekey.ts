import { createClient, type Client } from "@libsql/client";
import { constants, existsSync, statSync } from "node:fs";
import { copyFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { assertPassphraseStrength, keyFilePath, newKey, readKeyFile, rekeyPaths, settleInterruptedChange, syncFolder, unlockKey, vaultFilePath, writeKeyFile, type KeyFile } from "./encryption.js";
import { notADatabase, vaultUrl } from "./open.js";

/**
 * Encrypts a plain vault with `passphrase`, the way `passphrase change` re-keys an encrypted one
 * (see rekeyVault). The plain file is replaced, not kept: afterwards no copy of it is left beside
 * the vault.
 */
export async function encryptVault(location: string | undefined, passphrase: string): Promise<void> {
  assertPassphraseStrength(passphrase);
  const path = await vaultFile(location);
  if (readKeyFile(path)) throw new Error(`the vault ${path} is already encrypted: to choose another passphrase, use \`ownbase passphrase change\``);
  if (!existsSync(path) || statSync(path).size === 0) throw new Error(`there is no vault at ${path} to encrypt: \`ownbase init --encrypt\` creates an encrypted one`);
  await rekeyVault(path, undefined, await newKey(passphrase));
}

/**
 * Re-keys an encrypted vault with a new passphrase (see rekeyVault). The new passphrase is asked
 * for once the current one proved right.
 */
export async function changePassphrase(location: string | undefined, current: string, next: () => Promise<string>): Promise<void> {
  const path = await vaultFile(location);
  const keyFile = readKeyFile(path);
  if (!keyFile) throw new Error(`the vault ${path} is not encrypted: there is no passphrase to change (\`ownbase encrypt\` encrypts it)`);
  const oldKey = await unlockKey(path, keyFile, current);
  await rekeyVault(path, oldKey, await newKey(await next()));
}

/** The vault's file, with any interrupted change before this one finished or undone. */
async function vaultFile(location: string | undefined): Promise<string> {
  const url = vaultUrl(location);
  const path = vaultFilePath(url);
  if (path === undefined) throw new Error(`${url} is a libSQL server: its storage is encrypted, or not, by the server`);
  await settleInterruptedChange(path);
  return path;
}

/**
 * Gives the vault file a new key (`oldKey` undefined: the file is plain), never in place: a copy
 * is re-keyed and checked, then renamed over the vault, then its key file into place. Killed at
 * any point, the vault opens afterwards as it was or, once the copy has replaced it, with the new
 * key (see settleInterruptedChange). Refused while anything else has the vault open.
 */
async function rekeyVault(path: string, oldKey: string | undefined, fresh: { key: string; keyFile: KeyFile }): Promise<void> {
  const pending = rekeyPaths(path);
  const vault = createClient({ url: `file:${path}`, encryptionKey: oldKey, concurrency: 1, timeout: 2000 });
  try {
    // Leaving WAL folds the log into the file, so a copy of the file is the whole vault; SQLite
    // allows it only when no other connection has the vault open. The write lock then keeps every
    // other writer out until the switch is done.
    await vault.execute("PRAGMA journal_mode = DELETE").catch((error: { code?: string }) => {
      if (error.code === "SQLITE_BUSY") throw new Error(`the vault ${path} is open in another Ownbase (a running \`ownbase serve\`?): stop it and try again`);
      if (error.code === "SQLITE_NOTADB") throw new Error(notADatabase(path, oldKey !== undefined));
      throw error;
    });
    await vault.execute("BEGIN IMMEDIATE");
    await copyFile(path, pending.vault, constants.COPYFILE_EXCL);
    // Every page of the copy is rewritten under the new key, free pages too: nothing of the old
    // file's content stays readable in it.
    await rekey(pending.vault, oldKey, fresh.key);
    await verifyCopy(vault, pending.vault, fresh.key);
    writeKeyFile(pending.keyFile, fresh.keyFile);
    // The switch: from this rename on, the vault is the re-keyed copy.
    await rename(pending.vault, path);
    syncFolder(dirname(path));
    await rename(pending.keyFile, keyFilePath(path));
    syncFolder(dirname(path));
  } finally {
    await vault.execute("ROLLBACK").catch(() => {});
    vault.close();
    // After a failure: drops a half-made copy, or completes a switch that already happened.
    await settleInterruptedChange(path);
  }
}

async function rekey(path: string, oldKey: string | undefined, newKey: string): Promise<void> {
  const copy = createClient({ url: `file:${path}`, encryptionKey: oldKey, concurrency: 1 });
  try {
    // Keys are hex: nothing in them can end the string.
    await copy.execute(`PRAGMA rekey = '${newKey}'`);
  } finally {
    copy.close();
  }
}

/** The copy opens with the new key, is sound, and holds as many records as the vault. */
async function verifyCopy(vault: Client, path: string, key: string): Promise<void> {
  const copy = createClient({ url: `file:${path}`, encryptionKey: key, concurrency: 1 });
  try {
    const integrity = await copy.execute("PRAGMA integrity_check");
    const count = "SELECT count(*) AS n FROM records";
    const [copied, original] = await Promise.all([copy.execute(count), vault.execute(count)]);
    if (integrity.rows[0]?.[0] !== "ok" || copied.rows[0]?.n !== original.rows[0]?.n) {
      throw new Error(`the re-keyed copy of ${path} did not check out; the vault is unchanged`);
    }
  } finally {
    copy.close();
  }
}
