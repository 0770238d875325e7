import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Real-shape sample exports live beside the project in `../shared`, which a user's clone lacks:
 * tests that read them use `describe.skipIf(!hasRealWorld)`.
 */
export const realWorldDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/fixtures/real-world");
export const hasRealWorld = existsSync(realWorldDir);

export function realWorld(...parts: string[]): string {
  return join(realWorldDir, ...parts);
}
