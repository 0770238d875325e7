import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's own fixtures, one folder per platform under `test/fixtures/`. */
export const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), "fixtures");

export function fixture(...parts: string[]): string {
  return join(fixturesDir, ...parts);
}
