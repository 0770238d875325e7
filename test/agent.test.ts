import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seedVault } from "../bench/agent-scenarios.js";
import { startRecordingModel, type RecordingModel } from "../bench/agent-server.js";
import { ask } from "../src/agent/ask.js";
import { agentDefaults, saveAgentDefaults } from "../src/agent/defaults.js";
import { llmConfig, llmDestination } from "../src/agent/llm.js";
import { parseRequest } from "../src/agent/request.js";
import { askCommand } from "../src/cli/commands/ask.js";
import type { Vault } from "../src/db/open.js";
import { listAudit } from "../src/policy/audit.js";
import { setRule } from "../src/policy/rules.js";
import { AUTONOMY_LEVELS, MODES } from "../src/policy/types.js";
import { listRecords } from "../src/vault/queries.js";
import type { BenchRecord } from "../bench/search-records.js";
import { loadEmbedder } from "../src/search/embedder.js";
import { indexVault } from "../src/search/vectors.js";
import { writeTinyModel } from "./fixtures/models/tiny-model.js";
import { useTempDir, useTempVault } from "./helpers.js";

vi.mock("../importers/index.js", () => ({ importers: [] }));

const ADDRESS = "12 Main Street, Springfield";
const HEALTH = "diabetes";
const COMMENT = "Anna said ZEBRA-7 loved it";
/** A description the user wrote: taste, but it names Anna's illness. */
const NOTE = "the film Anna watched through her depression";

const RECORDS: BenchRecord[] = [
  { platform: "netflix", kind: "viewing", key: "v1", time: "2026-10-01T20:00:00Z", title: "Free Solo", fields: { title: "Free Solo", genre: "climbing documentary", duration_seconds: "6000" } },
  { platform: "netflix", kind: "viewing", key: "v2", time: "2026-10-08T20:00:00Z", title: "Free Solo", fields: { title: "Free Solo", genre: "climbing documentary", duration_seconds: "6000" } },
  { platform: "netflix", kind: "viewing", key: "v3", time: "2026-09-01T20:00:00Z", title: "Baking Masters", fields: { title: "Baking Masters", genre: "cooking show" } },
  { platform: "amazon", kind: "order_item", key: "o1", time: "2026-09-15T10:00:00Z", title: "Climbing harness", fields: { product: "Climbing harness", price: "59.90", shipping_address: ADDRESS } },
  { platform: "netflix", kind: "list_item", key: "l1", time: "2026-10-10T10:00:00Z", title: "The Dawn Wall", fields: { title: "The Dawn Wall", list: "My List", genre: "climbing documentary", comment: COMMENT, description: NOTE } },
  { platform: "amazon", kind: "list_item", key: "l2", time: "2026-10-11T10:00:00Z", title: "Climbing chalk bag", fields: { product: "Climbing chalk bag", list: "Wish List" } },
  { platform: "gmail", kind: "message", key: "m1", time: "2026-10-12T10:00:00Z", title: "Climbing gym", fields: { subject: "Climbing gym", body: `Before climbing again, your ${HEALTH} check is due. Post goes to ${ADDRESS}.` } },
];

const newVault = useTempVault();
let model: RecordingModel | undefined;
afterEach(async () => {
  await model?.close();
  model = undefined;
});

async function seededVault(): Promise<Vault & { path: string; ids: Record<string, number> }> {
  const vault = await newVault();
  return { ...vault, ids: await seedVault(vault, vault.dir, RECORDS) };
}

describe("request understanding", () => {
  it("finds the domain, the interests and the constraints in several languages", () => {
    expect(parseRequest("something to watch tonight, not too long")).toMatchObject({ domain: "watch", short: true, soon: true });
    expect(parseRequest("a birthday gift for my sister who likes climbing")).toMatchObject({ domain: "buy-gift", interests: ["climbing"], terms: ["climbing"] });
    expect(parseRequest("ein Geschenk für meine Schwester, die gern klettert").domain).toBe("buy-gift");
    expect(parseRequest("algo para ver esta noche, no muy largo")).toMatchObject({ domain: "watch", short: true, soon: true });
    expect(parseRequest("où manger ce soir").domain).toBe("eat-go");
  });
});

