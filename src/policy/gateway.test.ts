import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Importer } from "../../importers/types.js";
import { useTempVault } from "../../test/helpers.js";
import { importInputs } from "../import/run.js";
import type { SensitivityLevel } from "../sensitivity/levels.js";
import { listRecords, type StoredField, type StoredRecord } from "../vault/queries.js";
import { listAudit } from "./audit.js";
import type { PendingConfirmation } from "./confirm.js";
import { disclose } from "./gateway.js";
import { setRule } from "./rules.js";
import type { Autonomy, Destination, Mode } from "./types.js";

function field(name: string, value: StoredField["value"], level: SensitivityLevel, categories: StoredField["categories"] = []): StoredField {
  return { name, value, level, categories, reason: "test" };
}

function record(id: number, fields: StoredField[], extra: Partial<StoredRecord> = {}): StoredRecord {
  return { id, platform: "test", kind: "item", time: "2026-01-02T03:04:05.000Z", title: null, url: null, natural_key: `k${id}`, import_id: null, fields, ...extra };
}

/** One field of each level; the values are what must or must not appear in payloads. */
const levels = record(1, [field("f0", "public-value", 0), field("f1", "personal-value", 1), field("f2", "sensitive-value", 2), field("f3", "secret-value", 3)]);

/** Reads `NOTES` files: a note per line, `subject;home address`, the address highly sensitive. */
const notesImporter: Importer = {
  id: "test.notes",
  platform: "notes",
  title: "Test notes",
  detect: (sample) => (sample.head.subarray(0, 6).toString() === "NOTES\n" ? 1 : 0),
  fieldSensitivity: { home_address: { level: 3, categories: ["location"], reason: "home address" } },
  async *read(file) {
    let text = "";
    for await (const chunk of file.open()) text += chunk.toString();
    for (const line of text.split("\n").slice(1).filter(Boolean)) {
      const [subject, address] = line.split(";");
      yield { type: "record", kind: "note", naturalKey: line, time: null, title: subject!, fields: { subject, home_address: address } };
    }
  },
};
vi.mock("../../importers/index.js", () => ({ importers: [] }));

type Outcomes = Record<Destination, string>;
const send4 = "send send send send";
const confirm4 = "confirm confirm confirm confirm";
const withhold4 = "withhold withhold withhold withhold";
const same = (outcome: string): Outcomes => ({ builtin: outcome, "local-model": outcome, "remote-model": outcome, "mcp:claude": outcome, export: outcome });

/** What happens to fields of level 0, 1, 2, 3 with only the default rules, written out by hand. */
const EXPECTED: Record<Mode, Record<Autonomy, Outcomes>> = {
  none: { none: same(withhold4), intermediate: same(withhold4), full: same(withhold4) },
  "privacy-aware": {
    none: {
      builtin: confirm4,
      "local-model": confirm4,
      "remote-model": "confirm confirm confirm withhold",
      "mcp:claude": "confirm confirm confirm withhold",
      export: confirm4,
    },
    intermediate: {
      builtin: "send send send confirm",
      "local-model": "send send confirm confirm",
      "remote-model": "send send confirm withhold",
      "mcp:claude": "send send confirm withhold",
      export: "send send confirm confirm",
    },
    full: {
      builtin: send4,
      "local-model": send4,
      "remote-model": "send send send withhold",
      "mcp:claude": "send send send withhold",
      export: send4,
    },
  },
  basic: { none: same(confirm4), intermediate: same(send4), full: same(send4) },
};

