import { createClient, type Client } from "@libsql/client";
import { constants } from "node:fs";
import { copyFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { keyFilePath, newKey, readKeyFile, rekeyPaths, settleInterruptedChange, syncFolder, unlockKey, vaultFilePath, writeKeyFile } from "./encryption.js";
import { notADatabase, vaultUrl } from "./open.js";

/**
 * Re-keys an encrypted vault with a new passphrase, never in place: a copy is re-keyed and checked,
 * then renamed over the vault, then its key file over the old one. Killed at any point, the vault
 * opens afterwards with the old passphrase or, once the copy has replaced it, the new one (see
 * settleInterruptedChange). The new passphrase is asked for once the current one proved right.
 */
export async function changePassphrase(location: string | undefined, current: string, next: () => Promise<string>): Promise<void> {
  const url = vaultUrl(location);
  const path = vaultFilePath(url);
  if (path === undefined) throw new Error(`${url} is a libSQL server: its storage is encrypted, or not, by the server`);
  await settleInterruptedChange(path);
  const keyFile = readKeyFile(path);
  if (!keyFile) throw new Error(`the vault ${path} is not encrypted: there is no passphrase to change`);
  const oldKey = await unlockKey(path, keyFile, current);
  const fresh = await newKey(await next());
  const pending = rekeyPaths(path);

  const vault = createClient({ url: `file:${path}`, encryptionKey: oldKey, concurrency: 1, timeout: 2000 });
  try {
    // Leaving WAL folds the log into the file, so a copy of the file is the whole vault; SQLite
    // allows it only when no other connection has the vault open. The write lock then keeps every
    // other writer out until the switch is done.
    await vault.execute("PRAGMA journal_mode = DELETE").catch((error: { code?: string }) => {
      if (error.code === "SQLITE_BUSY") throw new Error(`the vault ${path} is open in another Ownbase (a running \`ownbase serve\`?): stop it and try again`);
      if (error.code === "SQLITE_NOTADB") throw new Error(notADatabase(path, true));
      throw error;
    });
    await vault.execute("BEGIN IMMEDIATE");
    await copyFile(path, pending.vault, constants.COPYFILE_EXCL);
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

async function rekey(path: string, oldKey: string, newKey: string): Promise<void> {
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
