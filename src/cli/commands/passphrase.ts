import { Command } from "commander";
import { passphraseFrom } from "../../db/encryption-prompt.js";
import { changePassphrase } from "../../db/encryption-rekey.js";
import { writeJson, type CliIo, type CommonOptions } from "../io.js";

/** `ownbase passphrase change`: re-keys an encrypted vault. */
export function passphraseCommand(io: CliIo): Command {
  const passphrase = new Command("passphrase").description("the passphrase of an encrypted vault");
  passphrase
    .command("change")
    .description("re-encrypt the vault with a new passphrase (current one: OWNBASE_PASSPHRASE, new one: OWNBASE_NEW_PASSPHRASE, else both typed in the terminal)")
    .action(async (_options: object, command: Command) => {
      const options = command.optsWithGlobals<CommonOptions>();
      const missing = () => new Error("set OWNBASE_PASSPHRASE and OWNBASE_NEW_PASSPHRASE, or run the command in a terminal to type them");
      const current = await passphraseFrom("OWNBASE_PASSPHRASE", "Current passphrase: ");
      if (current === undefined) throw missing();
      await changePassphrase(options.db, current, async () => {
        const next = await passphraseFrom("OWNBASE_NEW_PASSPHRASE", "New passphrase: ", { confirm: true });
        if (next === undefined) throw missing();
        return next;
      });
      if (options.json) return writeJson(io, { changed: true });
      io.stdout.write("The passphrase is changed: the old one no longer opens the vault.\n");
    });
  return passphrase;
}
