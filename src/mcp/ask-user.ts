import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { ElicitResultSchema, type ClientCapabilities, type ServerNotification, type ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import type { ConfirmationQueue } from "../policy/confirm.js";
import type { AskUser } from "./access.js";

/** What a tool handler is handed about its request: the way back to the client. */
export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** How long the user has to answer; then the asked fields count as refused. */
export const DEFAULT_CONFIRM_TIMEOUT_MS = 5 * 60_000;

/** While the user decides, a client that asked for progress hears this often that the call is alive. */
const PROGRESS_EVERY_MS = 10_000;

export interface AskOptions {
  capabilities: ClientCapabilities | undefined;
  /** The web UI's confirmations, where the client cannot ask the user itself; absent, asked fields stay home. */
  queue?: ConfirmationQueue;
  timeoutMs: number;
}

/**
 * How to ask the user during one tool call: in the client, by elicitation, when it can show a
 * form; else in Ownbase's web UI; else not at all, and asked fields are refused.
 */
export function askUserFor(extra: ToolExtra, { capabilities, queue, timeoutMs }: AskOptions): AskUser | undefined {
  const elicitation = capabilities?.elicitation;
  // An empty elicitation capability is the older spelling of form support.
  const ask: AskUser | undefined = elicitation && (elicitation.form || !elicitation.url) ? byElicitation(extra, timeoutMs) : queue && ((pending) => queue.confirm(pending));
  return ask && ((pending, records) => reportingProgress(extra, ask(pending, records)));
}

/**
 * Asks in the client's own form: one checkbox per field, none ticked. The form names each field
 * by record number, platform, kind and field name, never a title or value: the question reaches
 * the client, and it must not learn what it is being asked whether it may learn.
 */
function byElicitation(extra: ToolExtra, timeoutMs: number): AskUser {
  return async (pending, records) => {
    const keys = pending.items.map((_, index) => `field_${index + 1}`);
    const properties = Object.fromEntries(
      pending.items.map((item, index) => {
        const record = records.get(item.record_id);
        const categories = item.categories.length ? `, ${item.categories.join(", ")}` : "";
        return [keys[index]!, { type: "boolean" as const, title: `#${item.record_id} ${record?.platform ?? ""} ${record?.kind ?? ""}: ${item.field}`, description: `sensitivity level ${item.level}${categories}`, default: false }];
      }),
    );
    const message = `${pending.destination} asks for ${pending.items.length} field(s) of your Ownbase vault for ${pending.purpose}. Tick each one it may have; the rest stay in your vault.`;
    try {
      const reply = await extra.sendRequest({ method: "elicitation/create", params: { mode: "form", message, requestedSchema: { type: "object", properties } } }, ElicitResultSchema, { timeout: timeoutMs });
      if (reply.action !== "accept") return "refuse";
      return { approve: pending.items.filter((_, index) => reply.content?.[keys[index]!] === true).map(({ record_id, field }) => ({ record_id, field })) };
    } catch {
      // No answer in time, or the client could not ask: nothing goes.
      return "refuse";
    }
  };
}

/** Progress notifications while the user decides, so a client that resets its timeout on progress keeps waiting. */
async function reportingProgress<T>(extra: ToolExtra, waiting: Promise<T>): Promise<T> {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return waiting;
  let progress = 0;
  const timer = setInterval(() => {
    progress += 1;
    extra.sendNotification({ method: "notifications/progress", params: { progressToken, progress, message: "waiting for the user to confirm" } }).catch(() => {});
  }, PROGRESS_EVERY_MS);
  try {
    return await waiting;
  } finally {
    clearInterval(timer);
  }
}
