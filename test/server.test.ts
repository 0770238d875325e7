import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recordDisclosure } from "../src/policy/audit.js";
import { createApp } from "../src/server/app.js";
import { newSessionToken } from "../src/server/middleware/token/index.js";
import { useTempVault } from "./helpers.js";

const viewingHistory = ["Title,Date", '"The Crown: Season 1: Wolferton Splash","01/03/2024"', '"Dune","02/03/2024"'].join("\n");
const ORIGIN = "http://127.0.0.1:8787";

/** An app on a fresh vault, and a `request` that speaks to it as the UI in the browser does. */
function useServer() {
  const tempVault = useTempVault();
  return async (limits?: Parameters<typeof createApp>[0]["limits"]) => {
    const vault = await tempVault();
    const token = newSessionToken();
    const uploadDir = join(vault.dir, "uploads");
    const app = createApp({ vault, token, host: "127.0.0.1", port: 8787, uploadDir, limits });
    const request = (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has("host")) headers.set("host", "127.0.0.1:8787");
      if (!headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
      if (init.method && init.method !== "GET" && !headers.has("origin")) headers.set("origin", ORIGIN);
      return app.request(`${ORIGIN}${path}`, { ...init, headers });
    };
    return { vault, token, app, uploadDir, request };
  };
}

/** Reads an event stream to its end: the events by name, in order. */
async function readEvents(response: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split("\n");
      return {
        event: lines.find((line) => line.startsWith("event:"))!.slice(6).trim(),
        data: JSON.parse(lines.find((line) => line.startsWith("data:"))!.slice(5)),
      };
    });
}

