import type { FieldValue } from "../../importers/types.js";
import type { Vault } from "../db/open.js";
import type { ConfirmationAnswer } from "../policy/confirm.js";
import { decide } from "../policy/decide.js";
import { disclose, type DisclosedRecord } from "../policy/gateway.js";
import { listRules } from "../policy/rules.js";
import { AUTONOMY_LEVELS, MODES, type Autonomy, type Destination, type Mode } from "../policy/types.js";
import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";
import type { Embedder } from "../search/embedder.js";
import type { StoredRecord } from "../vault/queries.js";
import { recommendBuiltin, type Recommendation } from "./builtin.js";
import { agentDefaults } from "./defaults.js";
import { llmConfig, llmDestination, recommendWithModel, type LlmConfig } from "./llm.js";
import { tasteOnly } from "./profile.js";
import { parseRequest, type ParsedRequest } from "./request.js";
import { candidates, retrieve } from "./retrieve.js";

/** The user's answer to a confirmation: every field, none, or fields named `<recordId>.<field>`. */
export type Approval = "all" | "none" | string[];

export interface AskOptions {
  request: string;
  mode?: Mode;
  autonomy?: Autonomy;
  /** Absent: the agent stops at the first confirmation and returns what it wants to send. */
  approve?: Approval;
  /** A model server; null for the built-in recommender only; absent: from the environment or the vault's settings. */
  llm?: LlmConfig | null;
  /** Finds evidence by meaning as well as by words (see `meaningSearch`). */
  embedder?: Embedder;
}

/** A field the agent wants to send, shown to the user exactly as it would go. */
export interface PendingField {
  record: number;
  /** The record's title, so the user knows which item it is. */
  title: string | null;
  field: string;
  value: FieldValue;
  level: SensitivityLevel;
  categories: SensitivityCategory[];
  destination: Destination;
  /** Why it would go. */
  purpose: string;
}

export interface DisclosedField {
  record: number;
  field: string;
  destination: Destination;
}

export interface AskResult {
  status: "answered" | "needs_confirmation";
  recommendations: Recommendation[];
  pending: PendingField[];
  disclosed: DisclosedField[];
  /** For the user to read (a model that failed); not part of the answer's JSON shape. */
  notes: string[];
}

/** A model is sent fewer records than the on-device recommender reads: what it is sent, it keeps. */
const MODEL_RECORDS = 30;

/**
 * Answers a recommendation request. Evidence is read on the device; whatever a recommender sees,
 * built-in or model, comes out of `disclose`, so the rules, the mode, autonomy and the audit log
 * apply to both. Without an approval the agent stops before the first disclosure that needs one.
 */
export async function ask(vault: Vault, options: AskOptions): Promise<AskResult> {
  const defaults = await agentDefaults(vault);
  const { mode = defaults.mode, autonomy = defaults.autonomy, approve } = options;
  // The gateway checks these too, but a request that stops for confirmation never reaches it.
  if (!MODES.includes(mode)) throw new Error(`unknown mode "${mode}": use ${MODES.join(", ")}`);
  if (!AUTONOMY_LEVELS.includes(autonomy)) throw new Error(`unknown autonomy "${autonomy}": use ${AUTONOMY_LEVELS.join(", ")}`);
  const request = parseRequest(options.request);
  const evidence = await retrieve(vault, request, options.embedder);
  const config = options.llm === undefined ? await llmConfig(vault) : options.llm;
  const disclosed: DisclosedField[] = [];
  const notes: string[] = [];
  const step = (records: StoredRecord[], destination: Destination) => discloseFor(vault, { records, destination, request, mode, autonomy, approve });

  if (config) {
    // Data minimisation: a model is sent what things are and what they are about, not who, where or how.
    const sent = await step(candidates(evidence, MODEL_RECORDS).map(tasteOnly), llmDestination(config));
    if ("pending" in sent) return { status: "needs_confirmation", recommendations: [], pending: sent.pending, disclosed, notes };
    disclosed.push(...sent.disclosed);
    try {
      const recommendations = await recommendWithModel(config, request, sent.payload);
      return { status: "answered", recommendations, pending: [], disclosed, notes };
    } catch (error) {
      notes.push(`the model could not answer (${(error as Error).message}); the built-in recommender did`);
    }
  }
  const local = await step(candidates(evidence), "builtin");
  if ("pending" in local) return { status: "needs_confirmation", recommendations: [], pending: local.pending, disclosed, notes };
  disclosed.push(...local.disclosed);
  return { status: "answered", recommendations: recommendBuiltin(request, local.payload, evidence.matches.map((record) => record.id)), pending: [], disclosed, notes };
}

interface Step {
  records: StoredRecord[];
  destination: Destination;
  request: ParsedRequest;
  mode: Mode;
  autonomy: Autonomy;
  approve: Approval | undefined;
}

/**
 * One disclosure. The policy decision point is asked first, without side effects, so that a
 * disclosure needing the user's say is not started (nor logged) before the user has answered.
 */
async function discloseFor(vault: Vault, step: Step): Promise<{ pending: PendingField[] } | { payload: DisclosedRecord[]; disclosed: DisclosedField[] }> {
  const { records, destination, mode, autonomy, approve } = step;
  const plan = decide({ records, destination, mode, autonomy, rules: await listRules(vault) });
  // The purpose is read in the audit log; the request's own words may hold what the log must not.
  const purpose = `recommendations (${step.request.domain ?? "any domain"})`;
  if (approve === undefined && plan.confirm.length > 0) {
    const byId = new Map(records.map((record) => [record.id, record]));
    return {
      pending: plan.confirm.map(({ record_id, field, level, categories }) => {
        const record = byId.get(record_id)!;
        const value = record.fields.find((candidate) => candidate.name === field)!.value;
        return { record: record_id, title: record.title, field, value, level, categories, destination, purpose };
      }),
    };
  }
  const answer = confirmationAnswer(approve);
  const result = await disclose(vault, {
    records,
    destination,
    purpose,
    mode,
    autonomy,
    confirm: async () => answer,
  });
  const disclosed = result.audit.flatMap((entry) => entry.disclosed.map((field) => ({ record: field.record_id, field: field.field, destination })));
  return { payload: result.payload, disclosed };
}

/** Field ids are `<recordId>.<field>`; field names may hold dots, record ids never do. */
export function confirmationAnswer(approve: Approval | undefined): ConfirmationAnswer {
  if (approve === undefined || approve === "none") return "refuse";
  if (approve === "all") return "approve-all";
  return {
    approve: approve.map((id) => {
      const match = /^(\d+)\.(.+)$/.exec(id.trim());
      if (!match) throw new Error(`cannot approve "${id}": name fields as <record id>.<field>, e.g. 12.body`);
      return { record_id: Number(match[1]), field: match[2]! };
    }),
  };
}
