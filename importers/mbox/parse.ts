import { once } from "node:events";
import { MailParser, type AttachmentStream, type HeaderLines, type MessageText } from "mailparser";

/** An attachment as Ownbase keeps it: metadata only, the content is not stored. */
export interface AttachmentMeta {
  filename?: string;
  content_type: string;
  /** Decoded size in bytes. */
  size: number;
}

export interface ParsedMessage {
  /** The header lines as written, with lowercase names. */
  headerLines: HeaderLines;
  text?: string;
  html?: string;
  attachments: AttachmentMeta[];
}

/**
 * Everything mailparser would build beyond the parts Ownbase keeps costs time on every message:
 * text→HTML with link detection, inlined images, attachment checksums. HTML→text is left to the
 * mapping, which needs it also where mailparser skips it (HTML next to attachments).
 */
const OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  checksumAlgo: false,
} as const;

const SLICE_BYTES = 256 * 1024;
/** Bytes of base64, with a line break every 76 characters, per byte of content. */
const BASE64_SIZE = (4 / 3) * (77 / 76);

/**
 * One message streamed through mailparser's MailParser, so that a message of any size is parsed
 * without holding it whole: attachments are counted and dropped as they stream past. The text
 * parts are held whole, though (several times over while mailparser decodes them), so a message
 * whose bytes outside attachments pass `maxTextBytes` is cut there and `cut` is set.
 */
export class MessageParser {
  /** The message's text ran past the limit; what follows was not read. */
  cut = false;
  private readonly parser = new MailParser(OPTIONS);
  private readonly result: Promise<ParsedMessage>;
  private failed = false;
  private written = 0;
  /** The encoded size of the attachment content parsed so far, estimated from its decoded size. */
  private attachmentBytes = 0;

  constructor(private readonly maxTextBytes: number) {
    const parser = this.parser;
    const attachments: AttachmentMeta[] = [];
    let text: MessageText | undefined;
    parser.on("data", (data: AttachmentStream | MessageText) => {
      if (data.type === "text") {
        text = data;
        return;
      }
      const meta: AttachmentMeta = { filename: data.filename || undefined, content_type: data.contentType, size: 0 };
      attachments.push(meta);
      const encodedSize = data.headers.get("content-transfer-encoding") === "base64" ? BASE64_SIZE : 1;
      data.content.on("data", (chunk: Buffer) => {
        meta.size += chunk.length;
        this.attachmentBytes += chunk.length * encodedSize;
      });
      // A broken attachment keeps the size decoded so far; either way the parser goes on.
      data.content.once("end", () => data.release?.());
      data.content.once("error", () => data.release?.());
    });
    this.result = new Promise((resolve, reject) => {
      // `on`, not `once`: a broken message can fail more than once, and an unheard error would throw.
      parser.on("error", (error: Error) => {
        this.failed = true;
        reject(error);
      });
      parser.once("end", () => {
        resolve({ headerLines: parser.headerLines || [], text: text?.text, html: text?.html || undefined, attachments });
      });
    });
    // Read by end(); until then a failure must not go unhandled.
    this.result.catch(() => {});
  }

  /** Feeds the next bytes of the message; resolves when the parser wants more. */
  async write(bytes: Buffer): Promise<void> {
    // In slices, so that the parser's progress through attachments is known often enough to
    // tell text from attachment bytes, whatever the size of the chunks the file arrives in.
    for (let start = 0; start < bytes.length && !this.failed && !this.cut; start += SLICE_BYTES) {
      let slice = bytes.subarray(start, start + SLICE_BYTES);
      // Bytes still on their way through the parser count as text: the estimate errs high.
      const room = this.maxTextBytes - (this.written - this.attachmentBytes);
      if (slice.length > room) {
        this.cut = true;
        slice = slice.subarray(0, Math.max(0, room));
      }
      this.written += slice.length;
      if (slice.length > 0 && !this.parser.write(slice)) await once(this.parser, "drain").catch(() => {});
    }
  }

  /** Ends the message and resolves with what was parsed; rejects when mailparser failed. */
  end(): Promise<ParsedMessage> {
    if (!this.failed) this.parser.end();
    return this.result;
  }
}
