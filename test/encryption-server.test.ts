import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { initVault } from "../src/db/open.js";
import { serveWith } from "./serve.js";
import { useTempDir } from "./helpers.js";

/** Debian's chromium, as in browser.test.ts; without it the page test is skipped. */
const CHROMIUM = "/usr/bin/chromium";

const PASSPHRASE = "correct horse battery staple";
const viewingHistory = readFileSync(join(import.meta.dirname, "fixtures/netflix/NetflixViewingHistory-US.csv"));

describe("an encrypted vault in the web UI", () => {
  const tempDir = useTempDir();
  afterEach(() => vi.unstubAllEnvs());

  it("starts locked without OWNBASE_PASSPHRASE: 423 until the passphrase is posted, then imports, and leaves no upload behind", async () => {
    const dir = tempDir();
    const db = join(dir, "vault.db");
    (await initVault(db, PASSPHRASE)).close();
    vi.stubEnv("OWNBASE_HOME", dir);
    vi.stubEnv("OWNBASE_PASSPHRASE", undefined);

    // Uploads left by a server that was killed: copies of vault content, removed at the next start.
    // Those of a server still running (this process stands for one) stay.
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale = join(dir, "uploads", `serve-${gone}-abcdef`, "upload-id");
    const running = join(dir, "uploads", `serve-${process.pid}-abcdef`);
    for (const folder of [stale, running]) mkdirSync(folder, { recursive: true });
    writeFileSync(join(stale, "NetflixViewingHistory.csv"), viewingHistory);

    const server = serveWith(["--port", "0", "--db", db]);
    await vi.waitFor(() => expect(server.out()).toMatch(/\n$/), { timeout: 20_000 });
    expect(server.err()).toBe("The vault is encrypted: type its passphrase in the page to unlock it (or set OWNBASE_PASSPHRASE).\n");
    const [, base, token] = server.out().match(/open (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)\n$/)!;
    expect(existsSync(join(dir, "uploads", `serve-${gone}-abcdef`))).toBe(false);
    expect(existsSync(running)).toBe(true);

    const request = (path: string, init: RequestInit = {}) =>
      fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, origin: base!, ...init.headers } });
    const unlock = (passphrase: unknown) => request("/api/unlock", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ passphrase }) });
    try {
      const locked = await request("/api/stats");
      expect(locked.status).toBe(423);
      expect(await locked.json()).toEqual({ error: "the vault is encrypted and locked: type its passphrase to unlock it", locked: true });
      expect((await request("/api/imports?name=a.csv", { method: "POST", body: viewingHistory })).status).toBe(423);
      expect((await request("/mcp", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(423);
      expect(await (await request("/api/unlock")).json()).toEqual({ locked: true });
      // The page itself loads, with the form that asks for the passphrase.
      expect(await (await request("/")).text()).toContain('<form id="unlock-form"');

      const wrong = await unlock("not the passphrase");
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ error: `wrong passphrase for vault ${db}` });
      expect((await unlock(42)).status).toBe(400);
      expect((await request("/api/stats")).status).toBe(423);

      const right = await unlock(PASSPHRASE);
      expect(right.status).toBe(200);
      expect(await right.json()).toEqual({ locked: false });
      expect(await (await request("/api/unlock")).json()).toEqual({ locked: false });

      const { id } = (await (await request("/api/imports?name=NetflixViewingHistory.csv", { method: "POST", body: viewingHistory })).json()) as { id: string };
      const events = await (await request(`/api/imports/${id}/events`)).text();
      expect(events).toMatch(/event: report\ndata: \{"records_added":5,/);
      expect(await (await request("/api/stats")).json()).toMatchObject({ records: 5 });
      // The uploaded file went with its import.
      const ours = readdirSync(join(dir, "uploads")).filter((name) => name.startsWith(`serve-${process.pid}-`) && name !== `serve-${process.pid}-abcdef`);
      expect(ours).toHaveLength(1);
      expect(readdirSync(join(dir, "uploads", ours[0]!))).toEqual([]);
    } finally {
      process.emit("SIGTERM");
      await server.running;
    }
    expect(readdirSync(join(dir, "uploads"))).toEqual([`serve-${process.pid}-abcdef`]);
  });

  it.skipIf(!existsSync(CHROMIUM))("in the browser: only the passphrase form until the vault is unlocked, then the usual page", async () => {
    const dir = tempDir();
    const db = join(dir, "vault.db");
    (await initVault(db, PASSPHRASE)).close();
    vi.stubEnv("OWNBASE_HOME", dir);
    vi.stubEnv("OWNBASE_PASSPHRASE", undefined);
    const server = serveWith(["--port", "0", "--db", db]);
    await vi.waitFor(() => expect(server.out()).toMatch(/\n$/), { timeout: 20_000 });
    const link = /open (\S+)/.exec(server.out())![1]!;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"] });
    try {
      const page = await browser.newPage();
      await page.goto(link);
      const form = page.locator("#unlock-form");
      await form.waitFor();
      expect(await page.locator("nav").isHidden()).toBe(true);
      expect(await page.locator("#import").isHidden()).toBe(true);

      await form.getByLabel("Passphrase").fill("not the passphrase");
      await form.getByRole("button", { name: "Unlock" }).click();
      await expect.poll(() => page.locator("#unlock-error").textContent(), { timeout: 20_000 }).toBe(`wrong passphrase for vault ${db}`);

      await form.getByLabel("Passphrase").fill(PASSPHRASE);
      await form.getByRole("button", { name: "Unlock" }).click();
      await page.locator("#import").waitFor();
      expect(await page.locator("#unlock").isHidden()).toBe(true);
      expect(await page.locator("nav").isVisible()).toBe(true);
    } finally {
      await browser.close();
      process.emit("SIGTERM");
      await server.running;
    }
  });
});
