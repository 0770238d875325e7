import { Command } from "commander";
import { withVault } from "../../db/open.js";
import { LEVEL_NAMES } from "../../sensitivity/levels.js";
import { listRecords } from "../../vault/queries.js";
import { positiveInteger, writeJson, type CliIo, type CommonOptions } from "../io.js";

interface RecordsOptions extends CommonOptions {
  platform?: string;
  kind?: string;
  limit: number;
}

export function recordsCommand(io: CliIo): Command {
  return new Command("records")
    .description("list records, newest first, with every field and its sensitivity")
    .option("--platform <platform>", "only this platform (netflix, amazon, gmail, email, …)")
    .option("--kind <kind>", "only this kind (viewing, order_item, message, …)")
    .option("--limit <n>", "at most this many records", positiveInteger, 100)
    .action(async (options: RecordsOptions) => {
      await withVault(options.db, async (vault) => {
        const found = await listRecords(vault.db, options);
        if (options.json) return writeJson(io, found);
        for (const record of found) {
          io.stdout.write(`#${record.id} ${record.platform} ${record.kind} ${record.time ?? "(no time)"}  ${record.title ?? ""}\n`);
          for (const field of record.fields) {
            const value = typeof field.value === "string" ? field.value : JSON.stringify(field.value);
            const shown = value.length > 100 ? `${value.slice(0, 97)}...` : value;
            io.stdout.write(`    ${field.name}: ${shown}  [${field.level} ${LEVEL_NAMES[field.level]}${field.categories.length ? `: ${field.categories.join(", ")}` : ""}]\n`);
          }
        }
      });
    });
}

