import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { dateOption, positiveInteger } from "../../cli/io.js";
import type { Vault } from "../../db/open.js";
import { forget, type ForgetScope } from "../../vault/forget.js";
import { forgetSources } from "../../vault/forget-sources.js";

/**
 * Forgetting from the Settings page: what there is to forget, how much a scope would remove,
 * and the removal itself. The body of the last two is `{import?, platform?, before?}`, as the
 * CLI's options.
 */
export function forgetRoutes(vault: Vault) {
  const routes = new Hono();
  routes.get("/sources", async (c) => c.json(await forgetSources(vault.db)));
  routes.post("/preview", async (c) => c.json(await forgetting(vault, await scopeOf(c.req.raw), true)));
  routes.post("/", async (c) => c.json(await forgetting(vault, await scopeOf(c.req.raw), false)));
  return routes;
}

const USAGE = 'send {"import"?: 12, "platform"?: "netflix", "before"?: "2024-01-01"}, at least one of them';

async function scopeOf(request: Request): Promise<ForgetScope> {
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  if (body === null || typeof body !== "object") throw new HTTPException(400, { message: USAGE });
  try {
    return {
      importId: body.import === undefined || body.import === null ? undefined : positiveInteger(String(body.import)),
      platform: typeof body.platform === "string" && body.platform ? body.platform : undefined,
      before: typeof body.before === "string" && body.before ? dateOption(body.before) : undefined,
    };
  } catch (error) {
    throw new HTTPException(400, { message: `${(error as Error).message}: ${USAGE}` });
  }
}

async function forgetting(vault: Vault, scope: ForgetScope, dryRun: boolean) {
  if (scope.importId === undefined && scope.platform === undefined && scope.before === undefined) throw new HTTPException(400, { message: USAGE });
  return forget(vault, scope, { dryRun });
}
