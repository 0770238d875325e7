import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Importer } from "../../importers/types.js";
import { useTempVault } from "../../test/helpers.js";
import { importInputs } from "../import/run.js";
import { ruleMatrix } from "./matrix.js";
import { setRule } from "./rules.js";

/** Reads `MAIL` files: a message per line, `subject;body`. */
const mailImporter: Importer = {
  id: "test.mail",
  platform: "mail",
  title: "Test mail",
  detect: (sample) => (sample.head.subarray(0, 5).toString() === "MAIL\n" ? 1 : 0),
  fieldSensitivity: { body: { level: 2, categories: ["communications"], reason: "message body" } },
  async *read(file) {
    let text = "";
    for await (const chunk of file.open()) text += chunk.toString();
    for (const line of text.split("\n").slice(1).filter(Boolean)) {
      const [subject, body] = line.split(";");
      yield { type: "record", kind: "message", naturalKey: line, time: null, title: subject!, fields: { subject, body } };
    }
  },
};
vi.mock("../../importers/index.js", () => ({ importers: [] }));

describe("the sharing-rules matrix", () => {
  const newVault = useTempVault();

  async function mailVault() {
    const vault = await newVault();
    const path = join(vault.dir, "mail.txt");
    writeFileSync(path, ["MAIL", "Lunch;See you at noon", "Plans;The tickets are booked", "Results;You were diagnosed with diabetes"].join("\n"));
    await importInputs(vault, [path], { importers: [mailImporter] });
    return vault;
  }

  it("shows per field and destination what decides and how many records that touches", async () => {
    const vault = await mailVault();
    const body = (await ruleMatrix(vault)).find((row) => row.field === "body")!;
    expect(body).toMatchObject({ platform: "mail", kind: "message", records: 3, levels: [2, 3] });
    expect(body.cells.builtin).toMatchObject({ decision: "allow", records: { allow: 2, ask: 1 } });
    // Two mails are level 2 (ask), the diagnosis level 3 (deny) for a remote model.
    expect(body.cells["remote-model"]).toMatchObject({ decision: "ask", records: { ask: 2, deny: 1 }, rule: { id: expect.stringMatching(/^default:/) } });
    expect(body.cells["mcp:*"].records).toEqual({ ask: 2, deny: 1 });
  });

  it("names the user's own rule where it decides", async () => {
    const vault = await mailVault();
    const rule = await setRule(vault, { destination: "remote-model", decision: "deny", platform: "mail", field: "body" });
    const body = (await ruleMatrix(vault)).find((row) => row.field === "body")!;
    expect(body.cells["remote-model"]).toEqual({ decision: "deny", records: { deny: 3 }, rule: { id: rule.id, scope: expect.stringContaining("body") } });
    expect(body.cells["local-model"].rule.id).toMatch(/^default:/);
  });
});
