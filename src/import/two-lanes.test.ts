import { describe, expect, it } from "vitest";
import { TwoLanes, type LaneJob } from "./two-lanes.js";

/** Jobs that record where they ran and finish when told. */
function jobs() {
  const log: string[] = [];
  const finish = new Map<string, () => void>();
  const run = (name: string, lane: string) => () => {
    log.push(`${name} ${lane}`);
    return new Promise<void>((resolve) => finish.set(name, resolve));
  };
  const job = (name: string, threadable: boolean): LaneJob => ({ here: run(name, "here"), onThread: threadable ? run(name, "thread") : undefined });
  const end = async (name: string) => {
    finish.get(name)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { log, job, end };
}

describe("two lanes", () => {
  it("keeps a file alone here, and gives the thread the first large file waiting while here is busy", async () => {
    const lanes = new TwoLanes();
    const { log, job, end } = jobs();
    const big = lanes.add(job("big", true));
    expect(log).toEqual(["big here"]);
    lanes.add(job("small", false));
    lanes.add(job("large", true));
    expect(log).toEqual(["big here", "large thread"]);
    await end("big");
    await big;
    expect(log).toEqual(["big here", "large thread", "small here"]);
    const idle = lanes.idle().then(() => log.push("idle"));
    await end("small");
    expect(log.at(-1)).toBe("small here");
    await end("large");
    await idle;
    expect(log.at(-1)).toBe("idle");
  });

  it("gives a thread that comes free the next large file still waiting", async () => {
    const lanes = new TwoLanes();
    const { log, job, end } = jobs();
    lanes.add(job("a", true));
    lanes.add(job("b", true));
    lanes.add(job("c", false));
    lanes.add(job("d", true));
    expect(log).toEqual(["a here", "b thread"]);
    await end("b");
    expect(log).toEqual(["a here", "b thread", "d thread"]);
    await end("a");
    expect(log.at(-1)).toBe("c here");
  });
});
