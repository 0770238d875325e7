import { spawn, spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Node's arguments that run `ownbase` from the sources. */
export const args = (cliArgs: string[]) => ["--import", "tsx", resolve(root, "src/cli/main.ts"), ...cliArgs];

/** Runs `ownbase` from the sources, as a user runs the built one. */
export function ownbase(cliArgs: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, args(cliArgs), { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `ownbase` without waiting for it, for tests that interrupt it. */
export function startOwnbase(cliArgs: string[]) {
  return spawn(process.execPath, args(cliArgs), { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
}
