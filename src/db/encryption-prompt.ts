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

async function hidden(prompt: string): Promise<string> {
  // The prompt goes to stderr: stdout stays the command's output.
  const typed = await read({ prompt, silent: true, replace: "", input: process.stdin, output: process.stderr });
  // Enter is not echoed either: end the prompt's line.
  process.stderr.write("\n");
  return typed;
}
