/** Where vault data may go. */
export type Destination = "builtin" | "local-model" | "remote-model" | "export" | `mcp:${string}`;

/** What a sharing rule says for a field and a destination. */
export type Decision = "allow" | "ask" | "deny";

/**
 * How much of the vault personalization may use: `none` nothing at all, `privacy-aware` what the
 * rules allow (asked fields after confirmation), `basic` everything the user's own rules do not
 * deny or ask about.
 */
export type Mode = "none" | "privacy-aware" | "basic";
export const MODES: readonly Mode[] = ["none", "privacy-aware", "basic"];

/**
 * How much the agent may disclose on its own: `none` every disclosure is confirmed,
 * `intermediate` only fields the rules ask about, `full` none (denied fields still never go).
 */
export type Autonomy = "none" | "intermediate" | "full";
export const AUTONOMY_LEVELS: readonly Autonomy[] = ["none", "intermediate", "full"];

/**
 * What let a field leave the vault: `rule` a rule (the user's or a default) allows it, `mode`
 * basic mode lifted a default ask or deny, `autonomy` full autonomy skipped an ask, and
 * `confirmation` the user said yes.
 */
export type Basis = "rule" | "mode" | "autonomy" | "confirmation";
