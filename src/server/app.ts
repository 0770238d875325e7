import { join } from "node:path";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { streamSSE } from "hono/streaming";
import { importers } from "../../importers/index.js";
import { ask, type AskOptions } from "../agent/ask.js";
import { agentDefaults, saveAgentDefaults } from "../agent/defaults.js";
import { llmConfig, llmDestination, removeLlmSetting, saveLlmSetting, testLlmConnection, type LlmConfig } from "../agent/llm.js";
import { dateOption, levelOption, positiveInteger } from "../cli/io.js";
import type { Vault } from "../db/open.js";
import { mcpRoutes } from "../mcp/http.js";
import { dataFolder, packageRoot } from "../paths.js";
import { listAudit } from "../policy/audit.js";
import { MATRIX_DESTINATIONS, ruleMatrix } from "../policy/matrix.js";
import { CATEGORIES, DEFAULT_RULES, listRules, removeRule, resetRules, ruleScope, setRule, type RuleInput, type SharingRule } from "../policy/rules.js";
import { meaningSearchFor, searchVault, type SearchFilters } from "../search/search.js";
import { activityTimeline, levelCounts, listRecords, vaultStats } from "../vault/queries.js";
import { DEFAULT_LIMITS, ImportQueue, safeFileName, UploadRefused, type ImportEvent, type UploadLimits } from "./imports.js";
import { allowedHosts, hostCheck } from "./middleware/host-check/index.js";
import { originCheck } from "./middleware/origin-check/index.js";
import { sessionToken } from "./middleware/token/index.js";
import { encryptionRoutes } from "./routes/encryption.js";
import { forgetRoutes } from "./routes/forget.js";
import { unlockRoutes } from "./routes/unlock.js";

export interface AppOptions {
  vault: Vault;
  token: string;
  /** The address the server is bound to: requests must name it in Host. */
  host: string;
  port: number;
  /** Where uploads wait for their import; each is removed once imported. */
  uploadDir: string;
  limits?: Partial<UploadLimits>;
  /** The static UI; `web/` in the package by default. */
  webDir?: string;
}

