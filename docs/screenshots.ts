/**
 * Takes the screenshots in docs/: a vault of the real-world samples (or, without them, the
 * test fixtures), served by `ownbase serve` and shown in Debian's Chromium at desktop and phone
 * widths. Run: `npx tsx docs/screenshots.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launchChromium, serveInBackground } from "../test/chromium.js";
import { ownbase } from "../test/cli.js";
import { hasRealWorld, realWorldDir } from "../test/real-world.js";

const docs = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ownbase-screenshots-"));
const db = join(dir, "vault.db");
const imported = ownbase(["import", hasRealWorld ? realWorldDir : join(docs, "../test/fixtures"), "--db", db]);
if (imported.status !== 0) throw new Error(imported.stderr);

const { server, link } = await serveInBackground(dir);
const browser = await launchChromium();

async function shoot(page: Page, section: string, file: string, prepare?: () => Promise<void>): Promise<void> {
  const answered = page.waitForResponse((response) => response.url().includes("/api/"));
  await page.getByRole("link", { name: section }).click();
  await answered;
  // The page draws after its last request; a pause is the simplest honest wait for a picture.
  await page.waitForTimeout(1000);
  await prepare?.();
  await page.screenshot({ path: join(docs, file), fullPage: true });
  console.log(`docs/${file}`);
}

try {
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await desktop.goto(link);
  await shoot(desktop, "Overview", "overview-desktop.png");
  await shoot(desktop, "Library", "library-desktop.png");
  await shoot(desktop, "Sharing rules", "rules-desktop.png", () => desktop.locator("#rule-matrix summary").last().click());
  await shoot(desktop, "Settings", "settings-desktop.png");

  // Ask with every disclosure confirmed, so that the dialog shows what would be used.
  await desktop.getByRole("link", { name: "Ask" }).click();
  await desktop.getByLabel("What would you like?").fill("something to watch tonight, not too long");
  await desktop.locator("#ask-form select[name=autonomy]").selectOption("none");
  await desktop.locator("#ask-form").getByRole("button", { name: "Ask" }).click();
  await desktop.getByRole("dialog").waitFor();
  await desktop.screenshot({ path: join(docs, "ask-confirm-desktop.png") });
  console.log("docs/ask-confirm-desktop.png");
  await desktop.getByRole("button", { name: "Use the ticked fields" }).click();
  await desktop.locator("#recommendations .card").first().waitFor();
  await shoot(desktop, "Ask", "ask-desktop.png");

  const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
  await phone.goto(link);
  await shoot(phone, "Overview", "overview-phone.png");
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
