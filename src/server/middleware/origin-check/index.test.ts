import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { originCheck } from "./index.js";

const app = new Hono().use(originCheck(["http://127.0.0.1:8787", "http://localhost:8787"])).all("/", (c) => c.text("done"));

describe("Origin check", () => {
  it("refuses a POST from another site's page (CSRF) with 403", async () => {
    const response = await app.request("/", { method: "POST", headers: { origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/a POST from https:\/\/evil\.example is not allowed/);
    expect((await app.request("/", { method: "DELETE", headers: { origin: "null" } })).status).toBe(403);
  });

  it("trusts Sec-Fetch-Site when our no-referrer policy makes the browser send Origin: null", async () => {
    expect((await app.request("/", { method: "POST", headers: { origin: "null", "sec-fetch-site": "same-origin" } })).status).toBe(200);
    expect((await app.request("/", { method: "POST", headers: { origin: "null", "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await app.request("/", { method: "POST", headers: { "sec-fetch-site": "same-site" } })).status).toBe(403);
  });

  it("falls back on the Referer when there is no Origin", async () => {
    expect((await app.request("/", { method: "PUT", headers: { referer: "https://evil.example/page" } })).status).toBe(403);
    expect((await app.request("/", { method: "PUT", headers: { referer: "http://localhost:8787/rules" } })).status).toBe(200);
  });

  it("lets the server's own pages, scripts without either header, and reads through", async () => {
    expect((await app.request("/", { method: "POST", headers: { origin: "http://127.0.0.1:8787" } })).status).toBe(200);
    expect((await app.request("/", { method: "POST" })).status).toBe(200);
    expect((await app.request("/", { headers: { origin: "https://evil.example" } })).status).toBe(200);
  });
});
