/** A file's import as either lane runs it; `onThread` only for a file a thread may take. */
export interface LaneJob {
  here: () => Promise<void>;
  onThread?: () => Promise<void>;
}

/**
 * Files found and not yet imported, and the two lanes that import them: this thread takes them
 * one after the other in the order found, and a second thread takes the first one waiting that
 * it may (a large file) whenever it is free while this thread is busy. A file alone stays here:
 * a thread would only cost its start. Jobs never reject.
 */
export class TwoLanes {
  private readonly waiting: { job: LaneJob; done: () => void }[] = [];
  private here: Promise<void> | null = null;
  private thread: Promise<void> | null = null;
  private readonly changes = new Set<() => void>();

  /** `threadFree`: whether a thread may start now (a core is spare). */
  constructor(private readonly threadFree: () => boolean = () => true) {}

  /** Files found ahead of their turn, at most: each holds its first 64 KB. */
  static readonly MAX_WAITING = 256;

  /** Queues a job; the promise resolves once it is done. */
  add(job: LaneJob): Promise<void> {
    const done = new Promise<void>((resolve) => this.waiting.push({ job, done: resolve }));
    this.pump();
    return done;
  }

  /** Resolves when fewer than MAX_WAITING jobs wait. */
  async roomToWait(): Promise<void> {
    while (this.waiting.length >= TwoLanes.MAX_WAITING) await this.nextChange();
  }

  /** Resolves once every job added is done. */
  async idle(): Promise<void> {
    while (this.here || this.thread || this.waiting.length > 0) await this.nextChange();
  }

  private pump(): void {
    if (!this.here) {
      const next = this.waiting.shift();
      if (next) this.here = this.run(next.job.here, next.done, () => (this.here = null));
    }
    if (!this.thread && this.here && this.threadFree()) {
      const index = this.waiting.findIndex(({ job }) => job.onThread);
      if (index >= 0) {
        const [next] = this.waiting.splice(index, 1);
        this.thread = this.run(next!.job.onThread!, next!.done, () => (this.thread = null));
      }
    }
  }

  private run(job: () => Promise<void>, done: () => void, free: () => void): Promise<void> {
    return job().finally(() => {
      free();
      done();
      this.pump();
      for (const change of this.changes) change();
      this.changes.clear();
    });
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => this.changes.add(resolve));
  }
}