/** The web UI and its JSON API, behind the session token, the Host check and the Origin check. */
export function createApp(options: AppOptions) {
  const { vault, token, host, port } = options;
  const imports = new ImportQueue(vault, options.uploadDir, { ...DEFAULT_LIMITS, ...options.limits });
  const app = new Hono();

  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"], objectSrc: ["'none'"] },
      referrerPolicy: "no-referrer",
      xContentTypeOptions: "nosniff",
      xFrameOptions: "DENY",
      // Served over plain HTTP on this machine: HSTS would mean nothing, or pin a later HTTPS setup.
      strictTransportSecurity: false,
    }),
  );
  app.use(hostCheck(host, port));
  // Cookies ignore ports: one per port keeps two servers on this machine from evicting each other's session.
  app.use(sessionToken(token, `ownbase_session_${port}`));
  app.use(originCheck(allowedHosts(host, port).map((hostPort) => `http://${hostPort}`)));
  app.route("/", unlockRoutes(vault));
  app.route("/", encryptionRoutes(vault, imports));

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    if (error instanceof UploadRefused) return c.json({ error: error.message }, error.status);
    // The message goes to the user's own page only; nothing about the vault is logged.
    return c.json({ error: error.message }, 500);
  });

  const meaning = meaningSearchFor(vault, () => imports.indexer.start());

  app.post("/api/ask", async (c) => {
    const body = await c.req.json<Partial<AskOptions>>().catch(() => ({}) as Partial<AskOptions>);
    if (typeof body.request !== "string" || !body.request.trim()) {
      throw new HTTPException(400, { message: 'send {"request": "…", "mode"?, "autonomy"?, "approve"?: "all" | "none" | ["12.body"]}' });
    }
    try {
      const { embedder, note } = await meaning();
      const answer = await ask(vault, { ...(body as AskOptions), embedder });
      return c.json({ ...answer, notes: note ? [note, ...answer.notes] : answer.notes });
    } catch (error) {
      // A model failing falls back inside ask(); what reaches here is a bad mode, autonomy or approval.
      throw new HTTPException(400, { message: (error as Error).message });
    }
  });

  // The key is never sent back: the page only learns whether one is stored.
  app.get("/api/settings", async (c) => {
    const llm = await llmConfig(vault);
    return c.json({
      llm: llm && { url: llm.url, model: llm.model, locality: llm.locality ?? null, destination: llmDestination(llm), has_key: Boolean(llm.key) },
      embedding: await imports.indexer.status(),
      agent: await agentDefaults(vault),
      data_folder: dataFolder(),
      vault: vault.url,
    });
  });

  app.put("/api/settings/agent", async (c) => {
    const body: { mode?: string; autonomy?: string } = await c.req.json().catch(() => ({}));
    try {
      return c.json(await saveAgentDefaults(vault, { mode: body.mode, autonomy: body.autonomy }));
    } catch (error) {
      throw new HTTPException(400, { message: (error as Error).message });
    }
  });

  app.put("/api/settings/llm", async (c) => {
    const body = await c.req.json<Partial<LlmConfig>>().catch(() => ({}) as Partial<LlmConfig>);
    if (typeof body.url !== "string" || !URL.canParse(body.url) || typeof body.model !== "string" || !body.model.trim()) {
      throw new HTTPException(400, { message: 'send {"url": "http://127.0.0.1:11434/v1", "model": "…", "key"?, "locality"?: "local" | "remote"}' });
    }
    if (body.locality !== undefined && body.locality !== "local" && body.locality !== "remote") throw new HTTPException(400, { message: "locality must be local or remote" });
    await saveLlmSetting(vault, { url: body.url, model: body.model.trim(), key: body.key || undefined, locality: body.locality });
    return c.json({ saved: true });
  });

  app.delete("/api/settings/llm", async (c) => {
    await removeLlmSetting(vault);
    return c.json({ removed: true });
  });

  app.post("/api/settings/llm/test", async (c) => {
    const llm = await llmConfig(vault);
    if (!llm) throw new HTTPException(400, { message: "no model server is set" });
    return c.json(await testLlmConnection(llm));
  });

  app.get("/api/stats", async (c) => c.json({ ...(await vaultStats(vault.db)), by_level: await levelCounts(vault.db) }));
  app.get("/api/timeline", async (c) => c.json(await activityTimeline(vault.db)));

  app.get("/api/records", async (c) =>
    c.json(await listRecords(vault.db, { ...filters(c), limit: option(c, "limit", positiveInteger) })),
  );

  app.get("/api/records/:id", async (c) => {
    const [record] = await listRecords(vault.db, { ids: [Number(c.req.param("id"))], limit: 1 });
    if (!record) throw new HTTPException(404, { message: `no record #${c.req.param("id")}` });
    return c.json(record);
  });

  app.get("/api/search", async (c) => {
    const { embedder, note } = await meaning();
    const results = await searchVault(vault, c.req.query("q") ?? "", { ...filters(c), limit: option(c, "limit", positiveInteger), embedder });
    return c.json({ results, note });
  });

  // The categories come along so the page offers exactly those a rule can name.
  // Each rule comes with its scope in words, so the page says what the CLI says.
  const withScope = (rules: readonly SharingRule[]) => rules.map((rule) => ({ ...rule, scope: ruleScope(rule) }));
  app.get("/api/rules", async (c) => c.json({ rules: withScope(await listRules(vault)), defaults: withScope(DEFAULT_RULES), categories: CATEGORIES }));

  app.put("/api/rules", async (c) => {
    const input = await c.req.json<RuleInput>().catch(() => {
      throw new HTTPException(400, { message: "send the rule as JSON: {destination, decision, platform?, kind?, field?, category?, minLevel?, note?}" });
    });
    try {
      return c.json(await setRule(vault, input));
    } catch (error) {
      throw new HTTPException(400, { message: (error as Error).message });
    }
  });

  app.delete("/api/rules/:id", async (c) => {
    const id = Number(c.req.param("id"));
    if (!Number.isInteger(id) || !(await removeRule(vault, id))) throw new HTTPException(404, { message: `no rule #${c.req.param("id")}` });
    return c.json({ removed: id });
  });

  app.post("/api/rules/reset", async (c) => c.json({ removed: await resetRules(vault) }));
  app.get("/api/rules/matrix", async (c) => c.json({ destinations: MATRIX_DESTINATIONS, rows: await ruleMatrix(vault) }));

  app.get("/api/audit", async (c) => {
    const since = option(c, "since", (text) => dateOption(text));
    return c.json(await listAudit(vault, { destination: text(c, "destination"), since, limit: option(c, "limit", positiveInteger) }));
  });

  // One file per request, as the raw body, named by ?name=: it streams straight to disk, and the
  // page gets one import id per file to follow. Several files are several requests (or one zip).
  app.post("/api/imports", async (c) => {
    if (c.req.header("content-type")?.startsWith("multipart/")) {
      throw new HTTPException(415, { message: "send each file as the raw request body, its name in ?name=" });
    }
    const length = c.req.header("content-length");
    const id = await imports.add(safeFileName(c.req.query("name")), c.req.raw.body as WebReadableStream<Uint8Array> | null, length ? Number(length) : null);
    return c.json({ id }, 202);
  });

  app.get("/api/imports", (c) => c.json(imports.list()));

  // The import report names importers by id; the page shows their platform and title.
  app.get("/api/importers", (c) => c.json(importers.map(({ id, platform, title }) => ({ id, platform, title }))));

  app.get("/api/imports/:id/events", (c) => {
    const id = c.req.param("id");
    if (!imports.has(id)) throw new HTTPException(404, { message: `no import ${id}` });
    return streamSSE(c, async (stream) => {
      let writing = Promise.resolve();
      let finish = () => {};
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const send = (event: ImportEvent) => {
        const data = "data" in event ? event.data : {};
        writing = writing.then(() => stream.writeSSE({ event: event.type, data: JSON.stringify(data) }));
        if (event.type === "report" || event.type === "failed") finish();
      };
      const watcher = imports.watch(id, send);
      stream.onAbort(finish);
      await finished;
      watcher.stop();
      await writing;
    });
  });

  app.route("/", mcpRoutes(vault, { onUnindexed: () => imports.indexer.start() }));
  app.route("/api/forget", forgetRoutes(vault));
  app.use("/api/*", async (c) => c.json({ error: `no such API: ${c.req.method} ${c.req.path}` }, 404));
  app.use("/*", serveStatic({ root: options.webDir ?? join(packageRoot, "web") }));

  return Object.assign(app, { imports });
}

/** The Library's filters, as both listing and search take them. */
function filters(c: Context): SearchFilters {
  return {
    platform: text(c, "platform"),
    kind: text(c, "kind"),
    maxLevel: option(c, "max_level", levelOption),
    from: option(c, "from", (value) => dateOption(value, "start")),
    to: option(c, "to", (value) => dateOption(value, "end")),
  };
}

function text(c: Context, name: string): string | undefined {
  return c.req.query(name) || undefined;
}

/** A query parameter read by the CLI's parser for the same option; its complaint becomes a 400. */
function option<T>(c: Context, name: string, parse: (text: string) => T): T | undefined {
  const value = text(c, name);
  if (value === undefined) return undefined;
  try {
    return parse(value);
  } catch (error) {
    throw new HTTPException(400, { message: `${name} ${(error as Error).message}` });
  }
}
