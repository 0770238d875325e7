import { importLimits } from "../../src/import/limits.js";
import { checkJsonDepth, withoutLoneSurrogates } from "../json.js";
import { sniffEncoding } from "../text.js";
import type { FileInput } from "../types.js";

/** Amazon's JSON files are small; one this large is not theirs, and parsing it whole would exhaust memory. */
export const MAX_JSON_BYTES = 100 * 1024 * 1024;

/** Parses a whole JSON file, refusing files over `MAX_JSON_BYTES`. */
export async function readJson(file: FileInput): Promise<unknown> {
  const tooLarge = new Error(`the file is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB, too large for a JSON export`);
  if (file.size !== null && file.size > MAX_JSON_BYTES) throw tooLarge;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of file.open()) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_JSON_BYTES) throw tooLarge;
    chunks.push(chunk as Buffer);
  }
  const text = new TextDecoder(sniffEncoding(file.head)).decode(Buffer.concat(chunks)); // drops a BOM
  checkJsonDepth(text, file.limits ?? importLimits());
  try {
    return JSON.parse(withoutLoneSurrogates(text));
  } catch (error) {
    throw new Error(`the file is not valid JSON: ${(error as Error).message}`);
  }
}

