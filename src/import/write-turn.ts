/**
 * Whose turn it is to write to the vault, among the threads of one import. SQLite lets one
 * connection write at a time and makes the others sleep and retry (1 to 100 ms at a go), which
 * left the threads of an import idle a third of the time; taking turns here wakes the next writer
 * the moment a transaction ends. It lives in shared memory, so every thread holds the same turn.
 */
export class WriteTurn {
  private readonly cell: Int32Array;

  constructor(readonly shared = new SharedArrayBuffer(4)) {
    this.cell = new Int32Array(shared);
  }

  /** Runs `write` when it is this thread's turn, and passes the turn on after. */
  async take<T>(write: () => Promise<T>): Promise<T> {
    // 0 is free, 1 taken. Waiting is asynchronous: a server's event loop goes on meanwhile.
    while (Atomics.compareExchange(this.cell, 0, 0, 1) !== 0) {
      const waiting = Atomics.waitAsync(this.cell, 0, 1);
      if (!waiting.async) continue;
      // Node does not count the wait as work to wait for: a thread with nothing else to do would end.
      const alive = setInterval(() => {}, 60_000);
      await waiting.value.finally(() => clearInterval(alive));
    }
    try {
      return await write();
    } finally {
      Atomics.store(this.cell, 0, 0);
      Atomics.notify(this.cell, 0, 1);
    }
  }
}
