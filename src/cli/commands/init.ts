import { Command } from "commander";
import { keyFilePath, vaultFilePath } from "../../db/encryption.js";
import { passphraseFrom } from "../../db/encryption-prompt.js";
import { initVault } from "../../db/open.js";
import { writeJson, type CliIo, type CommonOptions } from "../io.js";

interface InitOptions extends CommonOptions {
  encrypt?: boolean;
}

/** `ownbase init [--encrypt]`: creates the vault, encrypted at rest if asked. */
export function initCommand(io: CliIo): Command {
  return new Command("init")
    .description("create a new vault; --encrypt makes its file unreadable without your passphrase")
    .option("--encrypt", "encrypt the vault with a passphrase (OWNBASE_PASSPHRASE, else typed in the terminal)")
    .action(async (options: InitOptions) => {
      let passphrase: string | undefined;
      if (options.encrypt) {
        passphrase = await passphraseFrom("OWNBASE_PASSPHRASE", "Passphrase for the new vault: ", { confirm: true });
        if (passphrase === undefined) throw new Error("--encrypt needs a passphrase: set OWNBASE_PASSPHRASE, or run the command in a terminal to type it");
      }
      const vault = await initVault(options.db, passphrase);
      vault.close();
      const path = vaultFilePath(vault.url)!;
      if (options.json) return writeJson(io, { path, encrypted: Boolean(options.encrypt), key_file: options.encrypt ? keyFilePath(path) : null });
      if (!options.encrypt) return void io.stdout.write(`Created a vault at ${path}\n`);
      io.stdout.write(
        `Created an encrypted vault at ${path}\n` +
          `Its key file ${keyFilePath(path)} must stay beside it (it holds no secret, but without it the vault cannot be opened).\n` +
          `A forgotten passphrase cannot be recovered.\n`,
      );
    });
}
