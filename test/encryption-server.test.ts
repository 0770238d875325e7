import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { initVault, openVault } from "../src/db/open.js";
import { importInputs } from "../src/import/run.js";
import { hasChromium, launchChromium } from "./chromium.js";
import { useTempDir } from "./helpers.js";
import { serveWith } from "./serve.js";


const PASSPHRASE = "correct horse battery staple";
const NEW_PASSPHRASE = "a new and longer passphrase";
const viewingHistory = readFileSync(join(import.meta.dirname, "fixtures/netflix/NetflixViewingHistory-US.csv"));

/** A plain vault with the fixture imported, as `ownbase serve` leaves one, in `dir`: the data folder, no passphrase set. */
async function plainVault(dir: string): Promise<{ dir: string; db: string }> {
  const db = join(dir, "vault.db");
  const plain = await initVault(db);
  await importInputs(plain, [join(import.meta.dirname, "fixtures/netflix/NetflixViewingHistory-US.csv")]);
  plain.close();
  vi.stubEnv("OWNBASE_HOME", dir);
  vi.stubEnv("OWNBASE_PASSPHRASE", undefined);
  return { dir, db };
}

/** `ownbase serve` on `db`, with a fetch that sends its token, and a stop. */
async function started(db: string) {
  const server = serveWith(["--port", "0", "--db", db]);
  await vi.waitFor(() => expect(server.out()).toMatch(/\n$/), { timeout: 20_000 });
  const [, base, token] = server.out().match(/open (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)\n$/)!;
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, origin: base!, ...init.headers } });
  const stop = async () => {
    process.emit("SIGTERM");
    await server.running;
  };
  return { request, stop, err: server.err, link: /open (\S+)/.exec(server.out())![1]! };
}

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

  it("encrypts a plain vault in the running server: 503 meanwhile, then the API goes on, the file is unreadable, and a restart starts locked", async () => {
    const { dir, db } = await plainVault(tempDir());

    const { request, stop } = await started(db);
    const post = (path: string, body: unknown) => request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    try {
      expect(await (await request("/api/encryption")).json()).toEqual({ encrypted: false, file: true, path: db });
      expect(await (await request("/api/stats")).json()).toMatchObject({ records: 5 });
      const short = await post("/api/encryption", { passphrase: "short" });
      expect([short.status, await short.json()]).toEqual([400, { error: "the passphrase must be at least 8 characters long" }]);

      const encrypting = post("/api/encryption", { passphrase: PASSPHRASE });
      // While the vault is closed for its conversion (the key derivation alone takes a while), the API says so.
      let meanwhile: Response;
      do meanwhile = await request("/api/stats");
      while (meanwhile.status === 200);
      expect(meanwhile.status).toBe(503);
      expect(await meanwhile.json()).toEqual({ error: `the vault ${db} is being encrypted: try again in a moment`, busy: true });
      const encrypted = await encrypting;
      expect([encrypted.status, await encrypted.json()]).toEqual([200, { encrypted: true }]);

      expect(await (await request("/api/encryption")).json()).toMatchObject({ encrypted: true });
      expect(await (await request("/api/stats")).json()).toMatchObject({ records: 5 });
      expect(JSON.stringify(await (await request("/api/search?q=hellfire")).json())).toContain("Hellfire Club");
      const again = await post("/api/encryption", { passphrase: PASSPHRASE });
      expect([again.status, await again.json()]).toEqual([409, { error: `the vault ${db} is already encrypted: change its passphrase instead` }]);
      // Writes go on, into the encrypted file.
      const { id } = (await (await request("/api/imports?name=NetflixViewingHistory.csv", { method: "POST", body: readFileSync(join(import.meta.dirname, "fixtures/netflix/NetflixViewingHistory-UK.csv")) })).json()) as { id: string };
      expect(await (await request(`/api/imports/${id}/events`)).text()).toMatch(/event: report\ndata: \{"records_added":[1-9]/);
    } finally {
      await stop();
    }
    // Nothing of the conversion is left beside the vault: no plain copy, no journal.
    const files = readdirSync(dir).filter((name) => name.startsWith("vault.db"));
    expect(files.filter((name) => !/^vault\.db(-wal|-shm|\.key\.json)?$/.test(name))).toEqual([]);
    const bytes = Buffer.concat(files.map((name) => readFileSync(join(dir, name))));
    expect(bytes.includes("SQLite format 3")).toBe(false);
    expect(bytes.toString("latin1").toLowerCase()).not.toContain("hellfire club");

    // Started again without the passphrase: locked until it is typed.
    const restarted = await started(db);
    try {
      expect(restarted.err()).toContain("The vault is encrypted: type its passphrase in the page");
      expect((await restarted.request("/api/stats")).status).toBe(423);
      const unlocked = await restarted.request("/api/unlock", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ passphrase: PASSPHRASE }) });
      expect(unlocked.status).toBe(200);
      expect(((await (await restarted.request("/api/stats")).json()) as { records: number }).records).toBeGreaterThan(5);
    } finally {
      await restarted.stop();
    }
  }, 60_000);

  it("changes the passphrase of an encrypted vault in the running server; a wrong current one changes nothing", async () => {
    const dir = tempDir();
    const db = join(dir, "vault.db");
    (await initVault(db, PASSPHRASE)).close();
    vi.stubEnv("OWNBASE_HOME", dir);
    vi.stubEnv("OWNBASE_PASSPHRASE", PASSPHRASE);
    const { request, stop } = await started(db);
    const change = (body: unknown) => request("/api/encryption/passphrase", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    try {
      const wrong = await change({ current: "not the passphrase", passphrase: NEW_PASSPHRASE });
      expect([wrong.status, await wrong.json()]).toEqual([403, { error: `wrong passphrase for vault ${db}` }]);
      const changed = await change({ current: PASSPHRASE, passphrase: NEW_PASSPHRASE });
      expect([changed.status, await changed.json()]).toEqual([200, { encrypted: true }]);
      expect(await (await request("/api/stats")).json()).toMatchObject({ records: 0 });
    } finally {
      await stop();
    }
    await expect(openVault(db, { passphrase: PASSPHRASE })).rejects.toThrow(`wrong passphrase for vault ${db}`);
    (await openVault(db, { passphrase: NEW_PASSPHRASE })).close();
  }, 60_000);

  it.skipIf(!hasChromium)("in the browser: only the passphrase form until the vault is unlocked, then the usual page", async () => {
    const dir = tempDir();
    const db = join(dir, "vault.db");
    (await initVault(db, PASSPHRASE)).close();
    vi.stubEnv("OWNBASE_HOME", dir);
    vi.stubEnv("OWNBASE_PASSPHRASE", undefined);
    const server = serveWith(["--port", "0", "--db", db]);
    await vi.waitFor(() => expect(server.out()).toMatch(/\n$/), { timeout: 20_000 });
    const link = /open (\S+)/.exec(server.out())![1]!;
    const browser = await launchChromium();
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

  it.skipIf(!hasChromium)("in the browser, on a phone: Settings encrypts a plain vault, after the passphrase is typed the same twice", async () => {
    const { db } = await plainVault(tempDir());
    const { link, request, stop } = await started(db);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await page.goto(`${link}#settings`);
      const status = page.locator("#encryption-status");
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain("The vault file is not encrypted");
      const form = page.locator("#encryption-form");
      expect(await form.getByLabel("Current passphrase").isHidden()).toBe(true);

      await form.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
      await form.getByLabel("Type it again").fill("something else entirely");
      await form.getByRole("button", { name: "Encrypt the vault" }).click();
      expect(await page.locator("#encryption-result").textContent()).toBe("The two passphrases differ: type the same one twice.");
      expect(await (await request("/api/encryption")).json()).toMatchObject({ encrypted: false });

      await form.getByLabel("Type it again").fill(PASSPHRASE);
      await form.getByRole("button", { name: "Encrypt the vault" }).click();
      await expect.poll(() => page.locator("#encryption-result").textContent(), { timeout: 30_000 }).toContain("The vault is encrypted.");
      expect(await status.textContent()).toContain("The vault file is encrypted");
      // Now the form changes the passphrase instead.
      expect(await form.getByLabel("Current passphrase").isVisible()).toBe(true);
      expect(await form.getByRole("button", { name: "Change the passphrase" }).isVisible()).toBe(true);
      // Nothing on the page is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await page.locator("#error").isHidden()).toBe(true);
    } finally {
      await browser.close();
      await stop();
    }
    expect(readFileSync(db).includes("SQLite format 3")).toBe(false);
    (await openVault(db, { passphrase: PASSPHRASE })).close();
  }, 90_000);
});
