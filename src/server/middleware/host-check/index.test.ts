import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { allowedHosts, hostCheck } from "./index.js";

const app = (host: string, port: number) => new Hono().use(hostCheck(host, port)).get("/", (c) => c.text("vault"));
const get = (host: string, port: number, hostHeader: string) => app(host, port).request("/", { headers: { host: hostHeader } });

describe("Host check", () => {
  it("answers to the bound address, and to localhost when bound to loopback", async () => {
    expect((await get("127.0.0.1", 8787, "127.0.0.1:8787")).status).toBe(200);
    expect((await get("127.0.0.1", 8787, "localhost:8787")).status).toBe(200);
    expect((await get("::1", 8787, "[::1]:8787")).status).toBe(200);
  });

  it("refuses another name pointing at us (DNS rebinding) with 421 and a clear message", async () => {
    const response = await get("127.0.0.1", 8787, "evil.example:8787");
    expect(response.status).toBe(421);
    expect(await response.text()).toMatch(/answers only to 127\.0\.0\.1:8787 or localhost:8787, not to "evil\.example:8787"/);
    expect((await get("127.0.0.1", 8787, "127.0.0.1:9999")).status).toBe(421);
    expect((await get("192.168.1.5", 8787, "localhost:8787")).status).toBe(421);
  });

  it("bound to every interface, answers to this machine's own addresses", () => {
    expect(allowedHosts("0.0.0.0", 8787)).toContain("127.0.0.1:8787");
  });
});
