import { VaultLocked, vaultFilePath } from "./encryption.js";
import { isEncrypted, openVault, vaultUrl, type Vault } from "./open.js";

/**
 * An encrypted vault that waits for its passphrase: the web server starts with one when no
 * `OWNBASE_PASSPHRASE` is set, and the user types the passphrase in the page. Until then every use
 * of its database throws VaultLocked.
 */
export class LockedVault implements Vault {
  #opened: Vault | undefined;
  /** One attempt at a time: each costs a memory-hard key derivation. */
  #attempts: Promise<unknown> = Promise.resolve();

  constructor(readonly url: string) {}

  get locked(): boolean {
    return this.#opened === undefined;
  }

  get client(): Vault["client"] {
    return this.#vault().client;
  }

  get db(): Vault["db"] {
    return this.#vault().db;
  }

  /** Opens the vault with `passphrase`; a wrong one throws WrongPassphrase and leaves it locked. */
  unlock(passphrase: string): Promise<void> {
    const attempt = this.#attempts.then(async () => {
      this.#opened ??= await openVault(this.url, { passphrase });
    });
    this.#attempts = attempt.catch(() => {});
    return attempt;
  }

  close(): void {
    this.#opened?.close();
  }

  #vault(): Vault {
    if (!this.#opened) throw new VaultLocked(vaultFilePath(this.url) ?? this.url);
    return this.#opened;
  }
}

/** The vault for a server: opened now, or locked until its passphrase is typed in the page. */
export async function openOrLockVault(location: string | undefined): Promise<Vault> {
  if (isEncrypted(location) && !process.env.OWNBASE_PASSPHRASE) return new LockedVault(vaultUrl(location));
  return openVault(location);
}
