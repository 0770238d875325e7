import { describe, expect, it } from "vitest";
import { MessageParser } from "./parse.js";

async function parse(message: string | Buffer, maxTextBytes = 1024 * 1024) {
  const parser = new MessageParser(maxTextBytes);
  await parser.write(Buffer.isBuffer(message) ? message : Buffer.from(message));
  return { parsed: await parser.end(), cut: parser.cut };
}

/** A multipart message with a short text and one base64 attachment of `size` bytes. */
function withAttachment(size: number): string {
  return [
    'Content-Type: multipart/mixed; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "See the attachment.",
    "--b",
    'Content-Type: application/pdf; name="scan.pdf"',
    "Content-Disposition: attachment; filename=\"scan.pdf\"",
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.alloc(size, 7).toString("base64").replace(/.{76}/g, "$&\n"),
    "--b--",
    "",
  ].join("\n");
}

describe("MessageParser", () => {
  it("keeps attachments as metadata: name, type and decoded size", async () => {
    const { parsed } = await parse(withAttachment(5000));
    expect(parsed.text?.trim()).toBe("See the attachment.");
    expect(parsed.attachments).toEqual([{ filename: "scan.pdf", content_type: "application/pdf", size: 5000 }]);
  });

  it("streams attachments far larger than the text limit", async () => {
    // A limit well above the few MB on their way through the parser at any time.
    const { parsed, cut } = await parse(withAttachment(24 * 1024 * 1024), 8 * 1024 * 1024);
    expect(cut).toBe(false);
    expect(parsed.attachments[0]!.size).toBe(24 * 1024 * 1024);
  });

  it("cuts a message whose text runs past the limit, keeping what came before", async () => {
    const { parsed, cut } = await parse(`Subject: long\n\n${"words and more words\n".repeat(100_000)}`, 1024 * 1024);
    expect(cut).toBe(true);
    expect(parsed.text!.length).toBeGreaterThan(1000 * 1000);
    expect(parsed.text!.length).toBeLessThanOrEqual(1024 * 1024);
  });

  it("hands over HTML as it is, for the mapping to turn into text", async () => {
    const { parsed } = await parse("Content-Type: text/html\n\n<p>Hello <b>you</b></p>\n");
    expect(parsed.html).toContain("<b>you</b>");
    expect(parsed.text ?? "").toBe("");
  });

  it("rejects a message mailparser cannot read", async () => {
    await expect(parse(`X-Long: ${"a".repeat(2 * 1024 * 1024)}\n\nbody\n`, 8 * 1024 * 1024)).rejects.toThrow(/header size/i);
  });
});
