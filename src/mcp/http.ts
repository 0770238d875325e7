import { randomUUID } from "node:crypto";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Vault } from "../db/open.js";
import { ConfirmationQueue, type ConfirmationAnswer } from "../policy/confirm.js";
import { VaultAccess } from "./access.js";
import { DEFAULT_CONFIRM_TIMEOUT_MS } from "./ask-user.js";
import { createMcpServer } from "./server.js";

/**
 * The MCP server over streamable HTTP at `/mcp`, and the confirmations waiting for the user at
 * `/api/confirmations` (the web UI lists and answers them). Mounted behind the web server's
 * token, Host and Origin checks: a client sends the token as `Authorization: Bearer`.
 *
 * Each client gets a session of its own (its name decides its rules, and a confirmation asked by
 * elicitation must find its way back to the call that waits for it). Clients rarely end their
 * sessions, so at most `maxSessions` are kept: past that the least recently used one is closed.
 */
export function mcpRoutes(
  vault: Vault,
  { confirmTimeoutMs = DEFAULT_CONFIRM_TIMEOUT_MS, maxSessions = 64, onUnindexed }: { confirmTimeoutMs?: number; maxSessions?: number; onUnindexed?: () => void } = {},
) {
  const access = new VaultAccess(vault, onUnindexed);
  const queue = new ConfirmationQueue(confirmTimeoutMs);
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
  const app = new Hono();

  app.all("/mcp", async (c) => {
    const id = c.req.header("mcp-session-id");
    const known = id === undefined ? undefined : sessions.get(id);
    if (id !== undefined && !known) return c.json({ jsonrpc: "2.0", error: { code: -32001, message: "Session not found: initialize again" }, id: null }, 404);
    if (known) {
      // Most recently used last, so the oldest idle session is the first to go.
      sessions.delete(id!);
      sessions.set(id!, known);
      return known.handleRequest(c.req.raw);
    }

    // No session yet: only an initialize request opens one; the transport refuses anything else.
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (sessionId) => {
        sessions.set(sessionId, transport);
        for (const [oldest, stale] of [...sessions].slice(0, Math.max(0, sessions.size - maxSessions))) {
          sessions.delete(oldest);
          void stale.close();
        }
      },
      onsessionclosed: (sessionId) => void sessions.delete(sessionId),
    });
    const server = createMcpServer(access, { queue, confirmTimeoutMs });
    await server.connect(transport);
    const response = await transport.handleRequest(c.req.raw);
    if (transport.sessionId === undefined) await server.close();
    return response;
  });

  app.get("/api/confirmations", (c) => c.json(queue.waiting()));

  app.post("/api/confirmations/:id", async (c) => {
    const answer = confirmationAnswer(await c.req.json().catch(() => null));
    if (!queue.answer(c.req.param("id"), answer)) throw new HTTPException(404, { message: "no such confirmation waiting: answered already, or timed out" });
    return c.json({ answered: true });
  });

  return app;
}

/** `"approve-all"`, `"refuse"`, or `{"approve": [{"record_id": 12, "field": "body"}]}`. */
function confirmationAnswer(body: unknown): ConfirmationAnswer {
  if (body === "approve-all" || body === "refuse") return body;
  const approve = (body as { approve?: unknown } | null)?.approve;
  if (Array.isArray(approve) && approve.every((item) => Number.isInteger(item?.record_id) && typeof item?.field === "string")) {
    return { approve: approve.map(({ record_id, field }) => ({ record_id, field })) };
  }
  throw new HTTPException(400, { message: 'send "approve-all", "refuse" or {"approve": [{"record_id": 12, "field": "body"}]}' });
}
