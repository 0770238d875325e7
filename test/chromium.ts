import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startOwnbase } from "./cli.js";
import { useTempDir } from "./helpers.js";

/** Debian's chromium, which `.ci/run` installs; a user's clone without it skips the browser tests. */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/**
 * The flags a sandboxed, offline machine needs (without them Chromium tries to reach Google);
 * rebind.test stands for an attacker's name that resolves to this machine (DNS rebinding).
 */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP rebind.test 127.0.0.1"];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** `ownbase serve` on a fresh vault in `dir`, and the link it prints. */
export async function serveInBackground(dir: string): Promise<{ server: ReturnType<typeof startOwnbase>; link: string }> {
  const server = startOwnbase(["serve", "--port", "0", "--db", join(dir, "vault.db")]);
  const [line] = await createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next().then((result) => [result.value as string]);
  return { server, link: /open (http:\/\/\S+)/.exec(line!)![1]! };
}

/**
 * For a suite: `ownbase serve` on a fresh vault and a Chromium, started before its tests and
 * stopped after them. `open(width)` gives a page signed in through the printed link.
 */
export function useServedChromium(): { link: () => string; open: (width: number, height?: number) => Promise<Page> } {
  const tempDir = useTempDir("suite");
  let browser: Browser | undefined;
  let server: ReturnType<typeof startOwnbase> | undefined;
  let link = "";

  beforeAll(async () => {
    ({ server, link } = await serveInBackground(tempDir()));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
  });

  return {
    link: () => link,
    async open(width, height = 900) {
      const page = await browser!.newPage({ viewport: { width, height } });
      await page.goto(link);
      return page;
    },
  };
}