describe("the web server", () => {
  const server = useServer();

  it("needs the token: 401 without, a cookie and a redirect with ?token=, the page with the cookie", async () => {
    const { token, request } = await server();
    const refused = await request("/", { headers: { authorization: "" } });
    expect(refused.status).toBe(401);

    const opened = await request(`/?token=${token}`, { headers: { authorization: "" } });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe("/");
    const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;

    const page = await request("/", { headers: { authorization: "", cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Ownbase</title>");
  });

  it("serves the UI: the page, its stylesheet and every script module it loads, all from itself", async () => {
    const { request } = await server();
    const page = await (await request("/")).text();
    const pending = [...page.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]!);
    const seen = new Set<string>();
    while (pending.length > 0) {
      const path = pending.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await request(path);
      expect(response.status, path).toBe(200);
      if (path.endsWith(".js")) {
        expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
        for (const [, module] of (await response.text()).matchAll(/from "\.\/([^"]+)"/g)) pending.push(`/js/${module}`);
      }
    }
    expect(seen).toContain("/js/library.js");
    expect(seen).toContain("/style.css");
  });

  it("sends security headers with every answer, refusals included", async () => {
    const { request } = await server();
    for (const response of [await request("/api/stats"), await request("/", { headers: { authorization: "" } })]) {
      expect(response.headers.get("content-security-policy")).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("refuses a foreign Host (DNS rebinding) even with the token", async () => {
    const { request } = await server();
    const response = await request("/api/stats", { headers: { host: "rebind.example:8787" } });
    expect(response.status).toBe(421);
    expect(await response.text()).toMatch(/answers only to 127\.0\.0\.1:8787/);
  });

  it("refuses a change from a foreign Origin (CSRF) and accepts it from its own pages", async () => {
    const { request } = await server();
    const rule = JSON.stringify({ destination: "remote-model", category: "health", decision: "deny" });
    const headers = { "content-type": "application/json" };
    const foreign = await request("/api/rules", { method: "PUT", body: rule, headers: { ...headers, origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect((await (await request("/api/rules")).json()).rules).toEqual([]);

    const own = await request("/api/rules", { method: "PUT", body: rule, headers });
    expect(own.status).toBe(200);
    expect((await (await request("/api/rules")).json()).rules).toMatchObject([{ destination: "remote-model", category: "health", decision: "deny" }]);
  });

  it("imports an uploaded Netflix CSV in the background; the event stream ends with the import report", async () => {
    const { request, uploadDir } = await server();
    const upload = await request("/api/imports?name=NetflixViewingHistory.csv", { method: "POST", body: viewingHistory });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: string };

    const events = await readEvents(await request(`/api/imports/${id}/events`));
    expect(events[0]!.event).toBe("queued");
    expect(events.filter((e) => e.event === "progress").at(-1)!.data).toMatchObject({ files: 1, records: 2, bytes: viewingHistory.length });
    expect(events.at(-1)).toEqual({
      event: "report",
      data: { records_added: 2, records_seen: 2, files: [{ path: "NetflixViewingHistory.csv", importer: expect.stringMatching(/^netflix/), records: 2, records_added: 2, errors: [] }] },
    });
    expect(readdirSync(uploadDir)).toEqual([]);
    const importers = (await (await request("/api/importers")).json()) as { id: string; platform: string }[];
    expect(importers.find((importer) => importer.id === (events.at(-1)!.data as { files: { importer: string }[] }).files[0]!.importer)).toMatchObject({ platform: "netflix" });

    const stats = await (await request("/api/stats")).json();
    expect(stats).toMatchObject({ records: 2, by_platform: { netflix: 2 } });
    const records = (await (await request("/api/records?platform=netflix&limit=1")).json()) as { id: number; title: string; fields: unknown[] }[];
    expect(records).toHaveLength(1);
    expect(records[0]!.fields.length).toBeGreaterThan(0);
    const record = await (await request(`/api/records/${records[0]!.id}`)).json();
    expect(record).toEqual(records[0]);

    // A page opened later lists the import, and its events still tell the whole story.
    expect(await (await request("/api/imports")).json()).toEqual([{ id, name: "NetflixViewingHistory.csv", latest: { type: "report", data: events.at(-1)!.data } }]);
    expect((await readEvents(await request(`/api/imports/${id}/events`))).at(-1)!.event).toBe("report");
  });

  it("reports a file no importer knows, rather than failing", async () => {
    const { request } = await server();
    const { id } = await (await request("/api/imports?name=notes.txt", { method: "POST", body: "just some notes\n" })).json();
    const report = (await readEvents(await request(`/api/imports/${id}/events`))).at(-1)!;
    expect(report).toMatchObject({ event: "report", data: { records_added: 0, files: [{ path: "notes.txt", importer: null, errors: [expect.stringMatching(/not recognised/)] }] } });
  });

  it("refuses uploads over the size or count limits with 413 and a clear message, leaving nothing behind", async () => {
    const { request, uploadDir } = await server({ maxFileBytes: 10, maxQueuedFiles: 1 });
    const declared = await request("/api/imports?name=big.csv", { method: "POST", body: viewingHistory });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toBe('"big.csv" is too large: files of at most 10 bytes can be uploaded');

    // Without a Content-Length the stream is cut off once past the limit.
    const streamed = await request("/api/imports?name=big.csv", { method: "POST", body: streamOf(viewingHistory), duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(existsSync(uploadDir) ? readdirSync(uploadDir) : []).toEqual([]);
  });

  it("refuses more files than may wait at once with 413", async () => {
    const { request, app } = await server({ maxQueuedFiles: 1 });
    await request("/api/imports?name=a.csv", { method: "POST", body: viewingHistory });
    const second = await request("/api/imports?name=b.csv", { method: "POST", body: viewingHistory });
    expect(second.status).toBe(413);
    expect((await second.json()).error).toMatch(/at most 1 files can wait/);
    await app.imports.idle();
  });

  it("searches, says when meaning search is off, and filters by sensitivity", async () => {
    const { request } = await server();
    const { id } = await (await request("/api/imports?name=NetflixViewingHistory.csv", { method: "POST", body: viewingHistory })).json();
    await readEvents(await request(`/api/imports/${id}/events`));

    const found = await (await request("/api/search?q=dune")).json();
    expect(found.results).toMatchObject([{ platform: "netflix", title: "Dune", matched_by: ["text"] }]);
    expect(found.note).toMatch(/meaning search is off/);
    expect((await request("/api/search?q=dune&max_level=9")).status).toBe(400);
    expect((await request("/api/records?limit=0")).status).toBe(400);
    // Viewings hold personal (level 1) fields: listing up to level 0 leaves them out.
    expect(await (await request("/api/records?max_level=1")).json()).toHaveLength(2);
    expect(await (await request("/api/records?max_level=0")).json()).toEqual([]);
    // A time range, a bare date at its end meaning the whole day.
    const titles = (list: { title: string }[]) => list.map((record) => record.title);
    expect(titles(await (await request("/api/records?from=2024-02-01")).json())).toEqual(["Dune"]);
    expect(titles(await (await request("/api/records?to=2024-01-03")).json())).toEqual(["The Crown: Season 1: Wolferton Splash"]);
    expect(titles((await (await request("/api/search?q=dune&to=2024-01-31")).json()).results)).toEqual([]);
    expect((await request("/api/records?from=last+week")).status).toBe(400);

    const stats = await (await request("/api/stats")).json();
    expect(stats.by_level.reduce((sum: number, level: { records: number }) => Math.max(sum, level.records), 0)).toBeGreaterThan(0);
  });

  it("counts what happened per month and platform for the timeline, per year once the vault spans years", async () => {
    const { request } = await server();
    const upload = async (name: string, body: string) => {
      const { id } = await (await request(`/api/imports?name=${name}`, { method: "POST", body })).json();
      await readEvents(await request(`/api/imports/${id}/events`));
    };
    await upload("NetflixViewingHistory.csv", viewingHistory);
    expect(await (await request("/api/timeline")).json()).toEqual({
      bucket: "month",
      counts: [
        { period: "2024-01", platform: "netflix", records: 1 },
        { period: "2024-02", platform: "netflix", records: 1 },
      ],
    });
    await upload("old.csv", ["Title,Date", '"Metropolis","05/20/2019"'].join("\n"));
    expect(await (await request("/api/timeline")).json()).toEqual({
      bucket: "year",
      counts: [
        { period: "2019", platform: "netflix", records: 1 },
        { period: "2024", platform: "netflix", records: 2 },
      ],
    });
  });

  it("answers requests for recommendations from the vault, and refuses a request without words", async () => {
    const { request } = await server();
    const { id } = await (await request("/api/imports?name=NetflixViewingHistory.csv", { method: "POST", body: viewingHistory })).json();
    await readEvents(await request(`/api/imports/${id}/events`));
    const post = (body: object) => request("/api/ask", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

    const answer = await (await post({ request: "something to watch tonight" })).json();
    expect(answer).toMatchObject({ status: "answered", pending: [] });
    expect(answer.recommendations[0]).toMatchObject({ title: "The Crown", reason: expect.stringContaining('You stopped at "Season 1: Wolferton Splash"') });
    expect((await post({ request: " " })).status).toBe(400);
    expect((await post({ request: "a film", mode: "everything" })).status).toBe(400);
  });

  it("keeps the user's default personalization and autonomy, and refuses values it does not know", async () => {
    const { request } = await server();
    const put = (body: object) => request("/api/settings/agent", { method: "PUT", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    expect((await (await request("/api/settings")).json()).agent).toEqual({ mode: "privacy-aware", autonomy: "intermediate" });
    expect(await (await put({ autonomy: "none" })).json()).toEqual({ mode: "privacy-aware", autonomy: "none" });
    expect((await put({ mode: "everything" })).status).toBe(400);
    expect((await (await request("/api/settings")).json()).agent).toEqual({ mode: "privacy-aware", autonomy: "none" });
  });

  it("keeps the model server in the vault, never sends its key back, and tests the connection", async () => {
    const { request } = await server();
    const models = createServer((req, res) => {
      const authorised = req.headers.authorization === "Bearer sk-test";
      res.writeHead(authorised ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify(authorised ? { data: [{ id: "llama3.1" }] } : { error: "no" }));
    });
    await new Promise<void>((resolve) => models.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(models.address() as AddressInfo).port}/v1`;
    try {
      const put = (body: object) => request("/api/settings/llm", { method: "PUT", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
      expect((await (await request("/api/settings")).json()).llm).toBeNull();
      expect((await put({ url: "not a url", model: "x" })).status).toBe(400);
      expect((await put({ url, model: "llama3.1", key: "sk-test" })).status).toBe(200);
      const settings = await (await request("/api/settings")).json();
      expect(settings.llm).toEqual({ url, model: "llama3.1", locality: null, destination: "local-model", has_key: true });
      expect(JSON.stringify(settings)).not.toContain("sk-test");
      expect(await (await request("/api/settings/llm/test", { method: "POST" })).json()).toEqual({ ok: true, models: ["llama3.1"] });

      // Saving again without a key keeps the stored one; marking it remote changes the destination.
      await put({ url, model: "llama3.1", locality: "remote" });
      expect((await (await request("/api/settings")).json()).llm).toMatchObject({ destination: "remote-model", has_key: true });
      await request("/api/settings/llm", { method: "DELETE" });
      expect((await (await request("/api/settings")).json()).llm).toBeNull();
    } finally {
      models.close();
    }
  });

  it("lists, removes and resets sharing rules, with the defaults alongside", async () => {
    const { request } = await server();
    const put = (body: object) => request("/api/rules", { method: "PUT", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    const { id } = await (await put({ destination: "export", decision: "deny", minLevel: 3 })).json();
    await put({ destination: "mcp:*", platform: "gmail", field: "body", decision: "ask" });
    const bad = await put({ destination: "export", decision: "maybe" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unknown decision "maybe"/);

    const listed = await (await request("/api/rules")).json();
    expect(listed.rules).toHaveLength(2);
    expect(listed.defaults.map((rule: { id: string }) => rule.id)).toContain("default:everything");
    expect(listed.categories).toContain("health");

    expect((await request(`/api/rules/${id}`, { method: "DELETE" })).status).toBe(200);
    expect((await request(`/api/rules/${id}`, { method: "DELETE" })).status).toBe(404);
    expect(await (await request("/api/rules/reset", { method: "POST" })).json()).toEqual({ removed: 1 });
    expect((await (await request("/api/rules")).json()).rules).toEqual([]);
  });

  it("lists the audit log by destination, with the exact fields that left", async () => {
    const { request, vault } = await server();
    const disclosed = [{ record_id: 1, field: "title", level: 1 as const, categories: [], rule: "default:everything" as const }];
    await recordDisclosure(vault, { destination: "remote-model", purpose: "films", mode: "privacy-aware", autonomy: "intermediate", basis: "rule", disclosed });
    await recordDisclosure(vault, { destination: "mcp:claude", purpose: "books", mode: "privacy-aware", autonomy: "intermediate", basis: "rule", disclosed });

    const entries = await (await request("/api/audit?destination=mcp:*")).json();
    expect(entries).toMatchObject([{ destination: "mcp:claude", purpose: "books", disclosed }]);
    expect(await (await request("/api/audit?since=2000-01-01&limit=5")).json()).toHaveLength(2);
    expect((await request("/api/audit?since=yesterday")).status).toBe(400);
  });
});

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}
