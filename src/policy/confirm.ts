import { randomUUID } from "node:crypto";
import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";
import type { DecisionPlan, FieldDecision } from "./decide.js";
import type { Basis, Destination } from "./types.js";

/** One field the user is asked about. */
export interface ConfirmationItem {
  record_id: number;
  /** Shown so the user knows which item it is; the question stays on the user's own screen. */
  record_title: string | null;
  field: string;
  level: SensitivityLevel;
  categories: SensitivityCategory[];
  destination: Destination;
}

/** What the user is asked: may these fields go to this destination, for this purpose? */
export interface PendingConfirmation {
  destination: Destination;
  purpose: string;
  items: ConfirmationItem[];
}

/** The user's answer: every field, none, or just these. */
export type ConfirmationAnswer = "approve-all" | "refuse" | { approve: { record_id: number; field: string }[] };

/** Asks the user; the web UI and the MCP server each bring their own way of asking. */
export type Confirm = (pending: PendingConfirmation) => Promise<ConfirmationAnswer>;

export function pendingConfirmation(plan: DecisionPlan, titles: ReadonlyMap<number, string | null>, purpose: string): PendingConfirmation {
  return {
    destination: plan.destination,
    purpose,
    items: plan.confirm.map((field) => ({
      record_id: field.record_id,
      record_title: titles.get(field.record_id) ?? null,
      field: field.field,
      level: field.level,
      categories: field.categories,
      destination: plan.destination,
    })),
  };
}

/** A field cleared to leave, and what cleared it. */
export type ClearedField = Omit<FieldDecision, "basis"> & { basis: Basis };

/**
 * The fields to disclose: those the plan sends anyway and those the user approved. An answer
 * can only approve fields the plan asked about, so approving a denied field does nothing.
 */
export function clearedFields(plan: DecisionPlan, answer: ConfirmationAnswer): ClearedField[] {
  const approved =
    answer === "approve-all"
      ? plan.confirm
      : answer === "refuse"
        ? []
        : plan.confirm.filter((field) => answer.approve.some((item) => item.record_id === field.record_id && item.field === field.field));
  return [
    ...plan.send.map((field) => ({ ...field, basis: field.basis! })),
    ...approved.map((field) => ({ ...field, basis: "confirmation" as const })),
  ];
}

/**
 * Confirmations waiting for the user, kept in memory: each belongs to a disclosure that is
 * waiting for it, which a restart ends anyway, and they name records the vault should not copy
 * elsewhere. `confirm` is the callback to hand to `disclose`; a UI lists `waiting()` and calls
 * `answer`. A question nobody answers in time counts as refused.
 */
export class ConfirmationQueue {
  readonly #waiting = new Map<string, { pending: PendingConfirmation; settle: (answer: ConfirmationAnswer) => void }>();

  constructor(private readonly timeoutMs = 10 * 60_000) {}

  readonly confirm: Confirm = (pending) =>
    new Promise((resolve) => {
      const id = randomUUID();
      const timer = setTimeout(() => this.answer(id, "refuse"), this.timeoutMs);
      timer.unref();
      this.#waiting.set(id, {
        pending,
        settle: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
      });
    });

  waiting(): { id: string; pending: PendingConfirmation }[] {
    return [...this.#waiting].map(([id, { pending }]) => ({ id, pending }));
  }

  /** Answers a waiting confirmation; false when there is none by that id (answered or timed out). */
  answer(id: string, answer: ConfirmationAnswer): boolean {
    const entry = this.#waiting.get(id);
    if (!entry) return false;
    this.#waiting.delete(id);
    entry.settle(answer);
    return true;
  }
}
