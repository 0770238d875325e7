import { setTimeout as sleep } from "node:timers/promises";
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { assertPassphraseStrength, readKeyFile, unlockKey, VaultBusy, vaultFilePath, WrongPassphrase } from "../../db/encryption.js";
import { ServedVault } from "../../db/encryption-lock.js";
import { changePassphrase, encryptVault } from "../../db/encryption-rekey.js";
import type { Vault } from "../../db/open.js";
import type { ImportQueue } from "../imports.js";

/** How long a re-key waits for the requests already running to finish before it gives up. */
const DRAIN_MS = 15_000;

/**
 * Encryption at rest from the Settings page. `GET /api/encryption` says whether the vault is
 * encrypted; `POST /api/encryption` with `{"passphrase"}` encrypts a plain vault, and
 * `POST /api/encryption/passphrase` with `{"current", "passphrase"}` re-keys an encrypted one, both
 * in this server: the vault is closed, converted as `ownbase encrypt` and `ownbase passphrase
 * change` do, and opened again. Meanwhile the API and the MCP endpoint answer 503. Mounted right
 * after the unlock routes.
 */
export function encryptionRoutes(vault: Vault, imports: ImportQueue): Hono {
  const app = new Hono();
  const path = vaultFilePath(vault.url);
  /** Requests to the API and the MCP endpoint being answered now. */
  let running = 0;

  const servedVault = (): ServedVault => {
    if (path === undefined) throw new HTTPException(409, { message: `${vault.url} is a libSQL server: its storage is encrypted, or not, by the server` });
    if (!(vault instanceof ServedVault)) throw new HTTPException(409, { message: "this server cannot re-key its vault: stop it and use `ownbase encrypt` or `ownbase passphrase change`" });
    return vault;
  };
  const busyAnswer = (message: string) => new Response(JSON.stringify({ error: message, busy: true }), { status: 503, headers: { "content-type": "application/json", "retry-after": "5" } });

  app.use("*", async (c, next) => {
    if (!/^\/(api\/|mcp$)/.test(c.req.path)) return next();
    if (vault instanceof ServedVault && vault.busy) return busyAnswer(new VaultBusy(path ?? vault.url).message);
    running++;
    try {
      await next();
    } finally {
      running--;
    }
    // A request that was still running when the vault closed.
    if (c.error instanceof VaultBusy) c.res = busyAnswer(c.error.message);
  });

  app.get("/api/encryption", (c) => c.json({ encrypted: path !== undefined && readKeyFile(path) !== undefined, file: path !== undefined, path: path ?? null }));

  /**
   * Closes the vault once nothing else runs (the request asking counts itself), re-keys it, and
   * opens it again with the first passphrase that fits.
   */
  const rekey = async (held: ServedVault, rework: () => Promise<void>, passphrases: string[]) => {
    if (imports.list().some(({ latest }) => latest.type === "queued" || latest.type === "progress")) {
      throw new HTTPException(409, { message: "an import is running: try again once it is done" });
    }
    const ready = async () => {
      const deadline = Date.now() + DRAIN_MS;
      while (running > 1) {
        if (Date.now() > deadline) throw new HTTPException(409, { message: "other requests kept the vault busy: nothing was changed, try again" });
        await sleep(20);
      }
      // Its next use of the vault ends a background indexing run; started again below.
      await imports.indexer.idle();
    };
    await held.rekey(ready, rework, passphrases);
    imports.indexer.start();
  };

  app.post("/api/encryption", async (c) => {
    const held = servedVault();
    const { passphrase } = await body(c);
    refuseWeak(passphrase);
    if (readKeyFile(path!)) throw new HTTPException(409, { message: `the vault ${path} is already encrypted: change its passphrase instead` });
    await rekey(held, () => encryptVault(path, passphrase), [passphrase]);
    return c.json({ encrypted: true });
  });

  app.post("/api/encryption/passphrase", async (c) => {
    const held = servedVault();
    const { passphrase, current } = await body(c);
    const keyFile = readKeyFile(path!);
    if (!keyFile) throw new HTTPException(409, { message: `the vault ${path} is not encrypted: encrypt it first` });
    if (typeof current !== "string") throw new HTTPException(400, { message: 'send {"current": "…", "passphrase": "…"}' });
    refuseWeak(passphrase);
    try {
      await unlockKey(path!, keyFile, current);
    } catch (error) {
      if (error instanceof WrongPassphrase) throw new HTTPException(403, { message: error.message });
      throw error;
    }
    await rekey(held, () => changePassphrase(path, current, async () => passphrase), [passphrase, current]);
    return c.json({ encrypted: true });
  });

  return app;
}

async function body(c: Context): Promise<{ passphrase: string; current?: unknown }> {
  const parsed = await c.req.json<{ passphrase?: unknown; current?: unknown }>().catch(() => ({}) as { passphrase?: unknown; current?: unknown });
  if (typeof parsed.passphrase !== "string") throw new HTTPException(400, { message: 'send {"passphrase": "…"}' });
  return { passphrase: parsed.passphrase, current: parsed.current };
}

function refuseWeak(passphrase: string): void {
  try {
    assertPassphraseStrength(passphrase);
  } catch (error) {
    throw new HTTPException(400, { message: (error as Error).message });
  }
}