describe("the built-in recommender", () => {
  it("recommends from the backlog and cites evidence from more than one platform", async () => {
    const vault = await seededVault();
    const result = await ask(vault, { request: "a birthday gift for my sister who likes climbing", llm: null, approve: "none" });
    expect(result.status).toBe("answered");
    const chalk = result.recommendations.find((pick) => pick.title === "Climbing chalk bag");
    expect(chalk).toBeDefined();
    const platforms = new Set((await listRecords(vault.db, { ids: chalk!.evidence })).map((record) => record.platform));
    expect(platforms.size).toBeGreaterThan(1);
    expect(chalk!.reason).toMatch(/Amazon/);
    expect(chalk!.reason).toMatch(/Netflix/);
  });

  it("reads the vault only through the gateway: its fields are in the audit log, and level 3 waits for the user", async () => {
    const vault = await seededVault();
    const paused = await ask(vault, { request: "something to watch about climbing", llm: null });
    expect(paused.status).toBe("needs_confirmation");
    // The user sees exactly what would go, and why.
    expect(paused.pending).toContainEqual({
      record: vault.ids.m1,
      title: "Climbing gym",
      field: "body",
      value: RECORDS.find((record) => record.key === "m1")!.fields.body,
      level: 3,
      categories: expect.arrayContaining(["health"]),
      destination: "builtin",
      purpose: "recommendations (watch)",
    });
    expect(await listAudit(vault)).toEqual([]);

    const answered = await ask(vault, { request: "something to watch about climbing", llm: null, approve: "none" });
    expect(answered.recommendations[0]!.title).toBe("The Dawn Wall");
    expect(answered.disclosed).not.toContainEqual(expect.objectContaining({ record: vault.ids.m1, field: "body" }));
    const audited = (await listAudit(vault, { destination: "builtin" })).flatMap((entry) => entry.disclosed.map((field) => ({ record: field.record_id, field: field.field, destination: entry.destination })));
    expect(audited.sort(byField)).toEqual([...answered.disclosed].sort(byField));
  });
});

