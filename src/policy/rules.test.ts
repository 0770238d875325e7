import { describe, expect, it } from "vitest";
import { useTempVault } from "../../test/helpers.js";
import { DEFAULT_RULES, describeRule, listRules, removeRule, resetRules, setRule } from "./rules.js";

describe("sharing rules in the vault", () => {
  const tempVault = useTempVault();

  it("starts with none of the user's rules, the defaults applying", async () => {
    const vault = await tempVault();
    expect(await listRules(vault)).toEqual([]);
    expect(DEFAULT_RULES.map(describeRule)).toEqual([
      "*: everything → allow",
      "builtin: level 3+ → ask",
      "local-model: level 2+ → ask",
      "remote-model: level 2+ → ask",
      "remote-model: level 3+ → deny",
      "mcp:*: level 2+ → ask",
      "mcp:*: level 3+ → deny",
      "export: level 2+ → ask",
    ]);
  });

  it("replaces the rule for the same fields and destination, and adds one for others", async () => {
    const vault = await tempVault();
    const first = await setRule(vault, { destination: "remote-model", category: "health", decision: "ask" });
    const again = await setRule(vault, { destination: "remote-model", category: "health", decision: "deny", note: "never" });
    await setRule(vault, { destination: "local-model", category: "health", decision: "allow" });
    await setRule(vault, { destination: "remote-model", category: "health", minLevel: 2, decision: "allow" });
    expect(again.id).toBe(first.id);
    expect((await listRules(vault)).map((rule) => [rule.id, describeRule(rule), rule.note])).toEqual([
      [first.id, "remote-model: category health → deny", "never"],
      [first.id + 1, "local-model: category health → allow", null],
      [first.id + 2, "remote-model: category health, level 2+ → allow", null],
    ]);
  });

  it("stores every matcher", async () => {
    const vault = await tempVault();
    const rule = await setRule(vault, { destination: "mcp:claude", platform: "gmail", kind: "message", field: "body", category: "communications", minLevel: 1, decision: "ask" });
    expect(await listRules(vault)).toEqual([
      { id: rule.id, destination: "mcp:claude", platform: "gmail", kind: "message", field: "body", category: "communications", minLevel: 1, decision: "ask", note: null, createdAt: expect.any(Date) },
    ]);
  });

  it("refuses destinations, decisions, categories and levels that would never match", async () => {
    const vault = await tempVault();
    await expect(setRule(vault, { destination: "cloud", decision: "deny" })).rejects.toThrow('unknown destination "cloud"');
    await expect(setRule(vault, { destination: "mcp:", decision: "deny" })).rejects.toThrow('unknown destination "mcp:"');
    await expect(setRule(vault, { destination: "export", decision: "maybe" })).rejects.toThrow('unknown decision "maybe"');
    await expect(setRule(vault, { destination: "export", category: "helth", decision: "deny" })).rejects.toThrow('unknown category "helth"');
    await expect(setRule(vault, { destination: "export", minLevel: 4, decision: "deny" })).rejects.toThrow("minimum level must be 0, 1, 2 or 3");
    expect(await listRules(vault)).toEqual([]);
  });

  it("removes one rule, or all of them", async () => {
    const vault = await tempVault();
    const a = await setRule(vault, { destination: "*", field: "body", decision: "deny" });
    await setRule(vault, { destination: "mcp:*", decision: "ask" });
    await setRule(vault, { destination: "export", decision: "allow" });
    expect(await removeRule(vault, a.id)).toBe(true);
    expect(await removeRule(vault, a.id)).toBe(false);
    expect(await resetRules(vault)).toBe(2);
    expect(await listRules(vault)).toEqual([]);
  });
});
