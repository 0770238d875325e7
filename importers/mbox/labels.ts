import type { MessageHeaders } from "./headers.js";

/** Gmail Takeout marks its messages with a thread id and the message's labels. */
export function isGmail(headers: MessageHeaders): boolean {
  return headers.has("x-gm-thrid") || headers.has("x-gmail-labels");
}

/**
 * `X-Gmail-Labels: Inbox,Important,Opened,Category Forums,Work`. A list with non-ASCII names
 * arrives as one RFC 2047 encoded-word over the whole list, commas included, so the list is
 * decoded (by `text`) before it is split. System labels come localised; they are kept as written.
 */
export function gmailLabels(headers: MessageHeaders): string[] | undefined {
  const labels = (headers.text("x-gmail-labels") ?? "")
    .split(",")
    .map((label) => label.trim())
    .filter((label) => label !== "");
  return labels.length > 0 ? labels : undefined;
}
