import { describe, expect, it } from "vitest";
import { MboxSplitter } from "./splitter.js";

interface Split {
  offset: number;
  fromLine: string;
  body: string;
  next: number;
}

/** Splits `content` fed in chunks of `chunkSize` bytes, as a file stream would arrive. */
function split(content: string | Buffer, chunkSize = Infinity, startOffset = 0): Split[] {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, "latin1");
  const splitter = new MboxSplitter(startOffset);
  const pieces = [];
  for (let start = 0; start < bytes.length; start += chunkSize) pieces.push(...splitter.push(bytes.subarray(start, start + chunkSize)));
  pieces.push(...splitter.end());

  const messages: Split[] = [];
  for (const piece of pieces) {
    if (piece.type === "start") messages.push({ offset: piece.offset, fromLine: piece.fromLine, body: "", next: -1 });
    else if (piece.type === "data") messages.at(-1)!.body += piece.bytes.toString("latin1");
    else messages.at(-1)!.next = piece.next;
  }
  return messages;
}

const TWO_MESSAGES =
  "From alice@example.com Mon Mar  4 09:15:00 2019\nSubject: one\n\nHello\n\n" +
  "From bob@example.org Mon Mar  4 11:00:00 2019\nSubject: two\n\nBye\n";

describe("MboxSplitter", () => {
  it("starts a message at each From line after a blank line, with its byte offsets", () => {
    const second = TWO_MESSAGES.indexOf("From bob");
    expect(split(TWO_MESSAGES)).toEqual([
      { offset: 0, fromLine: "From alice@example.com Mon Mar  4 09:15:00 2019", body: "Subject: one\n\nHello\n\n", next: second },
      { offset: second, fromLine: "From bob@example.org Mon Mar  4 11:00:00 2019", body: "Subject: two\n\nBye\n", next: TWO_MESSAGES.length },
    ]);
  });

  it("keeps a From line that follows text in the body (unquoted mboxo)", () => {
    const content = "From a@x Mon Mar  4 09:15:00 2019\nSubject: s\n\nSee below:\nFrom Monday on we meet at nine.\n";
    expect(split(content).map((message) => message.body)).toEqual(["Subject: s\n\nSee below:\nFrom Monday on we meet at nine.\n"]);
  });

  it("removes one > from quoted From lines (mboxo and mboxrd) and leaves other quoting alone", () => {
    const content = "From a@x Mon Mar  4 09:15:00 2019\n\n>From one\n>>From two\n>>>From three\n> From reply\n>Fromage\n";
    expect(split(content)[0]!.body).toBe("\nFrom one\n>From two\n>>From three\n> From reply\n>Fromage\n");
  });

  it("recognises blank lines ending in CR LF, as Gmail writes them", () => {
    const content = "From a@x Mon Jan 06 04:49:45 +0000 2020\r\nSubject: one\r\n\r\nHi\r\n\r\nFrom b@x Mon Jan 06 04:50:00 +0000 2020\r\nSubject: two\r\n\r\n";
    expect(split(content).map((message) => message.fromLine)).toEqual(["From a@x Mon Jan 06 04:49:45 +0000 2020", "From b@x Mon Jan 06 04:50:00 +0000 2020"]);
  });

  it("gives the same result however the stream is cut into chunks", () => {
    const content = `${TWO_MESSAGES}\n>From quoted\n${"x".repeat(10_000)}\n\nFrom c@x Tue Mar  5 10:00:00 2019\nSubject: three\n\n>>From q\r\n\r\n`;
    const whole = split(content);
    expect(whole).toHaveLength(3);
    for (const size of [1, 2, 3, 5, 7, 64, 4095, 4096, 4097]) expect(split(content, size), `chunks of ${size}`).toEqual(whole);
  });

  it("passes lines longer than its carry on without holding them", () => {
    const long = "y".repeat(100_000);
    const content = `From a@x Mon Mar  4 09:15:00 2019\n\n${long}\n\nFrom b@x Mon Mar  4 09:16:00 2019\n\nok\n`;
    const messages = split(content, 1000);
    expect(messages.map((message) => message.body)).toEqual([`\n${long}\n\n`, "\nok\n"]);
  });

  it("counts offsets from where a resumed stream starts", () => {
    const [first] = split(TWO_MESSAGES.slice(TWO_MESSAGES.indexOf("From bob")), Infinity, 5000);
    expect(first).toMatchObject({ offset: 5000, next: 5000 + TWO_MESSAGES.length - TWO_MESSAGES.indexOf("From bob") });
  });

  it("finds nothing, and no fault, when resumed at the end of the file", () => {
    expect(split("", Infinity, 5000)).toEqual([]);
  });

  it("accepts blank lines before the first message", () => {
    expect(split(`\n\r\n${TWO_MESSAGES}`).map((message) => message.offset)).toEqual([3, 3 + TWO_MESSAGES.indexOf("From bob")]);
  });

  it("refuses a file that does not start with a From line", () => {
    expect(() => split("Title,Date\nThe Crown,1/3/26\n")).toThrow("not an mbox: no 'From ' separator line");
    expect(() => split("Subject: hi\n\nFrom a@x Mon Mar  4 09:15:00 2019\n")).toThrow(/not an mbox.*Subject: hi/);
    expect(() => split("")).toThrow("not an mbox: no 'From ' separator line");
    expect(() => split("\n\n")).toThrow("not an mbox: no 'From ' separator line");
  });
});
