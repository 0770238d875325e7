import { availableParallelism } from "node:os";
import { isMainThread } from "node:worker_threads";

/** Cores taken by an import's threads beside the main one: its second lane, mbox's parsers. */
let taken = 0;

/**
 * Cores free for an import's threads: those the main thread and the threads running already do
 * not take. None on a thread other than the main one: the main one hands them out. Two
 * pipelines at most keep an import under 500 MB.
 */
export function spareCores(): number {
  return isMainThread ? Math.max(0, availableParallelism() - 1 - taken) : 0;
}

/** Takes `count` cores until the returned function is called. */
export function takeCores(count: number): () => void {
  taken += count;
  let released = false;
  return () => {
    if (!released) taken -= count;
    released = true;
  };
}
