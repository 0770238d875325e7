import { Command, InvalidArgumentError, Option } from "commander";
import type { FieldValue } from "../../../importers/types.js";
import { ask, type Approval, type AskResult } from "../../agent/ask.js";
import { saveAgentDefaults } from "../../agent/defaults.js";
import { withVault } from "../../db/open.js";
import { meaningSearch } from "../../search/search.js";
import { AUTONOMY_LEVELS, MODES, type Autonomy, type Mode } from "../../policy/types.js";
import { writeJson, type CliIo, type CommonOptions } from "../io.js";

interface AskCommandOptions extends CommonOptions {
  mode?: Mode;
  autonomy?: Autonomy;
  approve?: Approval;
  remember?: boolean;
}

/** How much of a value the terminal shows in a confirmation; `--json` gives it whole. */
const PREVIEW_LENGTH = 100;

export function approval(text: string): Approval {
  if (text === "all" || text === "none") return text;
  const ids = text.split(",").map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0 || ids.some((id) => !/^\d+\..+$/.test(id))) throw new InvalidArgumentError("must be all, none or field ids such as 12.body,15.title");
  return ids;
}

/** `ownbase ask "<request>"`: recommendations from the whole vault, through the sharing rules. */
export function askCommand(io: CliIo): Command {
  return new Command("ask")
    .description("recommendations from your own data, with the records they rest on")
    .argument("<request>", '"something to watch tonight, not too long", "a gift for my sister who likes climbing"')
    .addOption(new Option("--mode <mode>", "how much of the vault personalization may use (default: yours, else privacy-aware)").choices(MODES))
    .addOption(new Option("--autonomy <level>", "what may go without asking you (default: yours, else intermediate)").choices(AUTONOMY_LEVELS))
    .option("--remember", "keep --mode and --autonomy as your defaults")
    .option("--approve <fields>", "answer the confirmation: all, none, or field ids (12.body,15.title)", approval)
    .action(async (request: string, options: AskCommandOptions) => {
      await withVault(options.db, async (vault) => {
        if (options.remember) await saveAgentDefaults(vault, { mode: options.mode, autonomy: options.autonomy });
        const meaning = await meaningSearch(vault);
        const result = await ask(vault, { request, mode: options.mode, autonomy: options.autonomy, approve: options.approve, embedder: meaning.embedder });
        // Notes go to stderr so that stdout stays the answer alone, as --json promises.
        for (const note of [meaning.note, ...result.notes]) if (note) io.stderr.write(`${note}\n`);
        if (options.json) return writeJson(io, { status: result.status, recommendations: result.recommendations, pending: result.pending, disclosed: result.disclosed });
        io.stdout.write(humanAnswer(result, request, options));
      });
    });
}

/** A value on one line, cut short: enough to recognise it. */
function preview(value: FieldValue): string {
  const text = (typeof value === "string" ? value : JSON.stringify(value)).replace(/\s+/g, " ").trim();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}

function humanAnswer(result: AskResult, request: string, options: AskCommandOptions): string {
  if (result.status === "needs_confirmation") {
    const destination = result.pending[0]!.destination;
    const lines = [`For ${result.pending[0]!.purpose}, these fields would go to ${destination}:`];
    for (const field of result.pending) {
      const tags = [`level ${field.level}`, ...field.categories].join(", ");
      lines.push(`  ${field.record}.${field.field}  (${tags}) of ${JSON.stringify(field.title ?? `record ${field.record}`)}: ${preview(field.value)}`);
    }
    const rerun = ["ownbase ask", JSON.stringify(request), ...(options.mode ? ["--mode", options.mode] : []), ...(options.autonomy ? ["--autonomy", options.autonomy] : [])].join(" ");
    lines.push(`Approve by running it again: ${rerun} --approve all   (or --approve none, or --approve ${result.pending[0]!.record}.${result.pending[0]!.field},…)`);
    return `${lines.join("\n")}\n`;
  }
  if (result.recommendations.length === 0) return "no recommendations: nothing in the vault that the rules let the recommender use fits the request\n";
  const lines = result.recommendations.map((pick, index) => `${index + 1}. ${pick.title}\n   ${pick.reason}\n   evidence: ${pick.evidence.map((id) => `#${id}`).join(" ") || "none"}`);
  const destinations = [...new Set(result.disclosed.map((field) => field.destination))];
  if (destinations.length) lines.push(`(${result.disclosed.length} fields used by ${destinations.join(", ")}; see ownbase audit)`);
  return `${lines.join("\n")}\n`;
}
