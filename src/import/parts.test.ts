import { describe, expect, it } from "vitest";
import { cutParts, PartsStored, type FilePart } from "./parts.js";

const UNIT = "<u>";

/** Units of the given lengths, each starting with the boundary. */
function unitsText(lengths: number[]): string {
  return lengths.map((length, index) => `${UNIT}${String(index).padEnd(length - UNIT.length, ".")}`).join("");
}

async function* chunked(text: string, chunk: number, from = 0): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text).subarray(from);
  for (let start = 0; start < bytes.length; start += chunk) yield bytes.subarray(start, start + chunk);
}

async function cut(text: string, partBytes: number, chunk: number, from = 0, maxUnitBytes?: number): Promise<FilePart[]> {
  const parts: FilePart[] = [];
  for await (const part of cutParts(chunked(text, chunk, from), Buffer.from(UNIT), partBytes, { offset: from, maxUnitBytes })) parts.push(part);
  return parts;
}

const texts = (parts: FilePart[]) => parts.map((part) => part.bytes.toString());

describe("cutting a file into parts", () => {
  it("ends each part before the first boundary at least its size in, and loses no byte", async () => {
    const text = `head${unitsText(Array.from({ length: 200 }, (_, i) => 10 + (i % 7) * 30))}`;
    const parts = await cut(text, 1000, 97);
    expect(parts.length).toBeGreaterThan(10);
    expect(texts(parts).join("")).toBe(text);
    for (const [index, part] of parts.entries()) {
      expect(part.offset).toBe(texts(parts.slice(0, index)).join("").length);
      if (index > 0) expect(part.bytes.toString().startsWith(UNIT)).toBe(true);
      // The part holds no boundary from its size on: it ended at the first.
      if (index < parts.length - 1) expect(part.bytes.indexOf(UNIT, 1000)).toBe(-1);
    }
  });

  it("cuts the same parts whatever the chunks, and from any part's start (a resumed import)", async () => {
    const text = unitsText(Array.from({ length: 300 }, (_, i) => 5 + ((i * 37) % 200)));
    const whole = texts(await cut(text, 2000, 1 << 20));
    expect(texts(await cut(text, 2000, 3))).toEqual(whole);
    const parts = await cut(text, 2000, 500);
    const fifth = parts[4]!;
    const resumed = await cut(text, 2000, 333, fifth.offset);
    expect(resumed.map((part) => part.offset)).toEqual(parts.slice(4).map((part) => part.offset));
    expect(texts(resumed)).toEqual(whole.slice(4));
  });

  it("keeps a unit longer than the look-ahead whole", async () => {
    const text = unitsText([10, 300_000, 10, 10]);
    const parts = await cut(text, 5, 4096);
    expect(texts(parts)).toEqual([text.slice(0, 10), text.slice(10, 300_010), text.slice(300_010, 300_020), text.slice(300_020)]);
  });

  it("says so when a file holds no boundary where one must be", async () => {
    const text = `${UNIT}${"x".repeat(3 * 1024 * 1024)}${UNIT}`;
    await expect(cut(text, 1024, 1 << 16, 0, 2 * 1024 * 1024)).rejects.toThrow("found nothing to cut it at in the 2 MB from byte 1024");
    // At its end, a file needs no boundary.
    expect(texts(await cut(text.slice(0, 1024 * 1024), 1024, 1 << 16, 0, 2 * 1024 * 1024))).toEqual([text.slice(0, 1024 * 1024)]);
  });
});

describe("the parts stored", () => {
  it("checkpoints the parts stored in a row from the start, and those stored ahead", () => {
    const stored = new PartsStored(null);
    stored.add(10, 10);
    stored.add(30, 5);
    expect(stored.checkpoint).toEqual({ offset: 0, done: [10, 30] });
    stored.add(0, 10);
    expect(stored.checkpoint).toEqual({ offset: 20, done: [30] });
    stored.add(20, 10);
    expect(stored.checkpoint).toEqual({ offset: 35, done: [] });
  });

  it("after an interruption, knows which parts to skip, and moves past them as they come", () => {
    const stored = new PartsStored({ offset: 20, done: [30] });
    expect([stored.has(0), stored.has(20), stored.has(30)]).toEqual([true, false, true]);
    stored.add(20, 10);
    // Part 30 was stored, but where it ends is known once it is cut again.
    expect(stored.checkpoint).toEqual({ offset: 30, done: [30] });
    stored.add(30, 8); // skipped, and now its end is known
    expect(stored.checkpoint).toEqual({ offset: 38, done: [] });
  });
});
