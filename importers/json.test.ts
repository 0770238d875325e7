import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer } from "../src/import/file-input.js";
import type { FileInput } from "./types.js";
import { streamJsonItems, withoutLoneSurrogates, type JsonItem, type JsonItemError } from "./json.js";

/** A file delivered in chunks of `size` bytes, so items, strings and escapes straddle them. */
function chunked(text: string, size: number, resume: unknown = null): FileInput {
  const bytes = Buffer.from(text);
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  return { ...fileInputFromBuffer("file.json", bytes, resume), open: () => Readable.from(chunks) };
}

async function items(file: FileInput, members: string[]): Promise<(JsonItem | JsonItemError)[]> {
  const found: (JsonItem | JsonItemError)[] = [];
  for await (const item of streamJsonItems(file, members)) found.push(item);
  return found;
}

const document = JSON.stringify({
  settings: { skip: ["[{", "}]"] },
  "se\"gments": [{ a: "x}]\\\"{[", b: [1, { c: 2 }] }, ["nested", { d: "ü€😀" }]],
  profile: { places: [{ e: 1 }] },
  last: 3,
});

describe("streaming the items of a JSON document's top-level members", () => {
  it("reads array members item by item and object members whole, whatever the chunking", async () => {
    const expected = [
      { type: "item", member: 'se"gments', index: 1, value: { a: 'x}]\\"{[', b: [1, { c: 2 }] } },
      { type: "item", member: 'se"gments', index: 2, value: ["nested", { d: "ü€😀" }] },
      { type: "item", member: "profile", index: 3, value: { places: [{ e: 1 }] } },
    ];
    for (const size of [1, 2, 3, 7, 1024]) expect(await items(chunked(document, size), ['se"gments', "profile"])).toEqual(expected);
  });

  it("reads the items of a top-level array, and skips up to the resume token unparsed", async () => {
    const text = '[{"n":1},{"n":2}, {"n": 3 ,}, {"n":4}]';
    expect(await items(chunked(text, 5, 1), [""])).toEqual([
      { type: "item", member: "", index: 2, value: { n: 2 } },
      { type: "error", at: "item 3", index: 3, message: expect.stringMatching(/^not valid JSON: /) },
      { type: "item", member: "", index: 4, value: { n: 4 } },
    ]);
  });

  it("reads bare values in arrays as items too, so importers can say they are not what they expect", async () => {
    const text = '{"a": [1, "x,]\\"y" , {"b":[2]}, true ,null], "c": 5}';
    const expected = [1, 'x,]"y', { b: [2] }, true, null].map((value, i) => ({ type: "item", member: "a", index: i + 1, value }));
    for (const size of [1, 3, 64]) expect(await items(chunked(text, size), ["a"])).toEqual(expected);
  });

  it("ignores members it was not asked for, however deep their brackets", async () => {
    expect(await items(chunked(document, 4), ["last", "skip"])).toEqual([]);
  });

  it("refuses what is not a JSON document, or one cut short", async () => {
    await expect(items(chunked("hello", 2), [""])).rejects.toThrow("not valid JSON: no object or array");
    await expect(items(chunked('{"a":[{"b":1}', 3), ["a"])).rejects.toThrow("the file ends inside the document, after item 1");
  });

  it("reads UTF-16 documents as well as UTF-8 ones", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"title":"Café"}]', "utf16le")]);
    expect(await items(fileInputFromBuffer("x.json", utf16), [""])).toEqual([{ type: "item", member: "", index: 1, value: { title: "Café" } }]);
  });
});

describe("withoutLoneSurrogates", () => {
  it("turns escapes of lone surrogates into U+FFFD and leaves pairs and escaped backslashes alone", () => {
    const parsed = (json: string) => JSON.parse(withoutLoneSurrogates(json)) as string;
    expect(parsed('"a\\ud800b \\udc00"')).toBe("a\ufffdb \ufffd");
    expect(parsed('"\\uD83D\\uDE00 \\ud800\\ud800\\udc00"')).toBe("😀 \ufffd\u{10000}");
    expect(parsed('"a literal \\\\ud800"')).toBe("a literal \\ud800");
  });
});
