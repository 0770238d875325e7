import { describe, expect, it, vi } from "vitest";
import { seedVault } from "../../bench/agent-scenarios.js";
import { useTempVault } from "../../test/helpers.js";
import { forget } from "../vault/forget.js";
import { VaultAccess } from "./access.js";

vi.mock("../../importers/index.js", () => ({ importers: [] }));

describe("an MCP client's access", () => {
  const newVault = useTempVault();

  it("gets nothing of records the user forgot while it waited for a confirmation", async () => {
    const vault = await newVault();
    const ids = await seedVault(vault, vault.dir, [
      { platform: "notes", kind: "note", key: "n1", time: "2026-10-01T10:00:00Z", title: "Chalk", fields: { title: "Chalk", comment: "bought for Anna" } },
    ]);
    const access = new VaultAccess(vault);
    const client = {
      destination: "mcp:test" as const,
      // The user forgets the notes, then, in the dialog still open, approves everything.
      askUser: async () => {
        await forget(vault, { platform: "notes" });
        return "approve-all" as const;
      },
    };
    const shared = await access.getRecords(client, { ids: [ids.n1!] });
    expect(shared.records).toEqual([]);
  });
});
