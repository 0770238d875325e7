import { Command } from "commander";
import { withVault } from "../../db/open.js";
import { vaultStats } from "../../vault/queries.js";
import { writeJson, type CliIo, type CommonOptions } from "../io.js";

export function statsCommand(io: CliIo): Command {
  return new Command("stats").description("count the vault's records per platform and kind").action(async (options: CommonOptions) => {
    await withVault(options.db, async (vault) => {
      const stats = await vaultStats(vault.db);
      if (options.json) return writeJson(io, stats);
      io.stdout.write(`${stats.records} records\n`);
      for (const [title, counts] of [["by platform", stats.by_platform], ["by kind", stats.by_kind]] as const) {
        io.stdout.write(`\n${title}:\n`);
        for (const [name, n] of Object.entries(counts)) io.stdout.write(`  ${name.padEnd(20)} ${n}\n`);
      }
    });
  });
}
