#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { errorMessage } from "../error-message.js";
import { askCommand } from "./commands/ask.js";
import { auditCommand } from "./commands/audit.js";
import { encryptCommand } from "./commands/encrypt.js";
import { exportCommand } from "./commands/export.js";
import { forgetCommand } from "./commands/forget.js";
import { importCommand } from "./commands/import.js";
import { indexCommand, modelsCommand } from "./commands/index.js";
import { initCommand } from "./commands/init.js";
import { mcpCommand } from "./commands/mcp.js";
import { passphraseCommand } from "./commands/passphrase.js";
import { recordsCommand } from "./commands/records.js";
import { rulesCommand } from "./commands/rules.js";
import { searchCommand } from "./commands/search.js";
import { serveCommand } from "./commands/serve.js";
import { statsCommand } from "./commands/stats.js";
import { tagCommand } from "./commands/tag.js";
import type { CliIo } from "./io.js";

/** The `ownbase` program; every command takes `--db` and `--json`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("ownbase")
    .description("Your own data, back from the platforms: import exports, browse and search them.")
    .showHelpAfterError()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride();
  for (const command of [initCommand(io), importCommand(io), statsCommand(io), recordsCommand(io), rulesCommand(io), auditCommand(io), tagCommand(io), searchCommand(io), askCommand(io), forgetCommand(io), exportCommand(io), indexCommand(io), modelsCommand(io), encryptCommand(io), passphraseCommand(io), serveCommand(io), mcpCommand()]) {
    command
      .option("--db <path-or-url>", "vault database: a file path or a libsql:// / http:// URL (default: OWNBASE_DB, else vault.db in the data folder)")
      .option("--json", "machine-readable output");
    program.addCommand(command);
    inheritOutput(command, program);
  }
  return program;
}

/** Subcommands write through the same io and report usage errors instead of exiting. */
function inheritOutput(command: Command, program: Command): void {
  command.copyInheritedSettings(program);
  for (const sub of command.commands) inheritOutput(sub, program);
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: "user" });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`ownbase: ${errorMessage(error)}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  // `ownbase export | head` closes the pipe early: the reader has what it wanted, which is no error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
  process.exitCode = await main(process.argv.slice(2));
}
