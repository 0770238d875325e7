import { setImmediate as nextTurn } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { settleInterruptedChange, VaultBusy, VaultLocked, vaultFilePath, WrongPassphrase } from "./encryption.js";
import { closing, isEncrypted, openVault, vaultUrl, type Vault } from "./open.js";

/**
 * The vault of the web server, which the server's routes hold for its whole life while what is
 * behind it may change: an encrypted vault waits locked until its passphrase is typed in the page
 * (when no `OWNBASE_PASSPHRASE` is set), and a vault is closed for a moment while it is encrypted
 * or re-keyed, then opened again. Meanwhile every use of its database throws VaultLocked, or
 * VaultBusy.
 */
export class ServedVault implements Vault {
  #opened: Vault | undefined;
  #busy = false;
  readonly #closing = closing(() => this.#opened?.close());
  /** One unlock or re-key at a time: each costs a memory-hard key derivation. */
  #turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly url: string,
    opened?: Vault,
  ) {
    this.#opened = opened;
  }

  get locked(): boolean {
    return this.#opened === undefined && !this.#busy;
  }

  /** Closed while its file is re-keyed. */
  get busy(): boolean {
    return this.#busy;
  }

  get client(): Vault["client"] {
    return this.#vault().client;
  }

  get db(): Vault["db"] {
    return this.#vault().db;
  }

  get encryptionKey(): string | undefined {
    return this.#vault().encryptionKey;
  }

  /** Opens the vault with `passphrase`; a wrong one throws WrongPassphrase and leaves it locked. */
  unlock(passphrase: string): Promise<void> {
    return this.#inTurn(async () => {
      this.#opened ??= await openVault(this.url, { passphrase });
    });
  }

  /**
   * Closes the vault once `ready` resolves (new uses throw VaultBusy from now on, so that whatever
   * still runs can finish; if `ready` throws, the vault stays as it was), lets `rework` change its
   * file, then opens it again with the first of `passphrases` that fits: the new one after a
   * re-key, the old one (or none, for a plain vault) when the re-key failed before its switch. The
   * error of `rework`, if any, is thrown after.
   */
  rekey(ready: () => Promise<void>, rework: () => Promise<void>, passphrases: string[]): Promise<void> {
    return this.#inTurn(async () => {
      this.#busy = true;
      try {
        await ready();
      } catch (error) {
        this.#busy = false;
        throw error;
      }
      let failure: unknown;
      try {
        this.#opened?.close();
        this.#opened = undefined;
        await releaseClosedConnections();
        await rework();
      } catch (error) {
        failure = error;
      }
      try {
        this.#opened = await this.#openWithAny(passphrases);
      } finally {
        this.#busy = false;
      }
      if (failure !== undefined) throw failure;
    });
  }

  /** Runs `release` when the server closes the vault for good, not at a re-key's brief close. */
  onClose(release: () => void): void {
    this.#closing.onClose(release);
  }

  close(): void {
    this.#closing.close();
  }

  async #openWithAny(passphrases: string[]): Promise<Vault> {
    for (const passphrase of passphrases.slice(0, -1)) {
      try {
        return await openVault(this.url, { passphrase });
      } catch (error) {
        if (!(error instanceof WrongPassphrase)) throw error;
      }
    }
    return openVault(this.url, { passphrase: passphrases.at(-1) });
  }

  #inTurn(act: () => Promise<void>): Promise<void> {
    const turn = this.#turn.then(act);
    this.#turn = turn.catch(() => {});
    return turn;
  }

  #vault(): Vault {
    const path = vaultFilePath(this.url) ?? this.url;
    if (this.#busy) throw new VaultBusy(path);
    if (!this.#opened) throw new VaultLocked(path);
    return this.#opened;
  }
}

/** The vault for a server: opened now, or locked until its passphrase is typed in the page. */
export async function openOrLockVault(location: string | undefined): Promise<Vault> {
  const url = vaultUrl(location);
  const path = vaultFilePath(url);
  // A libSQL server keeps its own storage: nothing here can lock or re-key it.
  if (path === undefined) return openVault(url);
  // A key file still waiting to be renamed into place would make the vault look plain.
  await settleInterruptedChange(path);
  if (isEncrypted(url) && !process.env.OWNBASE_PASSPHRASE) return new ServedVault(url);
  return new ServedVault(url, await openVault(url));
}

/**
 * libSQL's close() leaves a connection open, holding its lock on the vault, until the garbage
 * collector has taken every statement it prepared (tursodatabase/libsql-js#228, fixed after
 * libsql 0.5.29): re-keying needs the vault to itself, so the collector runs now.
 */
async function releaseClosedConnections(): Promise<void> {
  setFlagsFromString("--expose-gc");
  const collect = runInNewContext("gc") as () => void;
  for (let round = 0; round < 2; round++) {
    collect();
    // Finalizers of native objects run after the collection, on a later turn.
    await nextTurn();
  }
}
