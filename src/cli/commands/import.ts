import { Command } from "commander";
import { openVault } from "../../db/open.js";
import { importInputs, type ImportProgress, type ImportReport } from "../../import/run.js";
import { ensureTagsCurrent } from "../../sensitivity/retag.js";
import { progressLine, writeJson, type CliIo, type CommonOptions } from "../io.js";

interface ImportOptions extends CommonOptions {
  progress?: boolean;
}

export function importCommand(io: CliIo): Command {
  return new Command("import")
    .description("import export archives, folders or files (Netflix, Amazon, mbox, …) into the vault")
    .argument("<paths...>", "zips, folders or files, as downloaded from the platforms")
    .option("--no-progress", "no progress line on stderr")
    .action(async (paths: string[], options: ImportOptions) => {
      const vault = await openVault(options.db);
      let report: ImportReport;
      try {
        // Tags made by an older tagger are brought up to date first, so the vault agrees with itself.
        const retagged = await ensureTagsCurrent(vault);
        if (retagged && retagged.total > 0) io.stderr.write(`re-tagged ${retagged.total} fields with the current tagger (${retagged.changed} changed)\n`);
        report = await importInputs(vault, paths, { onProgress: options.progress === false ? undefined : progressPrinter(io) });
      } finally {
        vault.close();
      }
      if (options.json) writeJson(io, report);
      else printReport(io, report);
      if (!report.files.some((file) => file.importer !== null || !isUnreadable(file.errors))) {
        io.stderr.write(`ownbase: nothing could be read: ${report.files.map((file) => `${file.path}: ${file.errors[0]}`).join("; ") || "no files found"}\n`);
        process.exitCode = 1;
      }
    });
}

/** A file that was found and looked at, even if no importer knew it, was read; a missing one was not. */
function isUnreadable(errors: string[]): boolean {
  return !errors.some((error) => error.startsWith("not recognised") || error === "empty file");
}

function progressPrinter(io: CliIo): (progress: ImportProgress) => void {
  const write = progressLine(io, { edges: false });
  return (progress) => {
    const seconds = progress.elapsedMs / 1000;
    const megabytes = progress.bytes / 1e6;
    const line = `${progress.files} files · ${progress.records.toLocaleString("en")} records · ${megabytes.toFixed(1)} MB · ${seconds > 0 ? (megabytes / seconds).toFixed(1) : "0.0"} MB/s${progress.current ? ` · ${progress.current}` : " · done"}`;
    write(line, progress.elapsedMs, progress.current === null);
  };
}

function printReport(io: CliIo, report: ImportReport): void {
  for (const file of report.files) {
    const what = file.importer ? `${file.importer}: ${file.records} records, ${file.records_added} new` : "not imported";
    io.stdout.write(`${file.path}  ${what}\n`);
    for (const error of file.errors) io.stdout.write(`    ${error}\n`);
  }
  io.stdout.write(`\n${report.records_added} new records (${report.records_seen} read from ${report.files.length} files)\n`);
}
