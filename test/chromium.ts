import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium, type Browser } from "playwright-core";
import { startOwnbase } from "./cli.js";

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
