import { readFileSync } from "node:fs";
import { join } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { dateOption } from "../cli/io.js";
import { packageRoot } from "../paths.js";
import type { ConfirmationQueue } from "../policy/confirm.js";
import type { Destination } from "../policy/types.js";
import { MAX_RECORDS, type McpClient, type VaultAccess } from "./access.js";
import { askUserFor, type ToolExtra } from "./ask-user.js";
import type { InterestProfile } from "../agent/profile.js";

export interface McpServerOptions {
  /** The web UI's confirmations, for clients that cannot ask the user themselves. */
  queue?: ConfirmationQueue;
  /** How long the user has to answer a confirmation. */
  confirmTimeoutMs: number;
}

export const PROFILE_URI = "ownbase://profile";

/**
 * The destination an MCP client's data goes to in the sharing rules: `mcp:` and the name the
 * client gives in its handshake, lower case, other characters than letters, digits, `.`, `_`
 * and `-` as `-`. The name is what the client says it is; the session token is what lets it in.
 */
export function clientDestination(name: string | undefined): Destination {
  const plain = (name ?? "").toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return `mcp:${plain || "unnamed"}`;
}

const { version } = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { version: string };

const READ_ONLY = { readOnlyHint: true, openWorldHint: false } as const;

/** One MCP server per client connection: it learns the client's name and capabilities in the handshake. */
export function createMcpServer(access: VaultAccess, options: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: "ownbase", title: "Ownbase", version },
    {
      instructions:
        "Ownbase is the user's personal data vault: their Netflix, Amazon, Google and mail history. Every answer holds only what the user's sharing rules let this client see; " +
        "some fields need the user's confirmation first, so a call may wait for them. `withheld` counts fields that stayed in the vault.",
    },
  );
  const client = (extra: ToolExtra): McpClient => ({
    destination: clientDestination(server.server.getClientVersion()?.name),
    askUser: askUserFor(extra, { capabilities: server.server.getClientCapabilities(), queue: options.queue, timeoutMs: options.confirmTimeoutMs }),
  });

  server.registerTool(
    "search",
    {
      title: "Search the vault",
      description: "Finds the user's records (viewings, orders, searches, messages, places…) by words and, where indexed, by meaning. Returns each record with the fields this client may see.",
      inputSchema: {
        query: z.string().min(1).describe("what to look for"),
        platform: z.string().optional().describe("only this platform, e.g. netflix, amazon, youtube, gmail (see list_platforms)"),
        kind: z.string().optional().describe("only this kind of record, e.g. viewing, order_item, list_item, message"),
        from: z.string().optional().describe("only records from this date or time on, e.g. 2026-01-01"),
        to: z.string().optional().describe("only records up to this date (inclusive) or time"),
        limit: z.number().int().min(1).max(MAX_RECORDS).optional().describe("at most this many records (default 20)"),
      },
      annotations: READ_ONLY,
    },
    async ({ from, to, ...input }, extra) =>
      result(await access.search(client(extra), { ...input, from: from === undefined ? undefined : dateOption(from), to: to === undefined ? undefined : dateOption(to, "end") })),
  );

  server.registerTool(
    "get_records",
    {
      title: "Get records",
      description: "Records by id (from search or recommendations), or the latest records of a platform or kind, with the fields this client may see.",
      inputSchema: {
        ids: z.array(z.number().int().positive()).max(MAX_RECORDS).optional().describe("record ids"),
        platform: z.string().optional(),
        kind: z.string().optional(),
        limit: z.number().int().min(1).max(MAX_RECORDS).optional().describe("at most this many records (default 20)"),
      },
      annotations: READ_ONLY,
    },
    async (query, extra) => result(await access.getRecords(client(extra), query)),
  );

  server.registerTool(
    "get_interest_profile",
    {
      title: "Interest profile",
      description: "What the user is into, drawn from what they watched, bought, read and visited across platforms: topics weighted by engagement, with example record ids.",
      annotations: READ_ONLY,
    },
    async (extra) => result(await access.profile(client(extra))),
  );

  server.registerTool(
    "recommend",
    {
      title: "Recommendations",
      description: 'Recommendations from the user\'s own data ("something to watch tonight, not too long", "a gift for my sister who likes climbing"), each with its reason and the ids of the records it rests on.',
      inputSchema: { request: z.string().min(1).describe("what the user wants, in their words") },
      annotations: READ_ONLY,
    },
    async ({ request }, extra) => result(await access.recommend(client(extra), request)),
  );

  server.registerTool(
    "list_platforms",
    {
      title: "Platforms and time ranges",
      description: "Which platforms and kinds of records the vault holds, how many, and the first and last time of each.",
      annotations: READ_ONLY,
    },
    async (extra) => result(await access.overview(client(extra))),
  );

  server.registerResource(
    "profile",
    PROFILE_URI,
    { title: "The user's profile", description: "A summary of the user's interests and of what the vault holds, as far as this client may see.", mimeType: "text/markdown" },
    async (uri, extra) => {
      const asker = client(extra);
      const text = profileSummary(await access.profile(asker), await access.overview(asker));
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text }] };
    },
  );
  return server;
}

/** The answer as JSON text, which every client shows, and as structured content. */
function result(value: object): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value, null, 2) }], structuredContent: value as Record<string, unknown> };
}

function profileSummary(profile: InterestProfile & { withheld: { by_rules: number; not_confirmed: number } }, overview: Awaited<ReturnType<VaultAccess["overview"]>>): string {
  const lines = ["# Interests", ""];
  if (profile.interests.length === 0) lines.push("Nothing this client may see says much yet.");
  for (const interest of profile.interests) lines.push(`- ${interest.topic} (weight ${interest.weight}; ${interest.platforms.join(", ")})`);
  lines.push("", "# What the vault holds", "");
  for (const row of overview.platforms) lines.push(`- ${row.platform} ${row.kind}: ${row.records} records, ${row.first?.slice(0, 10) ?? "?"} to ${row.last?.slice(0, 10) ?? "?"}`);
  const { by_rules, not_confirmed } = profile.withheld;
  if (by_rules + not_confirmed > 0) lines.push("", `(${by_rules + not_confirmed} fields stayed in the vault under the user's rules.)`);
  return `${lines.join("\n")}\n`;
}
