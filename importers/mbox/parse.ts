import { once } from "node:events";
import { MailParser, type AttachmentStream, type HeaderLines, type Headers, type MessageText } from "mailparser";

/** An attachment as Ownbase keeps it: metadata only, the content is not stored. */
export interface AttachmentMeta {
  filename?: string;
  content_type: string;
  /** Decoded size in bytes. */
  size: number;
}

export interface ParsedMessage {
  /** Parsed headers by lowercase name; addresses and encoded words decoded. */
  headers: Headers;
  /** The raw header lines, for the headers mailparser interprets in its own way (Date). */
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

/**
 * One message streamed through mailparser's MailParser, so that a message of any size is parsed
 * without holding it whole: attachments are counted and dropped as they stream past, only the
 * text parts are kept.
 */
export class MessageParser {
  private readonly parser = new MailParser(OPTIONS);
  private readonly result: Promise<ParsedMessage>;
  private failed = false;

  constructor() {
    const parser = this.parser;
    const attachments: AttachmentMeta[] = [];
    let text: MessageText | undefined;
    parser.on("data", (data: AttachmentStream | MessageText) => {
      if (data.type === "text") text = data;
      else countAttachment(data, attachments);
    });
    this.result = new Promise((resolve, reject) => {
      parser.once("error", (error: Error) => {
        this.failed = true;
        reject(error);
      });
      parser.once("end", () => {
        if (!parser.headers || !parser.headerLines) return reject(new Error("the message has no headers"));
        resolve({ headers: parser.headers, headerLines: parser.headerLines, text: text?.text, html: text?.html || undefined, attachments });
      });
    });
    // Read by end(); until then a failure must not go unhandled.
    this.result.catch(() => {});
  }

  /** Feeds the next bytes of the message; resolves when the parser wants more. */
  async write(bytes: Buffer): Promise<void> {
    if (this.failed || this.parser.write(bytes)) return;
    await once(this.parser, "drain").catch(() => {});
  }

  /** Ends the message and resolves with what was parsed; rejects when mailparser failed. */
  end(): Promise<ParsedMessage> {
    if (!this.failed) this.parser.end();
    return this.result;
  }
}

function countAttachment(attachment: AttachmentStream, into: AttachmentMeta[]): void {
  const meta: AttachmentMeta = { filename: attachment.filename || undefined, content_type: attachment.contentType, size: 0 };
  into.push(meta);
  attachment.content.on("data", (chunk: Buffer) => (meta.size += chunk.length));
  attachment.content.once("end", () => attachment.release?.());
}
