import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mcpRoutes } from "../src/mcp/http.js";
import type { ConfirmationItem, PendingConfirmation } from "../src/policy/confirm.js";
import { useTempVault } from "./helpers.js";
import { answerOf, ASKED, DENIED, expectNoneOf, mcpClient, seedMcpVault, serveVault, tickEverything } from "./mcp-fixture.js";

const newVault = useTempVault();
const stops: (() => unknown)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** `ownbase serve` on a seeded vault, and its API with the session token. */
async function serveSeeded() {
  const vault = await newVault();
  const ids = await seedMcpVault(vault);
  const { origin, token, stop } = await serveVault(vault);
  stops.push(stop);
  const api = (path: string, init: RequestInit = {}) => fetch(new URL(path, origin), { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
  return { vault, ids, origin, token, api };
}

async function connect(origin: string, token: string | null, client: ReturnType<typeof mcpClient>["client"]) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL("/mcp", origin), { requestInit: { headers } }));
  stops.push(() => client.close());
  return client;
}

/** The confirmations the web UI would show, once there is one. */
async function waitingConfirmation(api: (path: string) => Promise<Response>): Promise<{ id: string; pending: PendingConfirmation }> {
  return vi.waitFor(
    async () => {
      const waiting = (await (await api("/api/confirmations")).json()) as { id: string; pending: PendingConfirmation }[];
      expect(waiting).toHaveLength(1);
      return waiting[0]!;
    },
    { timeout: 10_000, interval: 100 },
  );
}

describe("the MCP server over streamable HTTP, on the web server", () => {
  it("lets in only clients with the session token, from no foreign page or Host", async () => {
    const { origin, token } = await serveSeeded();
    await expect(connect(origin, null, mcpClient("no-token").client)).rejects.toThrow(/401|session token/);
    const initialize = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "page", version: "1" } } };
    const fromPage = await fetch(new URL("/mcp", origin), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, origin: "http://evil.example", "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify(initialize),
    });
    expect(fromPage.status).toBe(403);
    // A page on a rebound domain (DNS rebinding) names that domain in Host.
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      request(new URL("/mcp", origin), { method: "POST", headers: { host: "evil.example", authorization: `Bearer ${token}` } }, (response) => resolve(response.statusCode)).on("error", reject).end(),
    );
    expect(rebound).toBe(421);
  }, 30_000);

  it("asks in the web UI when the client cannot: a ticked field arrives, a refused one never, each logged under mcp:<name>", async () => {
    const { ids, origin, token, api } = await serveSeeded();
    const client = await connect(origin, token, mcpClient("Web Asker").client);

    const searching = client.callTool({ name: "search", arguments: { query: "climbing", platform: "netflix" } });
    const question = await waitingConfirmation(api);
    expect(question.pending).toMatchObject({ destination: "mcp:web-asker", purpose: "search results" });
    expect(question.pending.items).toEqual([{ record_id: ids.v1, record_title: "Free Solo", field: "comment", level: 2, categories: ["communications"], destination: "mcp:web-asker" }] satisfies ConfirmationItem[]);
    const answered = await api(`/api/confirmations/${question.id}`, { method: "POST", body: JSON.stringify({ approve: [{ record_id: ids.v1, field: "comment" }] }) });
    expect(answered.status).toBe(200);
    const found = answerOf(await searching);
    expect(found.records.find((record: { id: number }) => record.id === ids.v1).fields.comment).toBe(`${ASKED} loved it`);
    expectNoneOf(DENIED, found);
    expect((await api(`/api/confirmations/${question.id}`, { method: "POST", body: '"refuse"' })).status).toBe(404);

    const again = client.callTool({ name: "get_records", arguments: { ids: [ids.v1] } });
    await api(`/api/confirmations/${(await waitingConfirmation(api)).id}`, { method: "POST", body: '"refuse"' });
    const refused = answerOf(await again);
    expect(refused.records[0].fields).toEqual({ title: "Free Solo", genre: "climbing documentary" });
    expectNoneOf([ASKED, ...DENIED], refused);

    const picks = answerOf(await client.callTool({ name: "recommend", arguments: { request: "something to watch about climbing" } }));
    expect(picks.recommendations[0].title).toBe("The Dawn Wall");

    const audit = (await (await api("/api/audit?destination=mcp:web-asker")).json()) as { basis: string; purpose: string; disclosed: { record_id: number; field: string }[] }[];
    const confirmed = audit.filter((entry) => entry.basis === "confirmation");
    expect(confirmed.map((entry) => [entry.purpose, entry.disclosed.map((field) => field.field)])).toEqual([["search results", ["comment"]]]);
    expect(audit.map((entry) => entry.purpose)).toContain("recommendations (watch)");
  }, 30_000);

  it("asks in the client's own form when it has one", async () => {
    const { ids, origin, token, api } = await serveSeeded();
    const { client, forms } = mcpClient("former", tickEverything);
    await connect(origin, token, client);
    const answer = answerOf(await client.callTool({ name: "get_records", arguments: { ids: [ids.v1, ids.o1] } }));
    expect(forms).toHaveLength(1);
    expect(answer.records.find((record: { id: number }) => record.id === ids.v1).fields.comment).toBe(`${ASKED} loved it`);
    expectNoneOf(DENIED, answer);
    expect(await (await api("/api/confirmations")).json()).toEqual([]);
  }, 30_000);

  /** The MCP routes alone, served in this process, to set what a user cannot: the timeout, the session limit. */
  async function serveRoutes(options: Parameters<typeof mcpRoutes>[1]) {
    const vault = await newVault();
    const ids = await seedMcpVault(vault);
    const server = serve({ fetch: mcpRoutes(vault, options).fetch, hostname: "127.0.0.1", port: 0 });
    stops.push(() => new Promise((resolve) => server.close(resolve)));
    await new Promise((resolve) => server.once("listening", resolve));
    return { ids, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  it("counts a confirmation nobody answers in time as refused", async () => {
    const { ids, origin } = await serveRoutes({ confirmTimeoutMs: 300 });
    const client = await connect(origin, null, mcpClient("patient").client);
    const answer = answerOf(await client.callTool({ name: "get_records", arguments: { ids: [ids.v1] } }));
    expect(answer.withheld).toEqual({ by_rules: 1, not_confirmed: 1 });
    expectNoneOf([ASKED, ...DENIED], answer);
  }, 30_000);

  it("keeps a bounded number of sessions, closing the least recently used", async () => {
    const { origin } = await serveRoutes({ maxSessions: 2 });
    const first = await connect(origin, null, mcpClient("one").client);
    const second = await connect(origin, null, mcpClient("two").client);
    await first.listTools();
    const third = await connect(origin, null, mcpClient("three").client);
    for (const client of [first, third]) await expect(client.listTools()).resolves.toBeDefined();
    await expect(second.listTools()).rejects.toThrow(/Session not found/);
  }, 30_000);
});
