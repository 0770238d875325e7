import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serveWith } from "./serve.js";
import { useTempDir } from "./helpers.js";

describe("ownbase serve", () => {
  const tempDir = useTempDir();
  afterEach(() => vi.unstubAllEnvs());

  it("prints one line with the link, serves the UI to it, and stops on SIGTERM", async () => {
    const dir = tempDir();
    vi.stubEnv("OWNBASE_HOME", dir);
    const server = serveWith(["--port", "0", "--db", join(dir, "vault.db")]);
    await vi.waitFor(() => expect(server.out()).toMatch(/\n$/), { timeout: 10_000 });

    const match = server.out().match(/^Ownbase is running: open (http:\/\/127\.0\.0\.1:\d+\/)\?token=([A-Za-z0-9_-]{43})\n$/);
    expect(match).not.toBeNull();
    const [, base, token] = match!;
    const opened = await fetch(`${base}?token=${token}`, { redirect: "manual" });
    expect(opened.status).toBe(303);
    const page = await fetch(base!, { headers: { cookie: opened.headers.get("set-cookie")!.split(";")[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Ownbase</title>");
    expect((await fetch(base!)).status).toBe(401);

    process.emit("SIGTERM");
    await server.running;
    await expect(fetch(base!)).rejects.toThrow();
  });

  it("listens on every interface only with --allow-remote, and warns", async () => {
    const dir = tempDir();
    vi.stubEnv("OWNBASE_HOME", dir);
    await expect(serveWith(["--host", "0.0.0.0", "--db", join(dir, "vault.db")]).running).rejects.toThrow(/add --allow-remote if you mean it/);

    const server = serveWith(["--host", "0.0.0.0", "--allow-remote", "--port", "0", "--db", join(dir, "vault.db")]);
    await vi.waitFor(() => expect(server.out()).toMatch(/^Ownbase is running: open http:\/\/0\.0\.0\.0:\d+\/\?token=/), { timeout: 10_000 });
    expect(server.err()).toMatch(/^warning: listening on every network interface/);
    process.emit("SIGINT");
    await server.running;
  });
});
