import { describe, expect, it } from "vitest";
import { MessageHeaders } from "./headers.js";
import { MessageParser } from "./parse.js";

/** The headers of a message with these header lines (given as bytes: latin1 code units). */
async function headersOf(lines: string): Promise<MessageHeaders> {
  const parser = new MessageParser(1024 * 1024);
  await parser.write(Buffer.from(`${lines}\n\nbody\n`, "latin1"));
  return new MessageHeaders((await parser.end()).headerLines);
}

const utf8Bytes = (text: string) => Buffer.from(text).toString("latin1");

describe("MessageHeaders", () => {
  it("finds headers whatever the case of their names, unfolded", async () => {
    const headers = await headersOf("SUBJECT: Quarterly\n report\nreceived: from a; Tue, 5 Feb 2019 09:00:05 +0100\nReceived: from b;\n\tTue, 5 Feb 2019 09:00:02 +0100");
    expect(headers.text("subject")).toBe("Quarterly report");
    expect(headers.all("received")).toEqual(["from a; Tue, 5 Feb 2019 09:00:05 +0100", "from b; Tue, 5 Feb 2019 09:00:02 +0100"]);
  });

  it("decodes encoded-words and raw 8-bit text, UTF-8 or else windows-1252", async () => {
    expect((await headersOf("Subject: =?ISO-8859-1?Q?Caf=E9?= =?UTF-8?B?w6A=?= Paris")).text("subject")).toBe("Caféà Paris");
    expect((await headersOf("Subject: Caf\xe9 cr\xe8me")).text("subject")).toBe("Café crème");
    expect((await headersOf(`Subject: ${utf8Bytes("Café 旅行")}`)).text("subject")).toBe("Café 旅行");
  });

  it("leaves out missing and empty headers", async () => {
    const headers = await headersOf("Subject:\nDate:  ");
    expect(headers.text("subject")).toBeUndefined();
    expect(headers.raw("date")).toBeUndefined();
    expect(headers.text("x-missing")).toBeUndefined();
    expect(headers.addresses("to")).toBeUndefined();
  });

  it("lists addresses as Name <address>, groups flattened, repeated headers joined", async () => {
    const headers = await headersOf(
      'To: "Team, all" <team@example.org>, undisclosed-recipients:;\nTo: =?UTF-8?Q?G=C3=BCnter?= <g@example.de>, friends: ann@example.com, Bob <bob@example.com>;\nCc: Fran\xe7ois <f@example.fr>',
    );
    expect(headers.addresses("to")).toEqual(['"Team, all" <team@example.org>', "Günter <g@example.de>", "ann@example.com", "Bob <bob@example.com>"]);
    expect(headers.addresses("cc")).toEqual(["François <f@example.fr>"]);
  });

  it("keeps an address header without an address as its text", async () => {
    const headers = await headersOf("From: goran at domain.com (=?ISO-8859-1?Q?G=F6ran_Lastname?=)");
    expect(headers.addresses("from")).toEqual(["goran at domain.com (Göran Lastname)"]);
  });

  it("reads message ids without the comments around them", async () => {
    const headers = await headersOf(
      'Message-ID: <87iqz@avet.example>\nIn-Reply-To: <1205676169.6819@user> (Simos\'s message of "Sun, 16 Mar 2008")\nReferences: <a@x>\n\t<b@x> <c@x>\nX-Ref: bare-id@example',
    );
    expect(headers.messageIds("message-id")).toEqual(["<87iqz@avet.example>"]);
    expect(headers.messageIds("in-reply-to")).toEqual(["<1205676169.6819@user>"]);
    expect(headers.messageIds("references")).toEqual(["<a@x>", "<b@x>", "<c@x>"]);
    expect(headers.messageIds("x-ref")).toEqual(["bare-id@example"]);
  });
});
