/**
 * Splits an mbox byte stream into messages without decoding it: works line by line on Buffers,
 * so a file of any size streams through in bounded memory.
 *
 * A message starts at a line beginning `From ` that follows a blank line or the start of the
 * stream. Body lines matching /^>+From / lose one `>`, which undoes both mboxo quoting (`From `
 * → `>From `) and mboxrd quoting (`>From ` → `>>From `). mboxcl's `Content-Length` header is not
 * consulted: mboxcl quotes `From ` lines as mboxo does, and a wrong length would misplace every
 * message after it. (mboxcl2 does not quote, so a body line `From ` after a blank line splits there.)
 */

/** What the splitter finds, in stream order: `start`, its `data` pieces, `end`, next `start`… */
export type MboxPiece =
  /** A message whose `From ` line starts at byte `offset` of the file. */
  | { type: "start"; offset: number; fromLine: string }
  /** Bytes of the current message after its `From ` line, unquoted. */
  | { type: "data"; bytes: Buffer }
  /** The current message ended; the next one (or the end of the file) is at byte `next`. */
  | { type: "end"; next: number };

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM = Buffer.from("From ");
/**
 * A line cut by a chunk boundary is kept for the next chunk, so that lines are always judged
 * whole; a longer one can be no `From ` line and is passed on as it is, keeping memory bounded.
 */
const MAX_CARRY = 4096;

export class MboxSplitter {
  /** File offset of the first byte of the next chunk (after `carry`). */
  private offset: number;
  /** The start of a line cut by the last chunk's end. */
  private carry: Buffer | null = null;
  /** The last chunk ended inside a long line, so the next chunk starts mid-line. */
  private midLine = false;
  /** The line before the current one was blank; the stream start counts as one. */
  private afterBlank = true;
  private inMessage = false;
  /** A stream resumed after the last message of the file is empty, and that is no error. */
  private readonly resumed: boolean;

  constructor(startOffset = 0) {
    this.offset = startOffset;
    this.resumed = startOffset > 0;
  }

  /** Splits the next chunk of the stream. */
  push(chunk: Buffer): MboxPiece[] {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const base = this.offset - (this.carry?.length ?? 0);
    this.carry = null;
    this.offset += chunk.length;
    return this.scan(buf, base, false);
  }

  /** Ends the stream; throws when it held no message at all. */
  end(): MboxPiece[] {
    const buf = this.carry ?? Buffer.alloc(0);
    const pieces = this.scan(buf, this.offset - buf.length, true);
    this.carry = null;
    if (this.inMessage) pieces.push({ type: "end", next: this.offset });
    else if (!this.resumed) throw notAnMbox("the file holds no message");
    return pieces;
  }

  private scan(buf: Buffer, base: number, final: boolean): MboxPiece[] {
    const pieces: MboxPiece[] = [];
    /** Start of the bytes not yet handed out as data. */
    let pending = 0;
    const flush = (to: number) => {
      if (this.inMessage && to > pending) pieces.push({ type: "data", bytes: buf.subarray(pending, to) });
    };

    let pos = 0;
    while (pos < buf.length) {
      const newline = buf.indexOf(LF, pos);
      if (newline === -1 && !final && !this.midLine && buf.length - pos < MAX_CARRY) {
        flush(pos);
        this.carry = Buffer.from(buf.subarray(pos));
        return pieces;
      }
      const end = newline === -1 ? buf.length : newline + 1;
      if (this.midLine) {
        this.afterBlank = false;
      } else {
        if (this.afterBlank && startsWithFrom(buf, pos)) {
          flush(pos);
          if (this.inMessage) pieces.push({ type: "end", next: base + pos });
          pieces.push({ type: "start", offset: base + pos, fromLine: buf.toString("latin1", pos, end).trimEnd() });
          this.inMessage = true;
          pending = end;
        } else if (buf[pos] === GT && isQuotedFrom(buf, pos)) {
          flush(pos);
          pending = pos + 1;
        } else if (!this.inMessage && !isBlank(buf, pos, end)) {
          throw notAnMbox(`it starts with "${buf.toString("latin1", pos, Math.min(end, pos + 60)).trimEnd()}"`);
        }
        this.afterBlank = isBlank(buf, pos, end);
      }
      this.midLine = newline === -1;
      pos = end;
    }
    flush(buf.length);
    return pieces;
  }
}

/** Splits a byte stream that starts at file offset `startOffset` (a message start or 0). */
export async function* splitMbox(input: AsyncIterable<Buffer>, startOffset = 0): AsyncGenerator<MboxPiece> {
  const splitter = new MboxSplitter(startOffset);
  for await (const chunk of input) yield* splitter.push(chunk);
  yield* splitter.end();
}

function notAnMbox(detail: string): Error {
  return new Error(`not an mbox: no 'From ' separator line (${detail})`);
}

function startsWithFrom(buf: Buffer, pos: number): boolean {
  return buf.length - pos >= FROM.length && buf.compare(FROM, 0, FROM.length, pos, pos + FROM.length) === 0;
}

function isQuotedFrom(buf: Buffer, pos: number): boolean {
  let at = pos;
  while (buf[at] === GT) at++;
  return startsWithFrom(buf, at);
}

/** True for an empty line, with or without its CR LF or LF. */
function isBlank(buf: Buffer, start: number, end: number): boolean {
  let length = end - start;
  if (length > 0 && buf[end - 1] === LF) length--;
  if (length > 0 && buf[start + length - 1] === CR) length--;
  return length === 0;
}
