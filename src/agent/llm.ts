import { eq } from "drizzle-orm";
import type { Vault } from "../db/open.js";
import { settings } from "../db/schema.js";
import type { DisclosedRecord } from "../policy/gateway.js";
import type { Destination } from "../policy/types.js";
import type { Recommendation } from "./builtin.js";
import { label } from "./label.js";
import { interestProfile } from "./profile.js";
import type { ParsedRequest } from "./request.js";

/** An OpenAI-compatible chat API. */
export interface LlmConfig {
  /** Base URL, e.g. `http://127.0.0.1:11434/v1` for Ollama. */
  url: string;
  model: string;
  key?: string;
  /** Where the server really is; without it a loopback host is local. */
  locality?: "local" | "remote";
}

/** The vault setting holding `{url, model, key, locality}`; the environment overrides it. */
export const LLM_SETTING = "llm";

/** The model configuration from `OWNBASE_LLM_*`, else from the vault's settings; null when none is set. */
export async function llmConfig(vault: Pick<Vault, "db">, env: NodeJS.ProcessEnv = process.env): Promise<LlmConfig | null> {
  const [row] = await vault.db.select().from(settings).where(eq(settings.key, LLM_SETTING));
  const stored = (row?.value ?? {}) as Partial<LlmConfig>;
  const url = env.OWNBASE_LLM_URL ?? stored.url;
  const model = env.OWNBASE_LLM_MODEL ?? stored.model;
  if (!url || !model) return null;
  const locality = env.OWNBASE_LLM_LOCALITY ?? stored.locality;
  if (locality !== undefined && locality !== "local" && locality !== "remote") throw new Error(`OWNBASE_LLM_LOCALITY must be local or remote, not "${locality}"`);
  return { url, model, key: env.OWNBASE_LLM_KEY ?? stored.key, locality };
}

/** Keeps the model server in the vault's settings; a missing key keeps the one stored before. */
export async function saveLlmSetting(vault: Pick<Vault, "db">, config: LlmConfig): Promise<void> {
  const [row] = await vault.db.select().from(settings).where(eq(settings.key, LLM_SETTING));
  const key = config.key || (row?.value as Partial<LlmConfig> | undefined)?.key;
  const value: LlmConfig = { url: new URL(config.url).href.replace(/\/$/, ""), model: config.model, ...(key ? { key } : {}), ...(config.locality ? { locality: config.locality } : {}) };
  await vault.db.insert(settings).values({ key: LLM_SETTING, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

export async function removeLlmSetting(vault: Pick<Vault, "db">): Promise<void> {
  await vault.db.delete(settings).where(eq(settings.key, LLM_SETTING));
}

/** Whether the server answers its model list; sends nothing of the vault. */
export async function testLlmConnection(config: LlmConfig, timeoutMs = 5000): Promise<{ ok: true; models: string[] } | { ok: false; error: string }> {
  try {
    const response = await fetch(`${config.url}/models`, {
      headers: config.key ? { authorization: `Bearer ${config.key}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { ok: false, error: `the server answered ${response.status} ${response.statusText}` };
    const body = (await response.json()) as { data?: { id?: string }[] };
    return { ok: true, models: (body.data ?? []).flatMap((model) => (typeof model.id === "string" ? [model.id] : [])) };
  } catch (error) {
    return { ok: false, error: (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message };
  }
}

/** A loopback server is local unless the configuration says otherwise: a loopback port can be a tunnel. */
export function llmDestination(config: LlmConfig): Extract<Destination, "local-model" | "remote-model"> {
  if (config.locality) return config.locality === "local" ? "local-model" : "remote-model";
  const host = new URL(config.url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host) ? "local-model" : "remote-model";
}

/** Longest text sent per field: enough to say what a thing is about, not a whole mail. */
const MAX_VALUE = 200;

/**
 * The model's context, from the gateway's payload and nothing else. Abstractions first (how much
 * of what, from when, which platforms, the topics that recur across them), then each record's
 * disclosed fields, long texts cut.
 */
export function buildContext(request: ParsedRequest, payload: DisclosedRecord[]): string {
  const counts = new Map<string, number>();
  for (const record of payload) counts.set(`${record.platform} ${record.kind}`, (counts.get(`${record.platform} ${record.kind}`) ?? 0) + 1);
  const times = payload.flatMap((record) => (record.time ? [record.time.slice(0, 10)] : [])).sort();
  const items = payload.map((record) => ({
    id: record.id,
    platform: record.platform,
    kind: record.kind,
    ...(record.time ? { date: record.time.slice(0, 10) } : {}),
    ...(label(record) ? { title: label(record) } : {}),
    fields: Object.fromEntries(Object.entries(record.fields).map(([name, value]) => [name, typeof value === "string" && value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value])),
  }));
  return JSON.stringify({
    request: request.text,
    domain: request.domain,
    constraints: { short: request.short, soon: request.soon, interests: request.interests },
    summary: { records: payload.length, by_source: Object.fromEntries(counts), ...(times.length ? { from: times[0], to: times.at(-1) } : {}) },
    interests: interestProfile(payload).interests.map(({ topic, weight, platforms }) => ({ topic, weight, platforms })),
    records: items,
  });
}

const SYSTEM = [
  "You recommend things to one person from their own pooled data.",
  'Answer with JSON only: {"recommendations": [{"title": string, "type": string, "reason": string, "evidence": [record ids]}]}.',
  "Evidence lists ids of the given records that support the pick; say in the reason which platforms they come from.",
  "You may recommend things beyond the records. At most 5 recommendations.",
].join(" ");

/** Asks the model and checks its answer; throws when the server fails or the answer is unusable. */
export async function recommendWithModel(config: LlmConfig, request: ParsedRequest, payload: DisclosedRecord[], timeoutMs = 60_000): Promise<Recommendation[]> {
  const response = await fetch(`${config.url.replace(/\/$/, "")}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(config.key ? { authorization: `Bearer ${config.key}` } : {}) },
    body: JSON.stringify({
      model: config.model,
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: SYSTEM },
        { role: "user", content: buildContext(request, payload) },
      ],
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`the model server answered ${response.status} ${response.statusText}`);
  const body = (await response.json()) as { choices?: { message?: { content?: string } }[] };
  const content = body.choices?.[0]?.message?.content;
  if (typeof content !== "string") throw new Error("the model's answer has no message");
  return validate(JSON.parse(content), new Set(payload.map((record) => record.id)));
}

/** Keeps well-formed recommendations; evidence the model was not given is dropped, not trusted. */
function validate(answer: unknown, sent: ReadonlySet<number>): Recommendation[] {
  const list = (answer as { recommendations?: unknown })?.recommendations;
  if (!Array.isArray(list)) throw new Error("the model's answer has no recommendations list");
  return list.flatMap((item: unknown) => {
    const { title, reason, evidence } = (item ?? {}) as Record<string, unknown>;
    if (typeof title !== "string" || !title.trim()) return [];
    const ids = Array.isArray(evidence) ? evidence.map(Number).filter((id) => sent.has(id)) : [];
    return [{ title: title.trim(), reason: typeof reason === "string" ? reason : "", evidence: [...new Set(ids)] }];
  });
}
