import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { rulesCommand } from "../src/cli/commands/rules.js";
import { openVault } from "../src/db/open.js";
import { disclose } from "../src/policy/gateway.js";
import { useTempDir } from "./helpers.js";

/** Runs `ownbase rules …` in-process, with `--db` and `--json` added as main.ts adds them. */
async function ownbaseRules(args: string[]): Promise<string> {
  let stdout = "";
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true } };
  const program = new Command("ownbase").addCommand(rulesCommand(io).option("--db <path-or-url>").option("--json"));
  // Usage errors throw instead of exiting, at every level of subcommands.
  const everyCommand = (command: Command): Command[] => [command, ...command.commands.flatMap(everyCommand)];
  for (const command of everyCommand(program)) command.exitOverride().configureOutput({ writeOut: io.stdout.write, writeErr: io.stderr.write });
  await program.parseAsync(["rules", ...args], { from: "user" });
  return stdout;
}

describe("ownbase rules", () => {
  const tempDir = useTempDir();

  it("sets a rule that the gateway then follows, even in basic mode with full autonomy", async () => {
    const db = `${tempDir()}/vault.db`;
    const rule = JSON.parse(await ownbaseRules(["set", "--db", db, "--json", "--destination", "remote-model", "--category", "health", "--decision", "deny"]));
    expect(rule).toMatchObject({ id: 1, destination: "remote-model", category: "health", decision: "deny", platform: null, minLevel: null });

    const vault = await openVault(db);
    try {
      const record = { id: 1, platform: "email", kind: "message", time: null, title: null, url: null, natural_key: "m1", import_id: null };
      const fields = [
        { name: "subject", value: "Lunch", level: 1 as const, categories: [], reason: "" },
        { name: "body", value: "my diagnosis", level: 1 as const, categories: ["health" as const], reason: "" },
      ];
      const { payload } = await disclose(vault, { records: [{ ...record, fields }], destination: "remote-model", purpose: "test", mode: "basic", autonomy: "full" });
      expect(payload[0]!.fields).toEqual({ subject: "Lunch" });
    } finally {
      vault.close();
    }
  });

  it("lists the user's rules and the defaults, as text and as JSON", async () => {
    const db = `${tempDir()}/vault.db`;
    await ownbaseRules(["set", "--db", db, "--destination", "mcp:*", "--platform", "gmail", "--kind", "message", "--field", "body", "--min-level", "1", "--decision", "ask", "--note", "mail stays mine"]);
    const text = await ownbaseRules(["list", "--db", db]);
    expect(text).toContain("#1     mcp:*: platform gmail, kind message, field body, level 1+ → ask  (mail stays mine)\n");
    expect(text).toContain("default:highly-sensitive-remote-model remote-model: level 3+ → deny");
    const listed = JSON.parse(await ownbaseRules(["list", "--db", db, "--json"]));
    expect(listed.rules).toEqual([
      { id: 1, destination: "mcp:*", platform: "gmail", kind: "message", field: "body", category: null, minLevel: 1, decision: "ask", note: "mail stays mine", createdAt: expect.any(String) },
    ]);
    expect(listed.defaults).toHaveLength(8);
  });

  it("replaces a rule set again for the same fields and destination", async () => {
    const db = `${tempDir()}/vault.db`;
    await ownbaseRules(["set", "--db", db, "--destination", "export", "--min-level", "3", "--decision", "deny"]);
    await ownbaseRules(["set", "--db", db, "--destination", "export", "--min-level", "3", "--decision", "allow"]);
    expect(JSON.parse(await ownbaseRules(["list", "--db", db, "--json"])).rules).toEqual([expect.objectContaining({ id: 1, decision: "allow" })]);
  });

  it("removes a rule, then resets to the defaults", async () => {
    const db = `${tempDir()}/vault.db`;
    await ownbaseRules(["set", "--db", db, "--destination", "*", "--field", "ip_address", "--decision", "deny"]);
    await ownbaseRules(["set", "--db", db, "--destination", "local-model", "--decision", "allow"]);
    await ownbaseRules(["set", "--db", db, "--destination", "builtin", "--decision", "allow"]);
    expect(await ownbaseRules(["remove", "1", "--db", db])).toBe("removed rule #1\n");
    await expect(ownbaseRules(["remove", "1", "--db", db])).rejects.toThrow("no rule #1");
    expect(JSON.parse(await ownbaseRules(["reset", "--db", db, "--json"]))).toEqual({ removed: 2 });
    expect(await ownbaseRules(["list", "--db", db])).toMatch(/^You have no rules of your own\.\n\nDefaults/);
  });

  it("refuses rules that would never match", async () => {
    const db = `${tempDir()}/vault.db`;
    await expect(ownbaseRules(["set", "--db", db, "--destination", "remote-model", "--category", "helth", "--decision", "deny"])).rejects.toThrow('unknown category "helth"');
    await expect(ownbaseRules(["set", "--db", db, "--destination", "cloud", "--decision", "deny"])).rejects.toThrow('unknown destination "cloud"');
    await expect(ownbaseRules(["set", "--db", db, "--destination", "export", "--min-level", "4", "--decision", "deny"])).rejects.toThrow("must be 0, 1, 2 or 3");
    await expect(ownbaseRules(["set", "--db", db, "--destination", "export"])).rejects.toThrow("--decision <decision>");
    expect(JSON.parse(await ownbaseRules(["list", "--db", db, "--json"])).rules).toEqual([]);
  });
});
