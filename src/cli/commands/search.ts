import { Command } from "commander";
import { withVault } from "../../db/open.js";
import { meaningSearch, searchVault } from "../../search/search.js";
import type { SensitivityLevel } from "../../sensitivity/levels.js";
import { dateOption, levelOption, positiveInteger, writeJson, type CliIo, type CommonOptions } from "../io.js";

interface SearchCommandOptions extends CommonOptions {
  platform?: string;
  kind?: string;
  from?: Date;
  to?: Date;
  maxLevel?: SensitivityLevel;
  limit: number;
}

/** `ownbase search "<query>"`: by words, and by meaning once `ownbase index` has run. */
export function searchCommand(io: CliIo): Command {
  return new Command("search")
    .description("find records by their words and, once indexed, by what they are about")
    .argument("<query>", 'words or a description: "that climbing documentary"')
    .option("--platform <platform>", "only this platform (netflix, amazon, gmail, email, …)")
    .option("--kind <kind>", "only this kind (viewing, order_item, message, …)")
    .option("--from <date>", "only records from this date or time on (2024-03-01)", (text) => dateOption(text, "start"))
    .option("--to <date>", "only records up to this date or time (a date includes its whole day)", (text) => dateOption(text, "end"))
    .option("--max-level <level>", "leave out records holding any field above this sensitivity level (0-3)", levelOption)
    .option("--limit <n>", "at most this many results", positiveInteger, 20)
    .action(async (query: string, options: SearchCommandOptions) => {
      await withVault(options.db, async (vault) => {
        const meaning = await meaningSearch(vault);
        // The note goes to stderr so that stdout stays the results alone, as --json promises.
        if (meaning.note) io.stderr.write(`${meaning.note}\n`);
        const results = await searchVault(vault, query, { ...options, embedder: meaning.embedder });
        if (options.json) return writeJson(io, results.map(({ id, platform, kind, title, score }) => ({ id, platform, kind, title, score })));
        if (results.length === 0) io.stdout.write("nothing found\n");
        for (const result of results) {
          io.stdout.write(`#${result.id} ${result.platform} ${result.kind} ${result.time ?? "(no time)"}  ${result.title ?? ""}  [${result.matched_by.join("+")}]\n`);
        }
      });
    });
}




