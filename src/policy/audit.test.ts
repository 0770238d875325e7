import { describe, expect, it, vi } from "vitest";
import { useTempVault } from "../../test/helpers.js";
import * as audit from "./audit.js";
import { listAudit, recordDisclosure, type Disclosure } from "./audit.js";

const disclosure = (destination: Disclosure["destination"], purpose: string): Disclosure => ({
  destination,
  purpose,
  mode: "privacy-aware",
  autonomy: "intermediate",
  basis: "rule",
  disclosed: [
    { record_id: 1, field: "title", level: 1, categories: [], rule: "default:everything" },
    { record_id: 2, field: "title", level: 1, categories: [], rule: 4 },
  ],
});

describe("the audit log", () => {
  const tempVault = useTempVault();

  it("keeps field names and tags, never values, even when a caller hands them over", async () => {
    const vault = await tempVault();
    const withValue = { ...disclosure("remote-model", "films"), disclosed: [{ record_id: 1, field: "email", level: 3 as const, categories: ["contact" as const], rule: 9, value: "ana@example.com" }] };
    await recordDisclosure(vault, withValue);
    const [entry] = await listAudit(vault);
    expect(entry).toMatchObject({ destination: "remote-model", purpose: "films", basis: "rule", record_count: 1, field_count: 1 });
    expect(entry!.disclosed).toEqual([{ record_id: 1, field: "email", level: 3, categories: ["contact"], rule: 9 }]);
    expect(JSON.stringify(await vault.client.execute("SELECT * FROM audit_log").then((result) => result.rows))).not.toContain("ana@example.com");
  });

  it("lists newest first, by destination, MCP clients together, since a time, up to a limit", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const vault = await tempVault();
      const at = (iso: string) => vi.setSystemTime(new Date(iso));
      at("2026-11-01T10:00:00Z");
      await recordDisclosure(vault, disclosure("remote-model", "a"));
      at("2026-11-02T10:00:00Z");
      await recordDisclosure(vault, disclosure("mcp:claude", "b"));
      at("2026-11-03T10:00:00Z");
      await recordDisclosure(vault, disclosure("mcp:cursor", "c"));
      await recordDisclosure(vault, disclosure("remote-model", "d"));
      const purposes = async (query: audit.AuditQuery) => (await listAudit(vault, query)).map((entry) => entry.purpose);
      expect(await purposes({})).toEqual(["d", "c", "b", "a"]);
      expect(await purposes({ destination: "remote-model" })).toEqual(["d", "a"]);
      expect(await purposes({ destination: "mcp:*" })).toEqual(["c", "b"]);
      expect(await purposes({ destination: "mcp:claude" })).toEqual(["b"]);
      expect(await purposes({ since: new Date("2026-11-02T10:00:00Z") })).toEqual(["d", "c", "b"]);
      expect(await purposes({ limit: 1 })).toEqual(["d"]);
      expect((await listAudit(vault))[0]).toMatchObject({ at: new Date("2026-11-03T10:00:00Z"), record_count: 2, field_count: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("offers no way to change or remove an entry, and the vault refuses to", async () => {
    expect(Object.keys(audit).sort()).toEqual(["listAudit", "recordDisclosure"]);
    const vault = await tempVault();
    await recordDisclosure(vault, disclosure("remote-model", "films"));
    await expect(vault.client.execute("UPDATE audit_log SET purpose = 'nothing'")).rejects.toThrow("append-only");
    await expect(vault.client.execute("DELETE FROM audit_log")).rejects.toThrow("append-only");
    expect((await listAudit(vault)).map((entry) => entry.purpose)).toEqual(["films"]);
  });
});
