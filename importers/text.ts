import { StringDecoder } from "node:string_decoder";
import { Transform, type Readable } from "node:stream";

/** The text encoding of a file, judged from its first bytes. */
export function sniffEncoding(head: Buffer): "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  // A head that is not valid UTF-8 (ignoring a sequence cut at its very end) is most likely a
  // legacy Windows export; windows-1252 maps every byte, so nothing is lost to U+FFFD.
  return isUtf8(head.subarray(0, lastCharBoundary(head))) ? "utf-8" : "windows-1252";
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Length of `head` without a trailing, possibly incomplete, UTF-8 sequence. */
function lastCharBoundary(head: Buffer): number {
  for (let i = head.length - 1; i >= Math.max(0, head.length - 4); i--) {
    const byte = head[i]!;
    if ((byte & 0xc0) !== 0x80) return byte < 0x80 ? head.length : i;
  }
  return head.length;
}

/** Decodes a byte stream to a stream of strings in the encoding sniffed from `head` (or given), BOM removed. */
export function decodeText(bytes: Readable, head: Buffer, encoding = sniffEncoding(head)): Readable {
  const decoder = textDecoder(encoding);
  let atStart = true;
  const decoded = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      let text = decoder.write(chunk);
      if (atStart && text.length > 0) [text, atStart] = [text.replace(/^\uFEFF/, ""), false];
      done(null, text.length > 0 ? text : undefined);
    },
    flush(done) {
      const rest = decoder.end();
      done(null, rest.length > 0 ? rest : undefined);
    },
  });
  bytes.on("error", (error) => decoded.destroy(error));
  return bytes.pipe(decoded);
}

/**
 * A streaming decoder: Node's own for UTF-8 and UTF-16LE, which decodes four times as fast as
 * TextDecoder, and TextDecoder for the encodings Node's lacks.
 */
function textDecoder(encoding: ReturnType<typeof sniffEncoding>): { write(bytes: Buffer): string; end(): string } {
  if (encoding === "utf-8" || encoding === "utf-16le") return new StringDecoder(encoding === "utf-8" ? "utf8" : "utf16le");
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
}

/** The file's first line of text, decoded, without BOM; null when the head is not text. */
export function firstLine(head: Buffer): string | null {
  if (looksBinary(head)) return null;
  const text = new TextDecoder(sniffEncoding(head)).decode(head.subarray(0, 16 * 1024));
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** True when the bytes hold control characters that text files never contain. */
export function looksBinary(head: Buffer): boolean {
  const encoding = sniffEncoding(head);
  if (encoding === "utf-16le" || encoding === "utf-16be") return false;
  const sample = head.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control > sample.length / 100;
}

/**
 * `compute`, remembered by its argument: for texts that repeat across millions of items. Once
 * `cap` texts are remembered the others are computed each time; the cap only guards against a
 * strange file.
 */
export function remembered<V>(compute: (text: string) => V, cap: number): (text: string) => V {
  const memory = new Map<string, V>();
  return (text) => {
    let value = memory.get(text);
    if (value === undefined) {
      value = compute(text);
      if (memory.size < cap) memory.set(text, value);
    }
    return value;
  };
}

/**
 * A column or key name as a field name: `Profile Name`, `profileName` → `profile_name`.
 * Remembered, as millions of JSON items share a few key names.
 */
export const snakeCase = remembered(
  (name) =>
    name
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1_$2")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "_")
      .replace(/^_+|_+$/g, ""),
  10_000,
);

/** The first `max` UTF-16 units of a text, one fewer where the cut would split a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * The matches of a global pattern in a text, as `text.matchAll(pattern)` gives them, without the
 * copy of the pattern that matchAll makes on every call: detectors run on millions of values.
 * It moves the pattern's own `lastIndex`, so a loop over the matches must not use that pattern.
 */
export function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    // An empty match would be found again at the same place: step over it, a whole character.
    if (match[0] === "") pattern.lastIndex += pattern.unicode && (text.codePointAt(pattern.lastIndex) ?? 0) > 0xffff ? 2 : 1;
    yield match;
  }
}
