import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { Command, Option } from "commander";
import type { Approval } from "../../agent/ask.js";
import { withVault } from "../../db/open.js";
import { EXPORT_FORMATS, exportVault, type ExportFormat, type ExportReport } from "../../vault/export.js";
import type { CliIo, CommonOptions } from "../io.js";
import { approval } from "./ask.js";

interface ExportOptions extends CommonOptions {
  format: ExportFormat;
  out?: string;
  platform?: string;
  kind?: string;
  approve?: Approval;
}

/** `ownbase export`: the vault written out, as the sharing rules for `export` allow. */
export function exportCommand(io: CliIo): Command {
  return new Command("export")
    .description("write the vault out as JSON lines or CSV, leaving out what the sharing rules for export deny or ask about")
    .addOption(new Option("--format <format>", "jsonl: a record per line; csv: a row per field").choices(EXPORT_FORMATS).makeOptionMandatory())
    .option("--out <file>", "write to this file (readable by you alone) rather than to stdout")
    .option("--platform <platform>", "only records of this platform")
    .option("--kind <kind>", "only records of this kind")
    .option("--approve <fields>", "answer the rules' asks: all, none, or field ids (12.body,15.title)", approval)
    .action(async (options: ExportOptions) => {
      await withVault(options.db, async (vault) => {
        const file = options.out === undefined ? null : createWriteStream(options.out, { mode: 0o600 });
        if (file) await once(file, "open");
        const report = await exportVault(vault, file ?? io.stdout, options);
        if (file) {
          file.end();
          await once(file, "close");
        }
        // Without --out, stdout is the export itself, so the report goes to stderr.
        const reportTo = file ? io.stdout : io.stderr;
        if (options.json) reportTo.write(`${JSON.stringify(report)}\n`);
        else reportTo.write(summary(report, options.out));
      });
    });
}

function summary(report: ExportReport, out: string | undefined): string {
  const lines = [`exported ${report.records} records (${report.fields} fields)${out ? ` to ${out}` : ""}`];
  if (report.left_out.asked > 0) lines.push(`left out ${report.left_out.asked} fields the sharing rules ask about: run again with --approve all, or name them (--approve 12.body,…)`);
  if (report.left_out.denied > 0) lines.push(`left out ${report.left_out.denied} fields the sharing rules deny for export (see ownbase rules list)`);
  if (report.records_left_out > 0) lines.push(`${report.records_left_out} records had no field that could go`);
  return `${lines.join("\n")}\n`;
}
