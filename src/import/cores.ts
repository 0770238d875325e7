import { availableParallelism } from "node:os";

/**
 * Cores taken by an import's pipelines: a lane importing a file, a thread parsing an mbox or
 * preparing parts of a split file. In shared memory, so that a thread of the import (its second
 * lane) takes and gives back cores from the same count (see shareCores).
 */
let taken = new Int32Array(new SharedArrayBuffer(4));

/** Cores free for one more of an import's pipelines. Two pipelines at most keep an import under 500 MB. */
export function spareCores(): number {
  return Math.max(0, availableParallelism() - Atomics.load(taken, 0));
}

/** Takes `count` cores until the returned function is called. */
export function takeCores(count: number): () => void {
  Atomics.add(taken, 0, count);
  let released = false;
  return () => {
    if (!released) Atomics.sub(taken, 0, count);
    released = true;
  };
}

/** The count, to hand to a thread of the import. */
export function coresCount(): SharedArrayBuffer {
  return taken.buffer as SharedArrayBuffer;
}

/** On a thread of an import: count cores with the thread that started it. */
export function shareCores(count: SharedArrayBuffer): void {
  taken = new Int32Array(count);
}
