import { createHash } from "node:crypto";

/**
 * A short, stable stand-in for a value that must not appear in clear in a natural key: natural
 * keys are stored untagged, so a highly sensitive value enters them only as this digest.
 */
export function digest(text: string, length = 16): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
