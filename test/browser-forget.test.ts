import { describe, expect, it } from "vitest";
import { hasChromium, useServedChromium } from "./chromium.js";
import { fixture } from "./fixtures.js";

describe.skipIf(!hasChromium)("forgetting a source in the browser", () => {
  const { link, open } = useServedChromium();

  it("counts what a platform holds, asks, forgets it, and the overview no longer shows it", async () => {
    const page = await open(1280);
    await page.getByRole("link", { name: "Import" }).click();
    await page.setInputFiles("#file-input", [fixture("netflix", "NetflixViewingHistory-UK.csv"), fixture("mbox", "gmail.mbox")]);
    await expect.poll(() => page.locator("#uploads").textContent(), { timeout: 30_000 }).toMatch(/new records[\s\S]*new records/);
    await page.getByRole("link", { name: "Overview" }).click();
    await expect.poll(() => page.locator("#by-platform").textContent(), { timeout: 15_000 }).toMatch(/netflix\s*3/);

    // Long import names must not push the page sideways on a phone.
    const phone = await open(375, 800);
    await phone.goto(`${link()}#settings`);
    await expect.poll(() => phone.locator("#forget-source option").count(), { timeout: 15_000 }).toBeGreaterThan(2);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByRole("link", { name: "Settings" }).click();
    const source = page.getByRole("combobox", { name: /^Source/ });
    await expect.poll(() => source.locator("option").allTextContents(), { timeout: 15_000 }).toContain("netflix: 3 records");
    await source.selectOption({ label: "netflix: 3 records" });
    await page.getByRole("button", { name: "Count what would go" }).click();
    await expect.poll(() => page.locator("#forget-preview").textContent(), { timeout: 15_000 }).toMatch(/^This forgets 3 records \(\d+ fields, \d+ search vectors\) of netflix\. It cannot be undone\.$/);

    // Keeping them keeps them; forgetting needs counting again.
    await page.getByRole("button", { name: "Keep them" }).click();
    expect(await page.locator("#forget-result").textContent()).toBe("Nothing was forgotten.");
    expect(await page.getByRole("button", { name: "Forget them" }).isVisible()).toBe(false);
    await page.getByRole("button", { name: "Count what would go" }).click();
    await page.getByRole("button", { name: "Forget them" }).click();
    await expect.poll(() => page.locator("#forget-result").textContent(), { timeout: 15_000 }).toMatch(/^Forgotten: 3 records and \d+ fields \(audit entry #\d+\)\.$/);
    await expect.poll(() => source.locator("option").allTextContents(), { timeout: 15_000 }).not.toContain("netflix: 3 records");

    await page.getByRole("link", { name: "Overview" }).click();
    await expect.poll(() => page.locator("#by-platform").textContent(), { timeout: 15_000 }).not.toMatch(/netflix/);
    expect(await page.locator("#by-platform").textContent()).toMatch(/gmail/);
    await page.getByRole("link", { name: "Audit" }).click();
    await expect.poll(() => page.locator("#audit-entries").textContent(), { timeout: 15_000 }).toMatch(/forget platform netflix: 3 records/);
  }, 90_000);
});
