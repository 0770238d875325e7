import { isObject } from "../../importers/json.js";
import type { FileInput, Importer, RecordDraft } from "../../importers/types.js";

/** Records read together, to be stored in one transaction, and what could not be read meanwhile. */
export interface ReadBatch {
  drafts: RecordDraft[];
  /** Problems met, as `where: what`. */
  errors: string[];
  /** Set on the last batch when the importer gave up on the file: why. */
  failure?: string;
}

/**
 * A batch is stored early once its text passes this: mail bodies and runs of location fixes make
 * records of any size. Held in memory as objects, a batch takes several times its text: batches
 * of 8 MB took a 860 MB Records.json's import to 414 MB, of 2 MB to 270 MB, at the same speed.
 */
const MAX_BATCH_CHARS = 2 * 1024 * 1024;

/**
 * An importer's reading of a file, in batches of `batchSize` records at most. What was read before
 * the importer gave up is sound: it comes in the last batch, with the failure.
 */
export async function* readBatches(importer: Importer, input: FileInput, batchSize: number): AsyncGenerator<ReadBatch> {
  let batch: ReadBatch = { drafts: [], errors: [] };
  let chars = 0;
  try {
    for await (const item of importer.read(input)) {
      if (item.type === "error") {
        batch.errors.push(`${item.at}: ${item.message}`);
        continue;
      }
      batch.drafts.push(item);
      chars += approximateChars(item);
      if (batch.drafts.length >= batchSize || chars >= MAX_BATCH_CHARS) {
        yield batch;
        [batch, chars] = [{ drafts: [], errors: [] }, 0];
      }
    }
  } catch (error) {
    batch.failure = (error as Error).message;
  }
  if (batch.drafts.length > 0 || batch.errors.length > 0 || batch.failure !== undefined) yield batch;
}

/**
 * Roughly how much text a record holds, cheaply: a list counts by its length and, for a list of
 * objects (location fixes), by its first object's number of keys.
 */
function approximateChars(draft: RecordDraft): number {
  let chars = (draft.title?.length ?? 0) + (draft.text?.length ?? 0) + (draft.url?.length ?? 0);
  for (const value of Object.values(draft.fields)) {
    if (typeof value === "string") chars += value.length;
    else if (Array.isArray(value)) chars += value.length * (isObject(value[0]) ? 16 * (Object.keys(value[0]).length + 1) : 32);
    else chars += 16;
  }
  return chars;
}