describe("disclosing through the gateway", () => {
  const tempVault = useTempVault();

  it("sends, asks about or withholds each level for every destination, mode and autonomy, as the defaults say", async () => {
    const vault = await tempVault();
    for (const [mode, byAutonomy] of Object.entries(EXPECTED) as [Mode, Record<Autonomy, Outcomes>][]) {
      for (const [autonomy, byDestination] of Object.entries(byAutonomy) as [Autonomy, Outcomes][]) {
        for (const [destination, expected] of Object.entries(byDestination) as [Destination, string][]) {
          const asked: string[] = [];
          const { payload } = await disclose(vault, {
            records: [levels],
            destination,
            purpose: "table test",
            mode,
            autonomy,
            confirm: async (pending) => (asked.push(...pending.items.map((item) => item.field)), "refuse"),
          });
          const sent = Object.keys(payload[0]?.fields ?? {});
          const outcomes = levels.fields.map((f) => (sent.includes(f.name) ? "send" : asked.includes(f.name) ? "confirm" : "withhold"));
          expect(outcomes.join(" "), `${mode} mode, ${autonomy} autonomy, ${destination}`).toBe(expected);
        }
      }
    }
  });

  it("sends imported records to a remote model without what the importer tagged highly sensitive", async () => {
    const vault = await tempVault();
    const file = join(vault.dir, "notes.txt");
    writeFileSync(file, "NOTES\nParty at mine;12 Elm Road\nBook club;12 Elm Road\n");
    await importInputs(vault, [file], { importers: [notesImporter] });
    const records = await listRecords(vault.db);
    const { payload, audit } = await disclose(vault, { records, destination: "remote-model", purpose: "plan my week", mode: "privacy-aware", autonomy: "full" });
    expect(payload.map((item) => [item.title, item.fields])).toEqual([
      ["Party at mine", { subject: "Party at mine" }],
      ["Book club", { subject: "Book club" }],
    ]);
    expect(JSON.stringify(payload)).not.toContain("Elm Road");
    expect(audit).toMatchObject([{ basis: "rule", record_count: 2, field_count: 2 }]);
  });

  it("sends asked fields the user approves, and only those", async () => {
    const vault = await tempVault();
    const other = record(2, [field("note", "other-sensitive", 2)]);
    const { payload, audit } = await disclose(vault, {
      records: [levels, other],
      destination: "remote-model",
      purpose: "suggest a film",
      mode: "privacy-aware",
      autonomy: "intermediate",
      // f3 is denied for remote models: approving it cannot smuggle it in.
      confirm: async () => ({ approve: [{ record_id: 1, field: "f2" }, { record_id: 1, field: "f3" }] }),
    });
    expect(payload.map((item) => [item.id, item.fields])).toEqual([[1, { f0: "public-value", f1: "personal-value", f2: "sensitive-value" }]]);
    expect(audit.map((entry) => [entry.basis, entry.disclosed.map((item) => item.field)])).toEqual([
      ["rule", ["f0", "f1"]],
      ["confirmation", ["f2"]],
    ]);
  });

  it("never lets a denied field's value into the payload, not even through the title or url", async () => {
    const vault = await tempVault();
    await setRule(vault, { destination: "*", field: "subject", decision: "deny" });
    const message = record(
      3,
      [field("subject", "Biopsy results", 1), field("from", "clinic@example.com", 2, ["contact"]), field("body", "All clear", 2, ["communications"])],
      { title: "Biopsy results", url: "https://mail.example.com/Biopsy results" },
    );
    for (const mode of ["privacy-aware", "basic"] as const) {
      for (const autonomy of ["none", "intermediate", "full"] as const) {
        const { payload } = await disclose(vault, { records: [message], destination: "local-model", purpose: "test", mode, autonomy, confirm: async () => "approve-all" });
        expect(payload).toHaveLength(1);
        expect(JSON.stringify(payload)).not.toContain("Biopsy");
        expect(payload[0]).toMatchObject({ title: null, url: null, fields: { from: "clinic@example.com", body: "All clear" } });
      }
    }
  });

  it("sends a title that is the value of a sent field, or of a record sent whole; else none", async () => {
    const vault = await tempVault();
    const viewing = record(4, [field("title", "Dune", 1), field("ip_address", "203.0.113.9", 3, ["location"])], { title: "Dune" });
    const account = record(5, [field("email", "ana@example.com", 3, ["contact"]), field("plan", "Premium", 1)], { title: "Netflix account" });
    const remote = await disclose(vault, { records: [viewing, account], destination: "remote-model", purpose: "test", mode: "privacy-aware", autonomy: "full" });
    expect(remote.payload.map((item) => [item.title, item.fields])).toEqual([
      ["Dune", { title: "Dune" }],
      [null, { plan: "Premium" }],
    ]);
    const builtin = await disclose(vault, { records: [account], destination: "builtin", purpose: "test", mode: "privacy-aware", autonomy: "full" });
    expect(builtin.payload[0]).toMatchObject({ title: "Netflix account", time: "2026-01-02T03:04:05.000Z" });
  });

  it("withholds asked fields when there is no way to ask", async () => {
    const vault = await tempVault();
    const { payload, audit } = await disclose(vault, { records: [levels], destination: "local-model", purpose: "test", mode: "privacy-aware", autonomy: "intermediate" });
    expect(payload[0]!.fields).toEqual({ f0: "public-value", f1: "personal-value" });
    expect(audit).toHaveLength(1);
  });

  it("asks once, naming the records and the purpose", async () => {
    const vault = await tempVault();
    const asked: PendingConfirmation[] = [];
    const viewing = record(4, [field("title", "Dune", 1), field("profile", "Ana", 2)], { title: "Dune" });
    await disclose(vault, {
      records: [levels, viewing],
      destination: "mcp:claude",
      purpose: "recommend a film",
      mode: "privacy-aware",
      autonomy: "intermediate",
      confirm: async (pending) => (asked.push(pending), "refuse"),
    });
    expect(asked).toEqual([
      {
        destination: "mcp:claude",
        purpose: "recommend a film",
        items: [
          { record_id: 1, record_title: null, field: "f2", level: 2, categories: [], destination: "mcp:claude" },
          { record_id: 4, record_title: "Dune", field: "profile", level: 2, categories: [], destination: "mcp:claude" },
        ],
      },
    ]);
  });

  it("logs what went, by basis, with names and tags but no values; nothing when nothing went", async () => {
    const vault = await tempVault();
    await disclose(vault, { records: [levels], destination: "remote-model", purpose: "nothing", mode: "none", autonomy: "full" });
    expect(await listAudit(vault)).toEqual([]);

    await disclose(vault, { records: [levels], destination: "remote-model", purpose: "plan a trip", mode: "basic", autonomy: "intermediate" });
    const entries = await listAudit(vault);
    expect(JSON.stringify(entries)).not.toMatch(/-value/);
    expect(entries.map((entry) => [entry.basis, entry.disclosed])).toEqual([
      [
        "mode",
        [
          { record_id: 1, field: "f2", level: 2, categories: [], rule: "default:sensitive-remote-model" },
          { record_id: 1, field: "f3", level: 3, categories: [], rule: "default:highly-sensitive-remote-model" },
        ],
      ],
      [
        "rule",
        [
          { record_id: 1, field: "f0", level: 0, categories: [], rule: "default:everything" },
          { record_id: 1, field: "f1", level: 1, categories: [], rule: "default:everything" },
        ],
      ],
    ]);
    expect(entries[0]).toMatchObject({ destination: "remote-model", purpose: "plan a trip", mode: "basic", autonomy: "intermediate", record_count: 1, field_count: 2 });
  });

  it("discloses nothing and logs nothing when asking fails", async () => {
    const vault = await tempVault();
    const request = { records: [levels], destination: "local-model" as const, purpose: "test", mode: "privacy-aware" as const, autonomy: "intermediate" as const };
    await expect(disclose(vault, { ...request, confirm: async () => Promise.reject(new Error("UI closed")) })).rejects.toThrow("UI closed");
    expect(await listAudit(vault)).toEqual([]);
  });

  it("refuses wildcard or unknown destinations, modes and autonomy levels from callers that bypass the types", async () => {
    const vault = await tempVault();
    const request = { records: [levels], destination: "local-model" as Destination, purpose: "test", mode: "basic" as Mode, autonomy: "full" as Autonomy };
    await expect(disclose(vault, { ...request, destination: "mcp:*" })).rejects.toThrow('unknown destination "mcp:*"');
    await expect(disclose(vault, { ...request, destination: "*" as Destination })).rejects.toThrow('unknown destination "*"');
    await expect(disclose(vault, { ...request, mode: "all" as Mode })).rejects.toThrow('unknown mode "all"');
    await expect(disclose(vault, { ...request, autonomy: "max" as Autonomy })).rejects.toThrow('unknown autonomy "max"');
  });
});