describe("what to watch from the viewing history", () => {
  const episode = (key: string, time: string, title: string, bookmark: number): BenchRecord => ({ platform: "netflix", kind: "viewing", key, time, title, fields: { title, bookmark_seconds: bookmark } });
  const trailer = (key: string, title: string, autoplayed: boolean): BenchRecord => ({
    platform: "netflix",
    kind: "preview",
    key,
    time: "2026-10-20T20:00:00Z",
    title,
    fields: { title, supplemental_video_type: "TRAILER", autoplayed, ...(autoplayed ? { autoplay_user_action: "None" } : {}) },
  });
  const HISTORY: BenchRecord[] = [
    episode("e1", "2026-10-01T20:00:00Z", "Dark: Season 1: Secrets", 3000),
    episode("e2", "2026-10-02T20:00:00Z", "Dark: Season 1: Lies", 3100),
    episode("e3", "2026-10-03T20:00:00Z", "Dark: Season 1: Past and Present", 900),
    episode("s1", "2026-09-01T20:00:00Z", "Haus des Geldes: Teil 1: Folge 1", 2500),
    trailer("t1", "Season 1 (Trailer): Squid Game", false),
    trailer("t2", "Season 1 Plot Clip: Arcane", true),
    { platform: "netflix", kind: "list_item", key: "l1", time: "2026-08-01T10:00:00Z", title: "Squid Game", fields: { title: "Squid Game", list: "My List" } },
    { platform: "amazon", kind: "order_item", key: "o1", time: "2026-09-27T10:00:00Z", title: "Prime Membership Fee", fields: { product: "Prime Membership Fee" } },
  ];

  it("suggests going on with series begun, latest first, and says where the user stopped", async () => {
    const vault = await newVault();
    const ids = await seedVault(vault, vault.dir, HISTORY);
    const { recommendations } = await ask(vault, { request: "something to watch tonight", llm: null, approve: "none" });
    expect(recommendations.slice(0, 2).map((pick) => pick.title)).toEqual(["Dark", "Haus des Geldes"]);
    expect(recommendations[0]!.reason).toContain(`You stopped at "Season 1: Past and Present" of Dark on Netflix on 2026-10-03, partway through the episode`);
    expect(recommendations[0]!.evidence.slice(0, 3)).toEqual([ids.e3, ids.e2, ids.e1]);
    expect(recommendations[1]!.reason).not.toContain("partway");
  });

  it("counts a trailer the user chose to watch as interest, not one Netflix autoplayed", async () => {
    const vault = await newVault();
    const ids = await seedVault(vault, vault.dir, HISTORY);
    const { recommendations } = await ask(vault, { request: "a film to watch", llm: null, approve: "none" });
    const squid = recommendations.find((pick) => pick.title === "Squid Game");
    expect(squid?.reason).toMatch(/^You watched a trailer of it on Netflix on 2026-10-20; it is on your Netflix "My List"/);
    expect(squid?.evidence).toEqual(expect.arrayContaining([ids.t1, ids.l1]));
    expect(recommendations.map((pick) => pick.title)).not.toContain("Arcane");
    // The list entry is the same show: one pick, not two.
    expect(recommendations.filter((pick) => pick.title === "Squid Game")).toHaveLength(1);
  });

  it("never suggests a fee or a subscription as a gift", async () => {
    const vault = await newVault();
    await seedVault(vault, vault.dir, HISTORY);
    const { recommendations } = await ask(vault, { request: "a birthday gift for my brother", llm: null, approve: "none" });
    expect(recommendations.map((pick) => pick.title)).not.toContain("Prime Membership Fee");
  });
});

describe("evidence found by meaning", () => {
  const tempDir = useTempDir();
  const SHELF: BenchRecord[] = [
    { platform: "netflix", kind: "list_item", key: "l1", time: "2026-10-01T10:00:00Z", title: "Baking Masters", fields: { title: "Baking Masters", list: "My List" } },
    { platform: "netflix", kind: "list_item", key: "l2", time: "2026-10-01T10:00:00Z", title: "Alone on the Wall", fields: { title: "Alone on the Wall", list: "My List" } },
  ];

  it("ranks a pick that shares no word with the request first when its meaning fits", async () => {
    const vault = await newVault();
    const ids = await seedVault(vault, vault.dir, SHELF);
    const models = tempDir();
    writeTinyModel(models, "test/tiny-topics");
    const embedder = await loadEmbedder({ model: "test/tiny-topics", dtype: "fp32", modelDir: models, cacheDir: join(models, "cache") });
    await indexVault(vault, embedder);
    const request = "a mountain film to watch";

    const byWords = await ask(vault, { request, llm: null, approve: "none" });
    expect(byWords.recommendations[0]!.evidence[0]).toBe(ids.l1);
    const byMeaning = await ask(vault, { request, llm: null, approve: "none", embedder });
    expect(byMeaning.recommendations[0]).toMatchObject({ title: "Alone on the Wall", evidence: [ids.l2] });
  });
});

const byField = (a: { record: number; field: string }, b: { record: number; field: string }) => a.record - b.record || a.field.localeCompare(b.field);

