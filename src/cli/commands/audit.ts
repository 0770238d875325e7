import { Command } from "commander";
import { withVault } from "../../db/open.js";
import { listAudit } from "../../policy/audit.js";
import { dateOption, positiveInteger, writeJson, type CliIo, type CommonOptions } from "../io.js";

interface AuditOptions extends CommonOptions {
  destination?: string;
  since?: Date;
  limit: number;
}

/** `ownbase audit`: what left the vault, where to, on whose say. */
export function auditCommand(io: CliIo): Command {
  return new Command("audit")
    .description("list what the vault disclosed, newest first: fields and their sensitivity, never their values")
    .option("--destination <destination>", "only this destination (builtin, local-model, remote-model, export, mcp:<client>, mcp:* for every MCP client)")
    .option("--since <date>", "only from this date or time on (2026-11-01, 2026-11-01T12:00Z)", (text) => dateOption(text))
    .option("--limit <n>", "at most this many entries", positiveInteger, 100)
    .action(async (options: AuditOptions) => {
      await withVault(options.db, async (vault) => {
        const entries = await listAudit(vault, options);
        if (options.json) return writeJson(io, entries);
        if (entries.length === 0) io.stdout.write("nothing has been disclosed\n");
        for (const entry of entries) {
          io.stdout.write(
            `${entry.at.toISOString()}  ${entry.destination}  ${entry.field_count} fields of ${entry.record_count} records  by ${entry.basis}  (${entry.mode} mode, ${entry.autonomy} autonomy)  ${entry.purpose}\n`,
          );
          // A forget records what was removed, and no fields.
          const names = [...new Set(entry.disclosed.map((field) => `${field.field} [${field.level}]`))];
          if (names.length > 0) io.stdout.write(`    ${names.join(", ")}\n`);
        }
      });
    });
}


