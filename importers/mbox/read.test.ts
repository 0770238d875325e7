import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import type { ReadItem } from "../types.js";
import { readMbox } from "./read.js";

/** Every fixture mbox end to end: all the message shapes the project knows. */
const mbox = Buffer.concat(["quoting", "gmail", "headers", "charsets", "mime"].map((name) => readFileSync(fixture("mbox", `${name}.mbox`))));

async function collect(items: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const all: ReadItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("reading an mbox on parsing threads", () => {
  it("gives the same records and errors, in the same order, as reading it on the main thread", async () => {
    const inline = await collect(readMbox(fileInputFromBuffer("all.mbox", mbox), { threads: 0 }));
    const parallel = await collect(readMbox(fileInputFromBuffer("all.mbox", mbox), { threads: 2 }));
    expect(inline.filter((item) => item.type === "record").length).toBeGreaterThan(10);
    expect(parallel).toEqual(inline);
  });

  it("resumes at a message's byte offset as the main-thread reader does", async () => {
    const inline = await collect(readMbox(fileInputFromBuffer("all.mbox", mbox), { threads: 0 }));
    const third = inline.filter((item) => item.type === "record")[2]!;
    const resumed = await collect(readMbox(fileInputFromBuffer("all.mbox", mbox, third.resume), { threads: 2 }));
    const rest = await collect(readMbox(fileInputFromBuffer("all.mbox", mbox, third.resume), { threads: 0 }));
    expect(resumed).toEqual(rest);
    expect(resumed.filter((item) => item.type === "record").length).toBe(inline.filter((item) => item.type === "record").length - 3);
  });
});
