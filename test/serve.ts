import { serveCommand } from "../src/cli/commands/serve.js";

/** `ownbase serve` in this process, as main.ts registers it, with the `--db` option every command gets. */
export function serveWith(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } };
  const running = serveCommand(io).option("--db <path-or-url>").exitOverride().parseAsync(args, { from: "user" });
  return { running, out: () => stdout, err: () => stderr };
}
