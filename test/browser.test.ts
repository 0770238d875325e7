import { readdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { startRecordingModel, type RecordingModel } from "../bench/agent-server.js";
import { hasChromium, useServedChromium } from "./chromium.js";
import { fixture } from "./fixtures.js";
import { hasRealWorld, realWorldDir } from "./real-world.js";

/** How long an answer may take: the server may be indexing the imports in the background meanwhile. */
const ANSWER_MS = 20_000;

/** Every file under a folder, as a user would select them all. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe.skipIf(!hasChromium)("the web UI in a real browser", () => {
  const { link: served, open } = useServedChromium();
  let model: RecordingModel | undefined;

  afterAll(async () => {
    await model?.close();
  });

  /** Nothing on the page is wider than the window: usable at that width without scrolling sideways. */
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it("imports dropped exports with progress, then shows them in the overview and the library, at desktop and phone widths", async () => {
    const page = await open(1280);
    await page.getByRole("link", { name: "Import" }).click();
    await page.setInputFiles("#file-input", [fixture("netflix", "CONTENT_INTERACTION", "ViewingActivity.csv"), fixture("mbox", "gmail.mbox")]);
    await expect.poll(() => page.locator("#uploads").textContent(), { timeout: 30_000 }).toMatch(/new records \(\d+ read from 1 files\)[\s\S]*new records/);
    expect(await page.locator("#uploads").textContent()).toContain("Netflix viewing activity");

    await page.getByRole("link", { name: "Overview" }).click();
    await expect.poll(() => page.locator("#by-platform").textContent()).toMatch(/netflix/);
    expect(await page.locator("#by-platform").textContent()).toMatch(/gmail/);
    // The timeline draws both platforms' activity, with the exact numbers a table away.
    expect(await page.locator("#timeline-caption").textContent()).toMatch(/^Activity over time: records per (month|year) and platform/);
    expect(await page.locator("#timeline svg rect").count()).toBeGreaterThan(1);
    expect(await page.locator("#timeline-legend").textContent()).toMatch(/netflix[\s\S]*gmail|gmail[\s\S]*netflix/);
    expect(await fitsWidth(page)).toBe(true);

    await page.getByRole("link", { name: "Library" }).click();
    await page.getByLabel("Search").fill("Dark");
    await page.getByRole("button", { name: "Show" }).click();
    await page.locator("#results button").first().click();
    await expect.poll(() => page.locator("#record").textContent()).toMatch(/profile/);

    const phone = await open(375);
    for (const section of ["Import", "Overview", "Library", "Ask", "Sharing rules", "Audit", "Settings"]) {
      await phone.getByRole("link", { name: section }).click();
      expect(await fitsWidth(phone), section).toBe(true);
    }
  }, 90_000);

  it("asks before it uses a sensitive field, and keeps a refused one out of what it used", async () => {
    const page = await open(1280);
    await page.getByRole("link", { name: "Import" }).click();
    // A title can say as much as a diagnosis: this one is tagged health, level 2.
    const viewings = ["Title,Date", '"The Dawn Wall","03/02/2024"', '"Free Solo","04/02/2024"', '"Living with Diabetes","05/02/2024"'].join("\n");
    const mail = [
      "From ana@example.com Mon Jan 06 04:49:45 +0000 2020",
      "From: Dr. Weber <praxis@example.com>",
      "To: Ana <ana@example.com>",
      "Subject: Your results",
      "Date: Mon, 06 Jan 2020 04:49:45 +0000",
      "Message-ID: <results-1@example.com>",
      "",
      "You were diagnosed with diabetes; no climbing this month.",
      "",
    ].join("\n");
    await page.setInputFiles("#file-input", [
      { name: "NetflixViewingHistory.csv", mimeType: "text/csv", buffer: Buffer.from(viewings) },
      { name: "doctor.mbox", mimeType: "application/mbox", buffer: Buffer.from(mail) },
      { name: "MyList.csv", mimeType: "text/csv", buffer: Buffer.from("Profile Name,Title Name,Country,Utc Title Add Date\nAna,The Alpinist: a climbing film,Germany,2024-01-15\n") },
    ]);
    for (const name of ["NetflixViewingHistory.csv", "doctor.mbox", "MyList.csv"]) {
      await expect.poll(() => page.locator("#uploads li", { hasText: name }).textContent(), { timeout: 30_000 }).toMatch(/new records/);
    }

    // A model server on this machine that records every byte it is sent.
    model = await startRecordingModel();
    await page.getByRole("link", { name: "Settings" }).click();
    const llmForm = page.locator("#llm-form");
    await llmForm.getByLabel("URL").fill(model.url);
    await llmForm.getByLabel("Model").fill("test");
    await llmForm.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("#llm-status").textContent()).toMatch(/local-model/);

    const askFor = async (request: string) => {
      await page.getByRole("link", { name: "Ask" }).click();
      await page.getByLabel("What would you like?").fill(request);
      await page.locator("#ask-form").getByRole("button", { name: "Ask" }).click();
    };
    await askFor("something to watch about climbing");
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible(), { timeout: ANSWER_MS }).toBe(true);
    // The user sees which field of which record, its value, and where it would go.
    const asked = await dialog.textContent();
    expect(asked).toMatch(/local-model/);
    expect(asked).toMatch(/“Living with Diabetes”\s*title 2 sensitive · health/);
    // The mail's body says nothing about what to watch: it is not even asked for.
    expect(asked).not.toContain("You were diagnosed");
    expect(model.bodies).toEqual([]);
    await dialog.getByRole("button", { name: "Use none of them" }).click();
    await expect.poll(() => page.locator("#recommendations").textContent(), { timeout: ANSWER_MS }).toMatch(/More like/);
    expect(model.bodies.join("")).toContain("The Alpinist");
    expect(model.bodies.join("")).not.toMatch(/diabetes/i);

    await page.getByRole("link", { name: "Audit" }).click();
    await expect.poll(() => page.locator("#audit-entries").textContent()).toMatch(/local-model/);
    expect(await page.locator("#audit-entries").textContent()).not.toMatch(/\bbody\b/);

    // A rule keeps health from local models: no more question, and still nothing of it sent.
    await page.getByRole("link", { name: "Sharing rules" }).click();
    const ruleForm = page.locator("#rule-form");
    await ruleForm.getByLabel("Destination").fill("local-model");
    await ruleForm.getByLabel("Decision").selectOption("deny");
    await ruleForm.getByLabel("Category").selectOption("health");
    await ruleForm.getByRole("button", { name: "Save rule" }).click();
    await expect.poll(() => page.locator("#user-rules").textContent()).toMatch(/local-model[\s\S]*health[\s\S]*deny/);
    const sent = model.bodies.length;
    await askFor("something to watch about climbing");
    // Fields of other tests' imports may still be asked about; the health title never again.
    await expect.poll(async () => (await dialog.isVisible()) || model!.bodies.length > sent, { timeout: ANSWER_MS }).toBe(true);
    if (await dialog.isVisible()) {
      expect(await dialog.textContent()).not.toContain("Diabetes");
      await dialog.getByRole("button", { name: "Use none of them" }).click();
    }
    await expect.poll(() => model!.bodies.length, { timeout: ANSWER_MS }).toBeGreaterThan(sent);
    expect(model.bodies.join("")).not.toMatch(/diabetes/i);

    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("button", { name: "Remove the model server" }).click();
    await expect.poll(() => page.locator("#llm-status").textContent()).not.toMatch(/local-model/);
  }, 90_000);

  it("refuses its pages to a foreign host name and its API to another site's form", async () => {
    const page = await open(1280);
    const own = new URL(served());
    const rebound = await page.goto(`http://rebind.test:${own.port}/?token=${own.searchParams.get("token")}`);
    expect(rebound!.status()).toBe(421);

    // Another web app on this machine (same site, other port) posts to the API with the user's cookie.
    await page.goto(served());
    const foreign = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(`<form method="post" action="${own.origin}/api/rules/reset" enctype="text/plain"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => foreign.listen(0, "127.0.0.1", resolve));
    try {
      const refused = page.waitForResponse((response) => response.url().endsWith("/api/rules/reset"));
      await page.goto(`http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`);
      expect((await refused).status()).toBe(403);
    } finally {
      foreign.close();
    }
  }, 60_000);

  it("names every control on every page, and works from the keyboard alone", async () => {
    const page = await open(1280);
    for (const section of ["Import", "Overview", "Library", "Ask", "Sharing rules", "Audit", "Settings"]) {
      await page.getByRole("link", { name: section }).click();
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll("main section:not([hidden]) :is(input, select, textarea, button)")]
          .filter((control) => !(control as HTMLInputElement).labels?.length && !control.getAttribute("aria-label") && !control.getAttribute("aria-labelledby") && !(control.tagName === "BUTTON" && control.textContent!.trim()))
          .map((control) => control.outerHTML.slice(0, 80)),
      );
      expect(unnamed, section).toEqual([]);
    }

    // Tab to the Ask link, open it, type a request and send it with Enter.
    for (let presses = 0; presses < 30 && (await page.evaluate(() => document.activeElement?.textContent)) !== "Ask"; presses++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#ask").isVisible()).toBe(true);
    await page.getByLabel("What would you like?").focus();
    await page.keyboard.type("a film about climbing");
    await page.keyboard.press("Enter");
    // Earlier tests left mail in the vault, so the agent may ask first: Escape answers "none".
    const dialog = page.getByRole("dialog");
    await expect.poll(async () => (await dialog.isVisible()) || (await page.locator("#recommendations li").count()) > 0, { timeout: ANSWER_MS }).toBe(true);
    if (await dialog.isVisible()) await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#recommendations li").count(), { timeout: ANSWER_MS }).toBeGreaterThan(0);
  }, 60_000);

  it("sets a rule for one field from the matrix, and shows the rule deciding there", async () => {
    const page = await open(1280);
    await page.getByRole("link", { name: "Sharing rules" }).click();
    await page.locator("#rule-matrix summary", { hasText: /^gmail:/ }).click();
    const cell = page.getByLabel("remote model: gmail message subject");
    await cell.selectOption("deny");
    await expect.poll(() => page.locator("#user-rules").textContent()).toMatch(/remote-model[\s\S]*subject[\s\S]*deny/);
    const decided = page.locator("td", { has: page.getByLabel("remote model: gmail message subject") });
    expect(await decided.textContent()).toMatch(/your rule #\d+/);
    expect(await page.getByLabel("remote model: gmail message subject").inputValue()).toBe("deny");
  }, 60_000);
});

describe.skipIf(!hasChromium || !hasRealWorld)("the real-world samples dropped in the browser", () => {
  const { open } = useServedChromium();

  it("imports every sample with its own progress and report, and the overview counts them all", async () => {
    const page = await open(1280);
    await page.getByRole("link", { name: "Import" }).click();
    const files = filesUnder(realWorldDir);
    await page.setInputFiles("#file-input", files);
    const rows = page.locator("#uploads li");
    await expect.poll(() => rows.count()).toBe(files.length);
    // Every row ends in a report or a clear refusal, none stuck half-way.
    await expect.poll(async () => (await rows.allTextContents()).filter((text) => /new records|not understood|failed/.test(text)).length, { timeout: 60_000 }).toBe(files.length);
    expect(await page.locator("#uploads progress").evaluateAll((bars) => bars.every((bar) => (bar as HTMLProgressElement).value === (bar as HTMLProgressElement).max))).toBe(true);
    expect((await rows.allTextContents()).join("\n")).not.toMatch(/import failed/);

    await page.getByRole("link", { name: "Overview" }).click();
    await expect.poll(() => page.locator("#overview-total").textContent()).toBe("Your vault holds 83 records.");
  }, 120_000);
});