describe("the model path", () => {
  it("treats a loopback server as local unless told otherwise", async () => {
    const vault = await newVault();
    const config = await llmConfig(vault, { OWNBASE_LLM_URL: "http://127.0.0.1:11434/v1", OWNBASE_LLM_MODEL: "llama3" });
    expect(config && llmDestination(config)).toBe("local-model");
    expect(llmDestination({ url: "https://api.example.com/v1", model: "m" })).toBe("remote-model");
    // A loopback port can be a tunnel to a provider.
    expect(llmDestination({ url: "http://localhost:8080/v1", model: "m", locality: "remote" })).toBe("remote-model");
    expect(await llmConfig(vault, {})).toBeNull();
  });

  it("pauses on an asked field before sending anything, then sends exactly what was approved", async () => {
    const vault = await seededVault();
    model = await startRecordingModel();
    const llm = { url: model.url, model: "test" };
    const request = "something to watch about climbing";

    const paused = await ask(vault, { request, llm });
    expect(paused.status).toBe("needs_confirmation");
    expect(paused.pending).toContainEqual(expect.objectContaining({ record: vault.ids.l1, field: "description", value: NOTE, level: 2, destination: "local-model" }));
    // Data minimisation: the user's own comment says nothing of the film, so it is not even asked for.
    expect(paused.pending).not.toContainEqual(expect.objectContaining({ field: "comment" }));
    expect(model.bodies).toEqual([]);
    expect(await listAudit(vault)).toEqual([]);

    const refused = await ask(vault, { request, llm, approve: "none" });
    expect(refused.status).toBe("answered");
    expect(model.bodies.join("")).not.toContain("depression");

    const approved = await ask(vault, { request, llm, approve: [`${vault.ids.l1}.description`] });
    expect(approved.disclosed).toContainEqual({ record: vault.ids.l1, field: "description", destination: "local-model" });
    expect(model.bodies.at(-1)).toContain(NOTE);
    expect(model.bodies.join("")).not.toContain("ZEBRA-7");
    expect(model.bodies.at(-1)).not.toContain(HEALTH);
    // Abstractions go first: the topics the records share, across platforms.
    expect(JSON.parse(JSON.parse(model.bodies.at(-1)!).messages.at(-1).content).interests).toContainEqual(expect.objectContaining({ topic: "climbing" }));
    // The model's evidence is kept only where it names records it was sent.
    expect(approved.recommendations.flatMap((pick) => pick.evidence)).not.toContain(999_999);
    expect(approved.recommendations.map((pick) => pick.title)).toContain("Something new");

    const audited = (await listAudit(vault, { destination: "local-model" })).flatMap((entry) => entry.disclosed);
    for (const field of [...refused.disclosed, ...approved.disclosed]) expect(audited).toContainEqual(expect.objectContaining({ record_id: field.record, field: field.field }));
  });

  it("never sends a denied field, in any mode and autonomy, even when everything is approved", async () => {
    const vault = await seededVault();
    await setRule(vault, { destination: "remote-model", category: "health", decision: "deny" });
    await setRule(vault, { destination: "remote-model", field: "shipping_address", decision: "deny" });
    model = await startRecordingModel();
    const llm = { url: model.url, model: "test", locality: "remote" as const };
    for (const mode of MODES) {
      for (const autonomy of AUTONOMY_LEVELS) {
        for (const approve of [undefined, "all" as const]) {
          const result = await ask(vault, { request: "a gift for my sister who likes climbing, check my mail about the gym and my address", mode, autonomy, approve, llm });
          expect(result.disclosed.filter((field) => field.field === "body" || field.field === "shipping_address")).toEqual([]);
        }
      }
    }
    expect(model.bodies.length).toBeGreaterThan(0);
    const sent = model.bodies.join("\n");
    expect(sent).not.toContain(HEALTH);
    expect(sent).not.toContain("Main Street");
  });

  it("sends no vault data at all in mode none", async () => {
    const vault = await seededVault();
    model = await startRecordingModel();
    const result = await ask(vault, { request: "something to watch", mode: "none", autonomy: "full", approve: "all", llm: { url: model.url, model: "test" } });
    expect(result).toMatchObject({ status: "answered", disclosed: [] });
    expect(model.bodies).toHaveLength(1);
    for (const record of RECORDS) expect(model.bodies[0]).not.toContain(record.title);
    expect(await listAudit(vault)).toEqual([]);
  });

  it("falls back to the built-in recommender when the model fails, and says so", async () => {
    const vault = await seededVault();
    model = await startRecordingModel({ fail: true });
    const result = await ask(vault, { request: "something to watch about climbing", approve: "none", llm: { url: model.url, model: "test" } });
    expect(result.status).toBe("answered");
    expect(result.notes.join(" ")).toMatch(/model could not answer/);
    expect(result.recommendations[0]!.title).toBe("The Dawn Wall");
  });
});

