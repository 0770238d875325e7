import type { Readable } from "node:stream";
import type { ImportLimits } from "../src/import/limits.js";
import type { SensitivitySpec } from "../src/sensitivity/levels.js";

/** What an importer sees of a file when deciding whether it can read it. */
export interface FileSample {
  /** Path inside the dropped input, e.g. `netflix.zip/CONTENT_INTERACTION/ViewingActivity.csv`. */
  path: string;
  /** Last path segment, e.g. `ViewingActivity.csv`. */
  name: string;
  /** Uncompressed size in bytes when known. */
  size: number | null;
  /** The first bytes of the file (up to 64 KiB), undecoded. */
  head: Buffer;
}

/** A file handed to an importer's reader. */
export interface FileInput extends FileSample {
  /**
   * Opens the file from `start` (a byte offset; 0 by default). Seeking is cheap for plain files;
   * inside archives the bytes before `start` are decompressed and dropped.
   */
  open(start?: number): Readable;
  /**
   * Where an interrupted import of this file stopped: the `resume` token of the last record
   * that was stored, or null on a fresh import.
   */
  resume: unknown;
  /** The limits a reader holds the file to (rows, items, nesting); the defaults when absent. */
  limits?: ImportLimits;
  /**
   * Set when this is a part of a file its importer splits (see `Importer.split`): where in the
   * file the part starts. Its encoding is the file's, as `split` saw it.
   */
  part?: { offset: number };
}

/** A value as stored in a field; arrays and objects are stored as JSON. */
export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };

/** One normalised item of the user's life, as an importer yields it. */
export interface RecordDraft {
  type: "record";
  /** The service the item happened on; defaults to the importer's platform. */
  platform?: string;
  /** What the item is: `viewing`, `search`, `order_item`, `message`, `list_item`, … */
  kind: string;
  /** Unique per platform and stable across exports, so a re-import adds nothing twice. */
  naturalKey: string;
  time: Date | null;
  title: string | null;
  /** Text for full-text search; defaults to the title. */
  text?: string | null;
  url?: string | null;
  /** Every field of the item, by name; empty values are left out. */
  fields: Record<string, FieldValue | undefined>;
  /**
   * A token from which the reader can continue right after this record (a byte offset, a row
   * number, …); handed back as `FileInput.resume` when an interrupted import restarts.
   */
  resume?: unknown;
}

/** A part of the file the importer could not read; the import goes on. */
export interface ItemError {
  type: "error";
  /** Where in the file, as a person would look for it: `row 17`, `message 3 (byte 40213)`. */
  at: string;
  message: string;
}

export type ReadItem = RecordDraft | ItemError;

export interface Importer {
  /** Stable id, e.g. `netflix.viewing-activity`. */
  id: string;
  platform: string;
  /** Human title, e.g. `Netflix viewing activity`. */
  title: string;
  /**
   * How sure the importer is that it reads this file: 0 (not at all) to 1 (certain). Look at
   * content first (header row, JSON shape, first bytes); names only break ties, since exports
   * rename their files across years and languages.
   */
  detect(sample: FileSample): number;
  /** Streams the file's records; a fatal problem is thrown, a bad item is yielded as an error. */
  read(file: FileInput): AsyncIterable<ReadItem>;
  /**
   * For files made of independent units (My Activity's entries): the bytes that start each one,
   * or null when this file cannot be split. The import then cuts the file into parts of whole
   * units, which `read` reads each on its own, and which two threads may read at once; an
   * interrupted import resumes at the parts not stored.
   */
  split?(sample: FileSample): Buffer | null;
  /** Sensitivity of this importer's fields, by field name. */
  fieldSensitivity?: Record<string, SensitivitySpec>;
  /** Sensitivity of fields not in `fieldSensitivity`; level 1 personal when absent. */
  defaultSensitivity?: SensitivitySpec;
}
