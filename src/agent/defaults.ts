import { eq } from "drizzle-orm";
import type { Vault } from "../db/open.js";
import { settings } from "../db/schema.js";
import { AUTONOMY_LEVELS, MODES, type Autonomy, type Mode } from "../policy/types.js";

/** How the agent works when a request does not say. */
export interface AgentDefaults {
  mode: Mode;
  autonomy: Autonomy;
}

/** Until the user chooses: personalization from what the rules allow, asking at sensitive fields. */
export const BUILT_IN_DEFAULTS: AgentDefaults = { mode: "privacy-aware", autonomy: "intermediate" };

/** The vault setting holding the user's own defaults. */
const AGENT_DEFAULTS_SETTING = "agent_defaults";

export async function agentDefaults(vault: Pick<Vault, "db">): Promise<AgentDefaults> {
  const [row] = await vault.db.select().from(settings).where(eq(settings.key, AGENT_DEFAULTS_SETTING));
  return { ...BUILT_IN_DEFAULTS, ...(row?.value as Partial<AgentDefaults> | undefined) };
}

/** Keeps the user's choice; what it leaves out stays as it was. */
export async function saveAgentDefaults(vault: Pick<Vault, "db">, choice: { mode?: string; autonomy?: string }): Promise<AgentDefaults> {
  if (choice.mode !== undefined && !MODES.includes(choice.mode as Mode)) throw new Error(`unknown mode "${choice.mode}": use ${MODES.join(", ")}`);
  if (choice.autonomy !== undefined && !AUTONOMY_LEVELS.includes(choice.autonomy as Autonomy)) throw new Error(`unknown autonomy "${choice.autonomy}": use ${AUTONOMY_LEVELS.join(", ")}`);
  const value: AgentDefaults = { ...(await agentDefaults(vault)) };
  if (choice.mode !== undefined) value.mode = choice.mode as Mode;
  if (choice.autonomy !== undefined) value.autonomy = choice.autonomy as Autonomy;
  await vault.db.insert(settings).values({ key: AGENT_DEFAULTS_SETTING, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
  return value;
}