describe("the user's defaults", () => {
  it("apply to a request that names no mode or autonomy", async () => {
    const vault = await seededVault();
    expect(await agentDefaults(vault)).toEqual({ mode: "privacy-aware", autonomy: "intermediate" });
    // Intermediate: the mail body waits for the user.
    expect((await ask(vault, { request: "something to watch about climbing", llm: null })).status).toBe("needs_confirmation");
    await saveAgentDefaults(vault, { mode: "none" });
    const answered = await ask(vault, { request: "something to watch about climbing", llm: null });
    expect(answered).toMatchObject({ status: "answered", disclosed: [] });
    expect(await agentDefaults(vault)).toEqual({ mode: "none", autonomy: "intermediate" });
    await expect(saveAgentDefaults(vault, { autonomy: "reckless" })).rejects.toThrow(/unknown autonomy "reckless"/);
  });
});

describe("ownbase ask", () => {
  async function run(args: string[], env: Record<string, string> = {}) {
    let stdout = "";
    let stderr = "";
    const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } };
    // Registered as main.ts does: the command plus the common --db and --json options.
    const command = askCommand(io).option("--db <path>").option("--json").exitOverride();
    vi.stubEnv("OWNBASE_LLM_URL", env.OWNBASE_LLM_URL ?? "");
    vi.stubEnv("OWNBASE_LLM_MODEL", env.OWNBASE_LLM_MODEL ?? "");
    try {
      await new Command().addCommand(command).exitOverride().parseAsync(["ask", ...args], { from: "user" });
    } finally {
      vi.unstubAllEnvs();
    }
    return { stdout, stderr };
  }

  it("prints the answer's JSON shape", async () => {
    const vault = await seededVault();
    const { stdout } = await run(["a gift for my sister who likes climbing", "--db", vault.path, "--json", "--approve", "none"]);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(["status", "recommendations", "pending", "disclosed"]);
    expect(answer.status).toBe("answered");
    expect(answer.recommendations[0]).toEqual({ title: expect.any(String), reason: expect.any(String), evidence: expect.arrayContaining([expect.any(Number)]) });
    expect(answer.disclosed[0]).toEqual({ record: expect.any(Number), field: expect.any(String), destination: "builtin" });
  });

  it("remembers --mode and --autonomy as the defaults with --remember", async () => {
    const vault = await seededVault();
    await run(["a gift", "--db", vault.path, "--mode", "basic", "--autonomy", "full", "--remember", "--json"]);
    expect(await agentDefaults(vault)).toEqual({ mode: "basic", autonomy: "full" });
    // Full autonomy by default now: no pause, even for the mail body.
    const { stdout } = await run(["something to watch about climbing", "--db", vault.path, "--json"]);
    expect(JSON.parse(stdout).status).toBe("answered");
  });

  it("names the fields waiting for confirmation and how to approve them", async () => {
    const vault = await seededVault();
    model = await startRecordingModel();
    const { stdout } = await run(["something to watch about climbing", "--db", vault.path], { OWNBASE_LLM_URL: model.url, OWNBASE_LLM_MODEL: "test" });
    expect(stdout).toContain(`${vault.ids.l1}.description  (level 2, health) of "The Dawn Wall": ${NOTE}`);
    expect(stdout).toContain("local-model");
    expect(stdout).toContain("--approve all");
    expect(model.bodies).toEqual([]);
  });
});
