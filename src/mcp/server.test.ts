import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTempVault } from "../../test/helpers.js";
import { answerOf, ASKED, mcpClient, seedMcpVault } from "../../test/mcp-fixture.js";
import { ConfirmationQueue } from "../policy/confirm.js";
import { VaultAccess } from "./access.js";
import { clientDestination, createMcpServer } from "./server.js";

const newVault = useTempVault();
afterEach(() => vi.useRealTimers());

/** Waits on real time for a condition the server meets asynchronously. */
async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 500) throw new Error("condition not met in 5 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the MCP server", () => {
  it("names each client's destination after what it calls itself, in the form rules use", () => {
    expect(clientDestination("Claude Desktop")).toBe("mcp:claude-desktop");
    expect(clientDestination("cursor-vscode")).toBe("mcp:cursor-vscode");
    expect(clientDestination("  ¿qué? ")).toBe("mcp:qu");
    expect(clientDestination(undefined)).toBe("mcp:unnamed");
  });

  it("tells a client that waits for the user's confirmation, every 10 s, that the call is alive", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const vault = await newVault();
    const ids = await seedMcpVault(vault);
    const queue = new ConfirmationQueue(60_000);
    const server = createMcpServer(new VaultAccess(vault), { queue, confirmTimeoutMs: 60_000 });
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const { client } = mcpClient("waiter");
    await client.connect(clientSide);

    const heard: (string | undefined)[] = [];
    const call = client.callTool({ name: "get_records", arguments: { ids: [ids.v1] } }, undefined, { onprogress: (progress) => heard.push(progress.message), resetTimeoutOnProgress: true });
    await until(() => queue.waiting().length === 1);
    vi.advanceTimersByTime(25_000);
    await until(() => heard.length === 2);
    expect(heard).toEqual(["waiting for the user to confirm", "waiting for the user to confirm"]);

    queue.answer(queue.waiting()[0]!.id, "approve-all");
    expect(answerOf(await call).records[0].fields.comment).toBe(`${ASKED} loved it`);
    vi.advanceTimersByTime(25_000);
    expect(heard).toHaveLength(2);
    await client.close();
  });
});
