import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ElicitRequestSchema, type ElicitRequest, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { seedVault } from "../bench/agent-scenarios.js";
import type { BenchRecord } from "../bench/search-records.js";
import type { Vault } from "../src/db/open.js";
import { args as ownbaseArgs } from "./cli.js";

/**
 * Values planted in fields the default rules keep from MCP clients: level 2 (asked about) and
 * level 3 (denied). An answer is searched for them byte by byte.
 */
export const ASKED = "ZEBRA-ASKED-7731";
export const DENIED = ["QUOKKA-DENIED-4410", "12 Main Street, Springfield", "diabetes"];

export const RECORDS: BenchRecord[] = [
  { platform: "netflix", kind: "viewing", key: "v1", time: "2026-10-01T20:00:00Z", title: "Free Solo", fields: { title: "Free Solo", genre: "climbing documentary", comment: `${ASKED} loved it`, secret_health: `${DENIED[0]} ${DENIED[2]}` } },
  { platform: "netflix", kind: "viewing", key: "v2", time: "2026-10-08T20:00:00Z", title: "Free Solo", fields: { title: "Free Solo", genre: "climbing documentary" } },
  { platform: "amazon", kind: "order_item", key: "o1", time: "2026-09-15T10:00:00Z", title: "Climbing harness", fields: { product: "Climbing harness", shipping_address: DENIED[1]! } },
  { platform: "netflix", kind: "list_item", key: "l1", time: "2026-10-10T10:00:00Z", title: "The Dawn Wall", fields: { title: "The Dawn Wall", list: "My List", genre: "climbing documentary" } },
  { platform: "amazon", kind: "list_item", key: "l2", time: "2026-10-11T10:00:00Z", title: "Climbing chalk bag", fields: { product: "Climbing chalk bag", list: "Wish List" } },
];

/** Imports the records; returns each one's id by its key. */
export function seedMcpVault(vault: Vault & { dir: string }): Promise<Record<string, number>> {
  return seedVault(vault, vault.dir, RECORDS);
}

/** Every byte a client received, to search for planted values. */
export function bytesOf(answer: unknown): string {
  return JSON.stringify(answer);
}

export function expectNoneOf(values: string[], answer: unknown): void {
  const text = bytesOf(answer);
  for (const value of values) if (text.includes(value)) throw new Error(`the answer holds "${value}": ${text.slice(0, 2000)}`);
}

/** The JSON a tool answered. */
export function answerOf(result: Awaited<ReturnType<Client["callTool"]>>): any {
  const [first] = result.content as { type: string; text: string }[];
  if (result.isError) throw new Error(`tool failed: ${first?.text}`);
  return JSON.parse(first!.text);
}

/**
 * An MCP client from the SDK, named as a user's assistant would be. With `elicit`, it declares
 * form elicitation and answers each form with it; the forms it was shown are kept.
 */
export function mcpClient(name: string, elicit?: (request: ElicitRequest) => Promise<ElicitResult> | ElicitResult) {
  const client = new Client({ name, version: "1.0.0" }, { capabilities: elicit ? { elicitation: { form: {} } } : {} });
  const forms: ElicitRequest[] = [];
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      forms.push(request);
      return elicit(request);
    });
  }
  return { client, forms };
}

/** Ticks every field a form asks about. */
export function tickEverything(request: ElicitRequest): ElicitResult {
  const schema = (request.params as { requestedSchema: { properties: Record<string, unknown> } }).requestedSchema;
  return { action: "accept", content: Object.fromEntries(Object.keys(schema.properties).map((key) => [key, true])) };
}

/** `ownbase serve` on the vault, as a user runs it, its data folder beside the vault: the printed link's origin and token. */
export async function serveVault(vault: { dir: string; path: string }) {
  const server = spawn(process.execPath, ownbaseArgs(["serve", "--port", "0", "--db", vault.path]), { env: { ...process.env, OWNBASE_HOME: vault.dir }, stdio: ["ignore", "pipe", "pipe"] });
  const { value: line } = await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next();
  const link = new URL(/open (http:\/\/\S+)/.exec(String(line))![1]!);
  return { link, origin: link.origin, token: link.searchParams.get("token")!, stop: () => server.kill("SIGTERM") };
}
