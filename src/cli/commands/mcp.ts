import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Command } from "commander";
import { withVault } from "../../db/open.js";
import { VaultAccess } from "../../mcp/access.js";
import { DEFAULT_CONFIRM_TIMEOUT_MS } from "../../mcp/ask-user.js";
import { createMcpServer } from "../../mcp/server.js";
import { positiveInteger, type CommonOptions } from "../io.js";

interface McpOptions extends CommonOptions {
  confirmTimeout: number;
}

/**
 * `ownbase mcp`: the vault as an MCP server on stdin and stdout, for an assistant that starts it.
 * stdout carries the protocol alone. Fields the rules ask about are confirmed in the client's own
 * form (elicitation); a client without one gets them refused, as nobody else could be asked here.
 */
export function mcpCommand(): Command {
  return new Command("mcp")
    .description("serve the vault to an assistant over the Model Context Protocol (stdio), under your sharing rules")
    .option("--confirm-timeout <seconds>", "how long you have to confirm a field; then it counts as refused", positiveInteger, DEFAULT_CONFIRM_TIMEOUT_MS / 1000)
    .action(async (options: McpOptions) => {
      // stdout is the protocol's: a library's stray console.log would break it, so that goes to stderr.
      console.log = console.error;
      await withVault(options.db, async (vault) => {
        const server = createMcpServer(new VaultAccess(vault), { confirmTimeoutMs: options.confirmTimeout * 1000 });
        const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
        // The client ends the session by closing our stdin.
        process.stdin.once("end", () => void server.close());
        await server.connect(new StdioServerTransport());
        await closed;
      });
    });
}
