import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { WrongPassphrase } from "../../db/encryption.js";
import { ServedVault } from "../../db/encryption-lock.js";
import type { Vault } from "../../db/open.js";

/**
 * `GET /api/unlock` says whether the vault waits for its passphrase, `POST /api/unlock` with
 * `{"passphrase"}` opens it; until then every other API, and the MCP endpoint, answers 423
 * Locked. Mounted before the other routes, behind the session token.
 */
export function unlockRoutes(vault: Vault): Hono {
  const app = new Hono();
  const isLocked = () => vault instanceof ServedVault && vault.locked;

  app.get("/api/unlock", (c) => c.json({ locked: isLocked() }));

  app.post("/api/unlock", async (c) => {
    const body = await c.req.json<{ passphrase?: unknown }>().catch(() => ({}) as { passphrase?: unknown });
    if (typeof body.passphrase !== "string" || !body.passphrase) throw new HTTPException(400, { message: 'send {"passphrase": "…"}' });
    if (vault instanceof ServedVault) {
      try {
        await vault.unlock(body.passphrase);
      } catch (error) {
        if (error instanceof WrongPassphrase) throw new HTTPException(403, { message: error.message });
        throw error;
      }
    }
    return c.json({ locked: false });
  });

  // The page and its files load; the API and the MCP endpoint wait for the passphrase.
  app.use("*", async (c, next) => {
    if (isLocked() && /^\/(api\/|mcp$)/.test(c.req.path)) return c.json({ error: "the vault is encrypted and locked: type its passphrase to unlock it", locked: true }, 423);
    await next();
  });

  return app;
}
