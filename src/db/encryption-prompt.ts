import { read } from "read";

/**
 * A passphrase from the environment variable `envName`, else typed on the terminal without being
 * shown (only when stdin is one); undefined when neither is possible. With `confirm`, a typed
 * passphrase is asked twice.
 */
export async function passphraseFrom(envName: string, prompt: string, { confirm = false } = {}): Promise<string | undefined> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return undefined;
  const typed = await hidden(prompt);
  if (confirm && (await hidden("Type it again: ")) !== typed) throw new Error("the two passphrases differ");
  return typed;
}

function hidden(prompt: string): Promise<string> {
  // The prompt goes to stderr: stdout stays the command's output.
  return read({ prompt, silent: true, replace: "", input: process.stdin, output: process.stderr });
}
