import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { auditCommand } from "../src/cli/commands/audit.js";
import { openVault } from "../src/db/open.js";
import { disclose } from "../src/policy/gateway.js";
import type { StoredRecord } from "../src/vault/queries.js";
import { useTempDir } from "./helpers.js";

/** Runs `ownbase audit …` in-process, with `--db` and `--json` added as main.ts adds them. */
async function ownbaseAudit(args: string[]): Promise<string> {
  let stdout = "";
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true } };
  const program = new Command("ownbase").addCommand(auditCommand(io).option("--db <path-or-url>").option("--json"));
  // Usage errors throw instead of exiting, at every level of subcommands.
  const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) command.exitOverride().configureOutput({ writeOut: io.stdout.write, writeErr: io.stderr.write });
  await program.parseAsync(["audit", ...args], { from: "user" });
  return stdout;
}

const order: StoredRecord = {
  id: 1,
  platform: "amazon",
  kind: "order_item",
  time: null,
  title: "Climbing Chalk Bag",
  url: null,
  natural_key: "o1",
  import_id: null,
  fields: [
    { name: "product_name", value: "Climbing Chalk Bag", level: 1, categories: [], reason: "" },
    { name: "shipping_address", value: "1 Main St Springfield", level: 3, categories: ["location"], reason: "" },
  ],
};

describe("ownbase audit", () => {
  const tempDir = useTempDir();

  async function vaultWithDisclosures() {
    const db = `${tempDir()}/vault.db`;
    const vault = await openVault(db);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-11-01T09:00:00Z"));
      await disclose(vault, { records: [order], destination: "remote-model", purpose: "gift ideas", mode: "privacy-aware", autonomy: "intermediate" });
      vi.setSystemTime(new Date("2026-11-02T09:00:00Z"));
      await disclose(vault, { records: [order], destination: "mcp:claude", purpose: "what did I buy", mode: "privacy-aware", autonomy: "intermediate" });
      vi.setSystemTime(new Date("2026-11-03T09:00:00Z"));
      await disclose(vault, { records: [order], destination: "local-model", purpose: "pack for a trip", mode: "privacy-aware", autonomy: "none", confirm: async () => "approve-all" });
    } finally {
      vi.useRealTimers();
      vault.close();
    }
    return db;
  }

  it("says so when nothing has been disclosed", async () => {
    expect(await ownbaseAudit(["--db", `${tempDir()}/vault.db`])).toBe("nothing has been disclosed\n");
  });

  it("shows what went where, on whose say, with field names and levels but no values", async () => {
    const db = await vaultWithDisclosures();
    const text = await ownbaseAudit(["--db", db]);
    expect(text.split("\n").slice(0, 2)).toEqual([
      "2026-11-03T09:00:00.000Z  local-model  2 fields of 1 records  by confirmation  (privacy-aware mode, none autonomy)  pack for a trip",
      "    product_name [1], shipping_address [3]",
    ]);
    const json = await ownbaseAudit(["--db", db, "--json"]);
    for (const output of [text, json]) {
      expect(output).not.toContain("Chalk");
      expect(output).not.toContain("Main St");
    }
    expect(JSON.parse(json).map((entry: { destination: string; disclosed: { field: string }[] }) => [entry.destination, entry.disclosed.map((field) => field.field)])).toEqual([
      ["local-model", ["product_name", "shipping_address"]],
      ["mcp:claude", ["product_name"]],
      ["remote-model", ["product_name"]],
    ]);
  });

  it("filters by destination, MCP clients together, by date and by number", async () => {
    const db = await vaultWithDisclosures();
    const purposes = async (...args: string[]) => JSON.parse(await ownbaseAudit(["--db", db, "--json", ...args])).map((entry: { purpose: string }) => entry.purpose);
    expect(await purposes("--destination", "remote-model")).toEqual(["gift ideas"]);
    expect(await purposes("--destination", "mcp:*")).toEqual(["what did I buy"]);
    expect(await purposes("--since", "2026-11-02")).toEqual(["pack for a trip", "what did I buy"]);
    expect(await purposes("--limit", "1")).toEqual(["pack for a trip"]);
    await expect(ownbaseAudit(["--db", db, "--since", "last week"])).rejects.toThrow("must be a date");
  });
});
