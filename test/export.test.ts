import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { importInputs } from "../src/import/run.js";
import { listAudit } from "../src/policy/audit.js";
import { setRule } from "../src/policy/rules.js";
import { CSV_COLUMNS, exportVault, type ExportOptions } from "../src/vault/export.js";
import { listRecords } from "../src/vault/queries.js";
import { ownbase } from "./cli.js";
import { fixture } from "./fixtures.js";
import { useTempVault } from "./helpers.js";

type TestVault = Awaited<ReturnType<ReturnType<typeof useTempVault>>>;

interface ExportedRecord {
  id: number;
  platform: string;
  fields: { name: string; value: unknown; level: number; categories: string[] }[];
}

async function exported(vault: TestVault, options: Partial<ExportOptions> = {}) {
  let text = "";
  const report = await exportVault(vault, { write: (chunk: string) => (text += chunk) }, { format: "jsonl", ...options });
  return { report, text, lines: text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as ExportedRecord) };
}

const fieldIds = (lines: ExportedRecord[]) => lines.flatMap((record) => record.fields.map((field) => `${record.id}.${field.name}`)).sort();

describe("export", () => {
  const tempVault = useTempVault();

  it("writes what the export rules allow, leaves out asked fields unless approved and denied ones always, and audits every page", async () => {
    const vault = await tempVault();
    await importInputs(vault, [fixture("netflix"), fixture("mbox", "gmail.mbox")]);
    const stored = await listRecords(vault.db, { limit: 100_000 });
    const all = stored.flatMap((record) => record.fields.map((field) => ({ id: `${record.id}.${field.name}`, level: field.level, record })));
    const low = all.filter((field) => field.level <= 1);
    const high = all.filter((field) => field.level >= 2);
    expect(high.length).toBeGreaterThan(10);

    // By default level 2 and 3 are asked about for export: without approval they stay home.
    const plain = await exported(vault, { pageSize: 7 });
    expect(fieldIds(plain.lines)).toEqual(low.map((field) => field.id).sort());
    expect(plain.report).toMatchObject({ fields: low.length, left_out: { asked: high.length, denied: 0 } });
    expect(plain.report.records + plain.report.records_left_out).toBe(stored.length);
    const audit = await listAudit(vault, { destination: "export", limit: 10_000 });
    expect(audit.length).toBe(plain.report.audit_entries);
    expect(audit.length).toBeGreaterThanOrEqual(Math.ceil(stored.length / 7) - plain.report.records_left_out);
    expect(audit.reduce((sum, entry) => sum + entry.field_count, 0)).toBe(low.length);
    // Tags come along with each value.
    const sample = low[0]!;
    const line = plain.lines.find((record) => record.id === sample.record.id)!;
    const field = sample.record.fields.find((candidate) => `${sample.record.id}.${candidate.name}` === sample.id)!;
    expect(line.fields).toContainEqual({ name: field.name, value: field.value, level: field.level, categories: field.categories });

    // Approving one asked field lets that one out; approving all, every field the rules do not deny.
    const one = high[0]!.id;
    expect(fieldIds((await exported(vault, { approve: [one] })).lines)).toEqual([...low.map((field) => field.id), one].sort());
    const denied = high.find((field) => field.record.platform === "gmail")!;
    const deniedName = denied.id.split(".").slice(1).join(".");
    await setRule(vault, { destination: "export", platform: "gmail", field: deniedName, decision: "deny" });
    const everything = await exported(vault, { approve: "all" });
    const deniedIds = all.filter((field) => field.record.platform === "gmail" && field.id.endsWith(`.${deniedName}`)).map((field) => field.id);
    expect(fieldIds(everything.lines)).toEqual(all.map((field) => field.id).filter((id) => !deniedIds.includes(id)).sort());
    expect(everything.report.left_out).toEqual({ asked: 0, denied: deniedIds.length });

    // Filters, and the same output whatever the page size.
    const netflix = await exported(vault, { platform: "netflix", kind: "viewing" });
    expect(netflix.lines.length).toBeGreaterThan(5);
    expect(netflix.lines.every((record) => record.platform === "netflix")).toBe(true);
    expect((await exported(vault, { platform: "netflix", kind: "viewing", pageSize: 3 })).text).toBe(netflix.text);
  });

  it("writes CSV as one row per field, with formulas defused", async () => {
    const vault = await tempVault();
    await importInputs(vault, [fixture("netflix", "NetflixViewingHistory-UK.csv")]);
    await vault.client.execute("INSERT INTO records (id, platform, kind, natural_key, title, importer) VALUES (900, 'notes', 'note', 'n1', '=HYPERLINK(\"http://x\")', 'test')");
    await vault.client.execute({ sql: "INSERT INTO fields (record_id, name, value, level, categories, reason) VALUES (900, 'text', ?, 0, '[]', 'test')", args: [JSON.stringify('line one\nline "two", three')] });

    let text = "";
    const report = await exportVault(vault, { write: (chunk: string) => (text += chunk) }, { format: "csv" });
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(rows.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(rows.data.length).toBe(report.fields);
    expect(rows.data.find((row) => row.record_id === "900")).toMatchObject({ title: `'=HYPERLINK("http://x")`, field: "text", value: 'line one\nline "two", three', level: "0" });
    const viewing = rows.data.find((row) => row.platform === "netflix")!;
    expect(viewing).toMatchObject({ kind: "viewing", level: expect.stringMatching(/^[01]$/) });
  });

  it("ownbase export writes a private file and reports on stdout, or streams to stdout and reports on stderr", async () => {
    const vault = await tempVault();
    await importInputs(vault, [fixture("netflix", "NetflixViewingHistory-UK.csv"), fixture("mbox", "gmail.mbox")]);
    vault.close();

    const out = join(vault.dir, "vault.csv");
    const toFile = ownbase(["export", "--format", "csv", "--out", out, "--db", vault.path, "--json"]);
    expect(toFile.status).toBe(0);
    const report = JSON.parse(toFile.stdout);
    expect(report.left_out.asked).toBeGreaterThan(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, "utf8").split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));

    const toStdout = ownbase(["export", "--format", "jsonl", "--platform", "netflix", "--db", vault.path]);
    expect(toStdout.status).toBe(0);
    expect(toStdout.stdout.trim().split("\n").map((line) => JSON.parse(line).platform)).toEqual(["netflix", "netflix", "netflix"]);
    expect(toStdout.stderr).toMatch(/^exported 3 records/);

    const asked = ownbase(["export", "--format", "jsonl", "--platform", "gmail", "--db", vault.path]);
    expect(asked.stderr).toMatch(/left out \d+ fields the sharing rules ask about: run again with --approve all/);
    expect(ownbase(["export", "--format", "xml", "--db", vault.path]).status).not.toBe(0);
  });
});
