import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding package.json, whether running from `src/` or from the build in `dist/`. */
export const packageRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find Ownbase's package.json above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
})();

/** Where Ownbase keeps the vault unless told otherwise: `OWNBASE_HOME`, else the platform's data folder. */
export function dataFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OWNBASE_HOME) return env.OWNBASE_HOME;
  if (process.platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "Ownbase");
  if (process.platform === "darwin") return join(homedir(), "Library", "Application Support", "Ownbase");
  return join(env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "ownbase");
}
