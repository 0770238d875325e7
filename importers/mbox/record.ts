import { compile } from "html-to-text";
import type { FieldValue, RecordDraft } from "../types.js";
import { parseFromLineDate, parseMessageDate, parseReceivedDate } from "./dates.js";
import { MessageHeaders } from "./headers.js";
import { gmailLabels, isGmail } from "./labels.js";
import type { AttachmentMeta, ParsedMessage } from "./parse.js";
import { digest } from "../keys.js";
import { cutText } from "../text.js";

/**
 * The search text holds this many characters of the body: enough for any real letter, while a
 * pasted log or a huge newsletter does not bloat the index. The `body` field keeps all of it.
 */
export const MAX_SEARCH_BODY = 100 * 1024;

/**
 * HTML converted to text at most: converting builds a DOM many times the size of the HTML, and
 * real mail HTML stays far below this (Gmail itself clips a message's HTML at 102 KB).
 */
const MAX_HTML_TO_TEXT = 2 * 1024 * 1024;

/** Text as a reader sees the page: no wrapping, no image markers, headings and links as written. */
const htmlToText = compile({
  wordwrap: false,
  limits: { maxDepth: 1000 },
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "a", options: { ignoreHref: true } },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
});

/** A parsed message as a record; `resume` is where the next message starts in the file. */
export function messageRecord(message: ParsedMessage, fromLine: string, resume: number): RecordDraft {
  const headers = new MessageHeaders(message.headerLines);
  const subject = headers.text("subject");
  const body = bodyText(message);
  const time = messageTime(headers, fromLine);
  const from = headers.addresses("from")?.join(", ");
  const to = headers.addresses("to");
  const messageId = headers.messageIds("message-id")[0];
  const references = headers.messageIds("references");

  // Without a Message-ID, what the message says identifies it across exports.
  const naturalKey = messageId
    ? `message:${messageId.replace(/^<|>$/g, "")}`
    : `message:hash:${digest(JSON.stringify([time?.toISOString() ?? null, from, to, subject, body]), 32)}`;

  return {
    type: "record",
    platform: isGmail(headers) ? "gmail" : "email",
    kind: "message",
    naturalKey,
    time,
    title: subject ?? null,
    text: [subject, body && cutText(body, MAX_SEARCH_BODY)].filter(Boolean).join("\n\n") || null,
    fields: {
      from,
      to,
      cc: headers.addresses("cc"),
      bcc: headers.addresses("bcc"),
      reply_to: headers.addresses("reply-to"),
      subject,
      date: headers.text("date"),
      body,
      labels: gmailLabels(headers),
      thread_id: headers.raw("x-gm-thrid"),
      message_id: messageId,
      in_reply_to: headers.messageIds("in-reply-to")[0],
      references: references.length > 0 ? references : undefined,
      attachments: message.attachments.length > 0 ? message.attachments.map(attachmentField) : undefined,
    },
    resume,
  };
}

/** The plain text body; HTML-only messages (half of Gmail) are turned into text. */
function bodyText({ text, html }: ParsedMessage): string | undefined {
  const plain = text?.trim();
  if (plain) return plain;
  return html ? htmlToText(cutText(html, MAX_HTML_TO_TEXT)).trim() || undefined : undefined;
}

/** `Date:`, else the earliest `Received:` (the last one), else the `From ` line. */
function messageTime(headers: MessageHeaders, fromLine: string): Date | null {
  const date = headers.raw("date");
  const received = headers.all("received").at(-1);
  return (date && parseMessageDate(date)) || (received && parseReceivedDate(received)) || parseFromLineDate(fromLine);
}

function attachmentField({ filename, content_type, size }: AttachmentMeta): FieldValue {
  return filename ? { filename, content_type, size } : { content_type, size };
}
