import { describe, expect, it } from "vitest";
import { MessageHeaders } from "./headers.js";
import { gmailLabels, isGmail } from "./labels.js";

/** Headers from `Name: value` lines, as the parser hands them over. */
function headersOf(...lines: string[]): MessageHeaders {
  return new MessageHeaders(lines.map((line) => ({ key: line.slice(0, line.indexOf(":")).toLowerCase(), line })));
}

const base64Word = (bytes: Buffer) => `=?UTF-8?B?${bytes.toString("base64")}?=`;

describe("Gmail labels", () => {
  it("splits the label list on commas", () => {
    const headers = headersOf("X-Gmail-Labels: Inbox,Important,Opened,Category Forums, Work ,");
    expect(gmailLabels(headers)).toEqual(["Inbox", "Important", "Opened", "Category Forums", "Work"]);
  });

  it("decodes a list sent as one encoded-word before splitting it", () => {
    const headers = headersOf("X-Gmail-Labels: =?UTF-8?Q?Posteingang,Ge=C3=B6ffnet,Gesch=C3=A4ft/Rechnungen,=E6=97=85=E8=A1=8C?=");
    expect(gmailLabels(headers)).toEqual(["Posteingang", "Geöffnet", "Geschäft/Rechnungen", "旅行"]);
  });

  it("joins a list folded into several encoded-words, even inside a character", () => {
    const list = Buffer.from("Inbox,旅行,家族");
    const cut = "Inbox,".length + 1; // after the first of the three bytes of 旅
    const headers = headersOf(`X-Gmail-Labels: ${base64Word(list.subarray(0, cut))}\r\n ${base64Word(list.subarray(cut))}`);
    expect(gmailLabels(headers)).toEqual(["Inbox", "旅行", "家族"]);
  });

  it("tells Gmail messages by their thread id or labels", () => {
    expect(isGmail(headersOf("X-GM-THRID: 1654953015393719153"))).toBe(true);
    expect(isGmail(headersOf("X-Gmail-Labels: Inbox"))).toBe(true);
    expect(isGmail(headersOf("Subject: hi"))).toBe(false);
    expect(gmailLabels(headersOf("Subject: hi"))).toBeUndefined();
  });
});
