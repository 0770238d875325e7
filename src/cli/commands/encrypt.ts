import { Command } from "commander";
import { keyFilePath, vaultFilePath } from "../../db/encryption.js";
import { passphraseFrom } from "../../db/encryption-prompt.js";
import { encryptVault } from "../../db/encryption-rekey.js";
import { vaultUrl } from "../../db/open.js";
import { writeJson, type CliIo, type CommonOptions } from "../io.js";

/** `ownbase encrypt`: encrypts a vault that was created plain (as `ownbase serve` creates one). */
export function encryptCommand(io: CliIo): Command {
  return new Command("encrypt")
    .description("encrypt an existing plain vault: afterwards its file is unreadable without your passphrase (OWNBASE_NEW_PASSPHRASE, else typed twice in the terminal)")
    .action(async (_options: object, command: Command) => {
      const options = command.optsWithGlobals<CommonOptions>();
      const passphrase = await passphraseFrom("OWNBASE_NEW_PASSPHRASE", "Passphrase for the vault: ", { confirm: true });
      if (passphrase === undefined) throw new Error("set OWNBASE_NEW_PASSPHRASE, or run the command in a terminal to type the passphrase");
      await encryptVault(options.db, passphrase);
      const path = vaultFilePath(vaultUrl(options.db))!;
      if (options.json) return writeJson(io, { path, encrypted: true, key_file: keyFilePath(path) });
      io.stdout.write(
        `The vault at ${path} is encrypted; its plain file is gone.\n` +
          `Its key file ${keyFilePath(path)} must stay beside it (it holds no secret, but without it the vault cannot be opened).\n` +
          `Commands now need the passphrase (OWNBASE_PASSPHRASE, or typed); a forgotten one cannot be recovered.\n` +
          `Backups or snapshots made of the plain file before now are still readable: delete them.\n`,
      );
    });
}
