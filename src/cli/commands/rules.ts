import { Command, InvalidArgumentError } from "commander";
import { withVault, type Vault } from "../../db/open.js";
import { DEFAULT_RULES, describeRule, listRules, removeRule, resetRules, setRule, type SharingRule } from "../../policy/rules.js";
import type { SensitivityLevel } from "../../sensitivity/levels.js";
import { levelOption, writeJson, type CliIo, type CommonOptions } from "../io.js";

interface SetOptions {
  destination: string;
  decision: string;
  platform?: string;
  kind?: string;
  field?: string;
  category?: string;
  minLevel?: SensitivityLevel;
  note?: string;
}

/** `ownbase rules list|set|remove|reset`: what of the vault may go where. */
export function rulesCommand(io: CliIo): Command {
  const rules = new Command("rules").description("your sharing rules: which fields may go to which destination (allow, ask or deny)");

  rules
    .command("list")
    .description("list your rules and the defaults that apply where none of yours matches")
    .action(async (_options: object, command: Command) =>
      withCommandVault(command, async (vault, json) => {
        const yours = await listRules(vault);
        if (json) return writeJson(io, { rules: yours, defaults: DEFAULT_RULES });
        io.stdout.write(yours.length ? "Your rules (the most specific matching rule decides):\n" : "You have no rules of your own.\n");
        for (const rule of yours) io.stdout.write(`  ${ruleLine(rule)}\n`);
        io.stdout.write("\nDefaults (where none of your rules matches):\n");
        for (const rule of DEFAULT_RULES) io.stdout.write(`  ${ruleLine(rule)}\n`);
      }),
    );

  rules
    .command("set")
    .description("allow, ask about or deny matching fields for a destination; replaces your rule for the same fields and destination")
    .requiredOption("--destination <destination>", "builtin, local-model, remote-model, export, mcp:<client>, mcp:* (every MCP client) or * (everywhere)")
    .requiredOption("--decision <decision>", "allow, ask or deny")
    .option("--platform <platform>", "only records of this platform (netflix, amazon, gmail, …)")
    .option("--kind <kind>", "only records of this kind (viewing, order_item, message, …)")
    .option("--field <field>", "only this field (shipping_address, body, …)")
    .option("--category <category>", "only fields of this category (health, financial, location, …)")
    .option("--min-level <level>", "only fields of this sensitivity level or above (0-3)", levelOption)
    .option("--note <text>", "why, for your own later reading")
    .action(async (options: SetOptions, command: Command) =>
      withCommandVault(command, async (vault, json) => {
        const rule = await setRule(vault, options);
        if (json) return writeJson(io, rule);
        io.stdout.write(`${ruleLine(rule)}\n`);
      }),
    );

  rules
    .command("remove")
    .description("remove one of your rules")
    .argument("<id>", "the rule's number, as `rules list` shows it", ruleId)
    .action(async (id: number, _options: object, command: Command) =>
      withCommandVault(command, async (vault, json) => {
        if (!(await removeRule(vault, id))) throw new Error(`no rule #${id}`);
        if (json) return writeJson(io, { removed: id });
        io.stdout.write(`removed rule #${id}\n`);
      }),
    );

  rules
    .command("reset")
    .description("remove all your rules, leaving the defaults")
    .action(async (_options: object, command: Command) =>
      withCommandVault(command, async (vault, json) => {
        const removed = await resetRules(vault);
        if (json) return writeJson(io, { removed });
        io.stdout.write(`removed ${removed} rules; the defaults apply\n`);
      }),
    );

  return rules;
}

/** `--db` and `--json` belong to `rules`, where the program adds them to every command. */
function withCommandVault(command: Command, act: (vault: Vault, json: boolean) => Promise<void>): Promise<void> {
  const options = command.optsWithGlobals<CommonOptions>();
  return withVault(options.db, (vault) => act(vault, options.json === true));
}

function ruleLine(rule: SharingRule): string {
  const id = typeof rule.id === "number" ? `#${rule.id}` : rule.id;
  return `${id.padEnd(6)} ${describeRule(rule)}${rule.note ? `  (${rule.note})` : ""}`;
}


function ruleId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError("must be a rule number, as `rules list` shows it");
  return id;
}
