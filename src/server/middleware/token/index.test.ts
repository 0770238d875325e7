import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { newSessionToken, SESSION_COOKIE, sessionToken } from "./index.js";

const token = newSessionToken();
const app = new Hono().use(sessionToken(token)).get("/*", (c) => c.text("vault"));

describe("session token", () => {
  it("is 32 random bytes, URL-safe", () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
  });

  it("refuses a request without it, saying where to find it", async () => {
    const response = await app.request("/");
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/open the link `ownbase serve` printed/);
  });

  it("trades ?token= for an HttpOnly SameSite=Strict cookie and a redirect without the token", async () => {
    const response = await app.request(`/library?q=dune&token=${token}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/library?q=dune");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toContain(`${SESSION_COOKIE}=${token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const followed = await app.request("/library?q=dune", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect(await followed.text()).toBe("vault");
  });

  it("accepts a Bearer token and refuses a wrong one", async () => {
    expect((await app.request("/", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await app.request("/", { headers: { authorization: `Bearer ${newSessionToken()}` } })).status).toBe(401);
    expect((await app.request(`/?token=${newSessionToken()}`)).status).toBe(401);
    expect((await app.request("/", { headers: { cookie: `${SESSION_COOKIE}=short` } })).status).toBe(401);
  });
});
