import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, describe, expect, it } from "vitest";
import { listAudit } from "../src/policy/audit.js";
import { setRule } from "../src/policy/rules.js";
import { args as ownbaseArgs } from "./cli.js";
import { useTempVault } from "./helpers.js";
import { answerOf, ASKED, DENIED, expectNoneOf, mcpClient, seedMcpVault, tickEverything } from "./mcp-fixture.js";

const newVault = useTempVault();
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) await client.close();
});

/** `ownbase mcp` started by an SDK client, as a desktop assistant starts it. */
async function connect(vault: { path: string; dir: string }, client: ReturnType<typeof mcpClient>["client"], extra: string[] = []) {
  const env = Object.fromEntries(Object.entries({ ...process.env, OWNBASE_HOME: vault.dir }).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const transport = new StdioClientTransport({ command: process.execPath, args: ownbaseArgs(["mcp", "--db", vault.path, ...extra]), env, stderr: "pipe" });
  await client.connect(transport);
  open.push(client);
  return client;
}

async function seeded() {
  const vault = await newVault();
  return { vault, ids: await seedMcpVault(vault) };
}

describe("ownbase mcp over stdio", () => {
  it("answers a client with no rules by the defaults: allowed fields arrive, denied and asked ones never without a way to ask", async () => {
    const { vault, ids } = await seeded();
    const client = await connect(vault, mcpClient("Plain Assistant").client);

    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(["get_interest_profile", "get_records", "list_platforms", "recommend", "search"]);
    const found = answerOf(await client.callTool({ name: "search", arguments: { query: "climbing" } }));
    const freeSolo = found.records.find((record: { id: number }) => record.id === ids.v1);
    expect(freeSolo.fields).toEqual({ title: "Free Solo", genre: "climbing documentary" });
    expect(found.withheld.by_rules).toBeGreaterThan(0);
    expect(found.withheld.not_confirmed).toBeGreaterThan(0);

    const records = answerOf(await client.callTool({ name: "get_records", arguments: { ids: Object.values(ids) } }));
    expect(records.records.map((record: { id: number }) => record.id).sort()).toEqual(Object.values(ids).sort());
    const picks = answerOf(await client.callTool({ name: "recommend", arguments: { request: "a birthday gift for my sister who likes climbing" } }));
    expect(picks.recommendations.map((pick: { title: string }) => pick.title)).toContain("Climbing chalk bag");
    const profile = answerOf(await client.callTool({ name: "get_interest_profile", arguments: {} }));
    expect(profile.interests[0]).toMatchObject({ topic: "climbing", platforms: ["amazon", "netflix"] });
    const platforms = answerOf(await client.callTool({ name: "list_platforms", arguments: {} }));
    expect(platforms.platforms).toContainEqual({ platform: "netflix", kind: "viewing", records: 2, first: "2026-10-01T20:00:00.000Z", last: "2026-10-08T20:00:00.000Z" });
    const resource = await client.readResource({ uri: "ownbase://profile" });
    expect(resource.contents[0]!.text).toMatch(/- climbing \(weight \d+; amazon, netflix\)/);

    expectNoneOf([ASKED, ...DENIED], [found, records, picks, profile, platforms, resource]);
    // Every answer was logged under the client's destination, with field names and no values.
    const audit = await listAudit(vault, { destination: "mcp:plain-assistant" });
    expect(new Set(audit.map((entry) => entry.purpose))).toEqual(
      new Set(["search results", "records asked for by id", "recommendations (buy-gift)", "interest profile", "overview: platforms, kinds, record counts and time ranges"]),
    );
    const fields = audit.flatMap((entry) => entry.disclosed.map((field) => field.field));
    expect(fields).toContain("genre");
    expect(fields).not.toContain("comment");
    expect(fields).not.toContain("secret_health");
    expectNoneOf([ASKED, ...DENIED], audit);
  }, 30_000);

  it("sends an asked field once the user ticks it in the client's form, and never a denied one", async () => {
    const { vault, ids } = await seeded();
    const { client, forms } = mcpClient("desk", tickEverything);
    await connect(vault, client);
    const answer = answerOf(await client.callTool({ name: "get_records", arguments: { ids: [ids.v1, ids.o1] } }));

    expect(answer.records.find((record: { id: number }) => record.id === ids.v1).fields.comment).toBe(`${ASKED} loved it`);
    expectNoneOf(DENIED, answer);
    // The form named the field and its record, not what it holds.
    expect(forms).toHaveLength(1);
    expect(JSON.stringify(forms[0])).toContain(`#${ids.v1} netflix viewing: comment`);
    expectNoneOf([ASKED, ...DENIED, "Free Solo"], forms);
    const confirmed = (await listAudit(vault, { destination: "mcp:desk" })).find((entry) => entry.basis === "confirmation");
    expect(confirmed?.disclosed.map((field) => [field.record_id, field.field])).toEqual([[ids.v1, "comment"]]);
  }, 30_000);

  it("keeps an asked field home when the user declines the form, or does not answer in time", async () => {
    const { vault, ids } = await seeded();
    const declining = mcpClient("decliner", () => ({ action: "decline" }));
    await connect(vault, declining.client);
    const declined = answerOf(await declining.client.callTool({ name: "get_records", arguments: { ids: [ids.v1] } }));
    expect(declining.forms).toHaveLength(1);
    expect(declined.records[0].fields).toEqual({ title: "Free Solo", genre: "climbing documentary" });
    expect(declined.withheld).toEqual({ by_rules: 1, not_confirmed: 1 });

    const silent = mcpClient("sleeper", () => new Promise(() => {}));
    await connect(vault, silent.client, ["--confirm-timeout", "1"]);
    const timedOut = answerOf(await silent.client.callTool({ name: "get_records", arguments: { ids: [ids.v1] } }));
    expect(timedOut.withheld).toEqual({ by_rules: 1, not_confirmed: 1 });
    expectNoneOf([ASKED, ...DENIED], [declined, timedOut]);
    expect((await listAudit(vault, { destination: "mcp:sleeper" })).filter((entry) => entry.basis === "confirmation")).toEqual([]);
  }, 30_000);

  it("follows the user's rules for the client by name, and does not let search tell what a hidden field holds", async () => {
    const { vault, ids } = await seeded();
    await setRule(vault, { destination: "mcp:ruled", platform: "amazon", decision: "deny" });
    await setRule(vault, { destination: "mcp:ruled", field: "comment", decision: "allow" });
    const client = await connect(vault, mcpClient("ruled").client);

    const answer = answerOf(await client.callTool({ name: "get_records", arguments: { ids: Object.values(ids) } }));
    expect(answer.records.map((record: { platform: string }) => record.platform)).not.toContain("amazon");
    expect(answer.records.find((record: { id: number }) => record.id === ids.v1).fields.comment).toBe(`${ASKED} loved it`);
    const platforms = answerOf(await client.callTool({ name: "list_platforms", arguments: {} }));
    expect(platforms.platforms.map((row: { platform: string }) => row.platform)).not.toContain("amazon");
    // "diabetes" is only in a denied field: a hit would say so.
    expect(answerOf(await client.callTool({ name: "search", arguments: { query: "diabetes" } })).records).toEqual([]);
    expect(answerOf(await client.callTool({ name: "search", arguments: { query: "zebra" } })).records.map((record: { id: number }) => record.id)).toEqual([ids.v1]);
    expectNoneOf(DENIED, [answer, platforms]);
  }, 30_000);
});
