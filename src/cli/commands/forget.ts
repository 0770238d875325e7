import { Command } from "commander";
import { withVault } from "../../db/open.js";
import { forget, type ForgetReport } from "../../vault/forget.js";
import { dateOption, positiveInteger, writeJson, type CliIo, type CommonOptions } from "../io.js";

interface ForgetOptions extends CommonOptions {
  import?: number;
  platform?: string;
  before?: Date;
  dryRun?: boolean;
}

/** `ownbase forget`: removes records for good, and says so in the audit log. */
export function forgetCommand(io: CliIo): Command {
  return new Command("forget")
    .description("remove records for good: with their fields, vectors, full-text entries and imports; the audit log keeps the counts, never the content")
    .option("--import <id>", "records first stored by this import", positiveInteger)
    .option("--platform <platform>", "records of this platform (netflix, amazon, youtube, gmail, …)")
    .option("--before <date>", "records that happened before this date or time (2024-01-01, 2024-01-01T12:00Z)", (text) => dateOption(text))
    .option("--dry-run", "only count what would be removed")
    .action(async (options: ForgetOptions) => {
      await withVault(options.db, async (vault) => {
        const report = await forget(vault, { importId: options.import, platform: options.platform, before: options.before }, { dryRun: options.dryRun });
        for (const note of report.notes) io.stderr.write(`${note}\n`);
        if (options.json) return writeJson(io, report);
        io.stdout.write(`${summary(report)}\n`);
      });
    });
}

function summary(report: ForgetReport): string {
  const { scope } = report;
  const what = [scope.import !== null && `import ${scope.import}`, scope.platform !== null && `platform ${scope.platform}`, scope.before !== null && `before ${scope.before}`].filter(Boolean).join(", ");
  const counts = `${report.records} records (${report.fields} fields, ${report.vectors} vectors, ${report.imports} imports) of ${what}`;
  if (report.dry_run) return `would forget ${counts}; run again without --dry-run to forget them`;
  return report.audit_id === null ? `nothing to forget: no records of ${what}` : `forgot ${counts}; audit entry #${report.audit_id}`;
}
