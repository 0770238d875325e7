import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Browser } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "./chromium.js";
import { useTempVault } from "./helpers.js";
import { answerOf, ASKED, DENIED, expectNoneOf, mcpClient, seedMcpVault, serveVault } from "./mcp-fixture.js";


describe.skipIf(!hasChromium)("an assistant's question in the web UI", () => {
  const newVault = useTempVault();
  const stops: (() => unknown)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it("shows each asked field with its own checkbox, none ticked, and sends only the ticked one", async () => {
    const vault = await newVault();
    const ids = await seedMcpVault(vault);
    const { link, origin, token, stop } = await serveVault(vault);
    stops.push(stop);
    const browser: Browser = await launchChromium();
    stops.push(() => browser.close());
    const page = await browser.newPage();
    await page.goto(link.href);

    const { client } = mcpClient("Web Asker");
    await client.connect(new StreamableHTTPClientTransport(new URL("/mcp", origin), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    stops.push(() => client.close());
    // Two records: one asked field (the comment) on the viewing; the order's address is denied and never asked about.
    const call = client.callTool({ name: "get_records", arguments: { ids: [ids.v1, ids.o1] } });

    const dialog = page.getByRole("dialog", { name: "web-asker asks for some of your data" });
    await dialog.waitFor({ timeout: 15_000 });
    const boxes = dialog.getByRole("checkbox");
    expect(await boxes.count()).toBe(1);
    const comment = dialog.getByLabel(`comment of “Free Solo” #${ids.v1}`);
    expect(await comment.isChecked()).toBe(false);
    await comment.check();
    await dialog.getByRole("button", { name: "Share the ticked fields" }).click();

    const answer = answerOf(await call);
    expect(answer.records.find((record: { id: number }) => record.id === ids.v1).fields.comment).toBe(`${ASKED} loved it`);
    expectNoneOf(DENIED, answer);
    expect(await dialog.isVisible()).toBe(false);
  }, 60_000);
});
