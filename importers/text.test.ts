import { describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import { cutText, decodeText, matchesOf, sniffEncoding, snakeCase } from "./text.js";

describe("snakeCase", () => {
  it("gives today's and older exports' spellings of a column the same field name", () => {
    expect(snakeCase("Localized Device Description")).toBe("localized_device_description");
    expect(snakeCase("localizedDeviceDescription")).toBe("localized_device_description");
    expect(snakeCase("Mop Last 4")).toBe("mop_last_4");
    expect(snakeCase("\uFEFFProfile Name ")).toBe("profile_name");
  });
});

describe("sniffEncoding", () => {
  it("tells UTF-8, UTF-16 and legacy Windows text apart from the first bytes", () => {
    expect(sniffEncoding(Buffer.from("\uFEFFTitle,Date\n", "utf8"))).toBe("utf-8");
    expect(sniffEncoding(Buffer.from("Título,Fecha\n", "utf8"))).toBe("utf-8");
    expect(sniffEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Title", "utf16le")]))).toBe("utf-16le");
    expect(sniffEncoding(Buffer.from("T\xedtulo,Fecha\n", "latin1"))).toBe("windows-1252");
    // A multi-byte character cut off at the end of the head is still UTF-8.
    expect(sniffEncoding(Buffer.from("Caf\u00e9", "utf8").subarray(0, 4))).toBe("utf-8");
  });
});

describe("cutText", () => {
  it("never cuts a surrogate pair in half, which would leave text that cannot be stored", () => {
    expect(cutText("ab😀cd", 3)).toBe("ab");
    expect(cutText("ab😀cd", 4)).toBe("ab😀");
    expect(cutText("abc", 5)).toBe("abc");
  });
});

describe("matchesOf", () => {
  it("finds what matchAll finds, empty matches and astral characters included, call after call", () => {
    const cases: [RegExp, string][] = [
      [/\d+/g, "a1b22c333"],
      [/x*/g, "axxb"],
      [/(?:)/gu, "a😀b"],
      [/[😀-😂]/gu, "😀x😂"],
    ];
    for (const [pattern, text] of cases) {
      const expected = [...text.matchAll(pattern)].map((match) => [match.index, match[0]]);
      expect([...matchesOf(pattern, text)].map((match) => [match.index, match[0]])).toEqual(expected);
      // The pattern's position from the last call does not carry over.
      expect([...matchesOf(pattern, text)].map((match) => [match.index, match[0]])).toEqual(expected);
    }
  });
});

describe("decodeText", () => {
  const decoded = async (chunks: Buffer[]) => {
    let text = "";
    for await (const piece of decodeText(Readable.from(chunks), Buffer.concat(chunks))) text += piece as string;
    return text;
  };
  /** The bytes cut in one-byte chunks: every character split across chunks. */
  const byteByByte = (bytes: Buffer) => [...bytes].map((byte) => Buffer.from([byte]));

  it("drops the byte order mark and keeps characters cut between chunks, in every encoding it sniffs", async () => {
    const text = "Café 😀, „Zoë“ – 東京";
    expect(await decoded(byteByByte(Buffer.from(`\uFEFF${text}`, "utf8")))).toBe(text);
    expect(await decoded(byteByByte(Buffer.from(text, "utf8")))).toBe(text);
    expect(await decoded(byteByByte(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])))).toBe(text);
    const be = Buffer.from(text, "utf16le").swap16();
    expect(await decoded(byteByByte(Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toBe(text);
    expect(await decoded([Buffer.from("T\xedtulo \x80", "latin1")])).toBe("Título €");
  });

  it("keeps a byte order mark that is not the first character", async () => {
    expect(await decoded([Buffer.from("a\uFEFFb", "utf8")])).toBe("a\uFEFFb");
  });
});
