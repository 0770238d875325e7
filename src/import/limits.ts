/**
 * How far an import goes with any one input before it calls the input hostile or broken. Each
 * limit sits far above what real exports need (reasons below), so that a zip bomb, a file with no
 * line breaks or a nesting attack is stopped, reported by name, and the rest of the import goes on,
 * in bounded time and memory. `OWNBASE_LIMIT_<NAME>` (e.g. `OWNBASE_LIMIT_COMPRESSION_RATIO=500`)
 * changes one for every import; tests pass their own through `ImportOptions.limits`.
 */
export interface ImportLimits {
  /** Archives inside archives: Takeout nests at most a zip in a tgz; deeper is a bomb (42.zip). */
  archiveDepth: number;
  /**
   * Bytes an archive entry (or a gzip stream) may expand to per compressed byte, judged while
   * it streams. Export files compress 1–45 times (mail with attachments about 1, My Activity
   * JSON 21, its HTML 43: the most repetitive we measured); deflate cannot pass about 1032, which
   * only runs of one byte reach, and bombs sit there. 200 stops such a bomb after its first
   * `ratioFreeBytes`, with room above the HTML for exports more repetitive than ours.
   */
  compressionRatio: number;
  /** The ratio is judged only past this many bytes: small files of spaces compress absurdly and harm no one. */
  ratioFreeBytes: number;
  /**
   * Bytes all of one dropped archive (nested archives included) may expand to. Takeout splits at
   * 50 GB of compressed parts, mostly photos and video that do not compress: 200 GB leaves room
   * for a whole part of mail while a ratio-abiding bomb still stops (in minutes, not days).
   */
  archiveBytes: number;
  /** A CSV row: real rows are under a few KB; a file without line breaks is one row. */
  csvRowChars: number;
  /** CSV columns: exports have under 100; millions of columns would make every row a huge object. */
  csvColumns: number;
  /** A JSON item (one element of a top-level array): real ones are under a few hundred KB. */
  jsonItemBytes: number;
  /**
   * JSON nesting: exports nest under 20 levels; a 100,000-deep array parses, but every later
   * pass over the value (tagging, storing) would overflow the stack.
   */
  jsonDepth: number;
  /** A mail message's text outside its attachments (which stream): see importers/mbox/message.ts. */
  mailTextBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = {
  archiveDepth: 3,
  compressionRatio: 200,
  ratioFreeBytes: 16 * 1024 * 1024,
  archiveBytes: 200 * 1024 ** 3,
  csvRowChars: 16 * 1024 * 1024,
  csvColumns: 10_000,
  jsonItemBytes: 64 * 1024 * 1024,
  jsonDepth: 256,
  mailTextBytes: 32 * 1024 * 1024,
};

/** The limits in force: the defaults, then `OWNBASE_LIMIT_*` variables, then the caller's own. */
export function importLimits(overrides: Partial<ImportLimits> = {}, env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof ImportLimits)[]) {
    const variable = `OWNBASE_LIMIT_${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) throw new Error(`${variable} must be a positive number, not "${value}"`);
    limits[name] = number;
  }
  return { ...limits, ...overrides };
}

/** A byte count as a person reads it in a report: `16 MB`, `1.5 GB`. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 ** 2 ? `${+(bytes / 1024 ** 2).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
}
