import type { FileSample, Importer } from "../types.js";
import { readMbox } from "./read.js";

/** A header line: a name of printable characters other than `:`, then `:`. */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;

/**
 * An mbox starts (after blank lines, if any) with a `From ` line followed by header lines; the
 * name only breaks ties, as Takeout localises and shortens it.
 */
function detectMbox(sample: FileSample): number {
  const lines = sample.head.toString("latin1", 0, 4096).replace(/^(\r?\n)+/, "").split(/\r?\n/, 2);
  if (!/^From \S/.test(lines[0]!)) return 0;
  if (lines.length < 2 || !HEADER_LINE.test(lines[1]!)) return 0.3;
  return /\.mbo?x$/i.test(sample.name) ? 1 : 0.95;
}

const mbox: Importer = {
  id: "mbox.messages",
  platform: "email",
  title: "Email (mbox)",
  detect: detectMbox,
  read: readMbox,
  fieldSensitivity: {
    from: { level: 3, categories: ["contact"], reason: "email addresses" },
    to: { level: 3, categories: ["contact"], reason: "email addresses" },
    cc: { level: 3, categories: ["contact"], reason: "email addresses" },
    bcc: { level: 3, categories: ["contact"], reason: "email addresses" },
    reply_to: { level: 3, categories: ["contact"], reason: "email addresses" },
    subject: { level: 1, categories: ["communications"], reason: "message subject" },
    body: { level: 2, categories: ["communications"], reason: "message content" },
    attachments: { level: 2, categories: ["communications"], reason: "names of attached files" },
    labels: { level: 1, reason: "mail labels" },
    date: { level: 1, reason: "when the message was sent" },
    thread_id: { level: 1, categories: ["identifier"], reason: "conversation id" },
    message_id: { level: 1, categories: ["identifier"], reason: "message id" },
    in_reply_to: { level: 1, categories: ["identifier"], reason: "message id" },
    references: { level: 1, categories: ["identifier"], reason: "message ids" },
  },
};

/** Mail in mbox files: Gmail's Takeout (records on platform `gmail`) and any other mail client. */
export const mboxImporters: Importer[] = [mbox];
