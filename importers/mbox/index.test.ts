import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import type { FileSample, RecordDraft } from "../types.js";
import { mboxImporters } from "./index.js";
import { DEFAULT_LIMITS } from "../../src/import/limits.js";
import { MAX_SEARCH_BODY } from "./record.js";

const [mbox] = mboxImporters as [(typeof mboxImporters)[number]];

async function read(path: string) {
  return readAll(mbox, await fileInputFromPath(path));
}

function sample(name: string, content: string | Buffer): FileSample {
  const head = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return { path: name, name, size: head.length, head };
}

const bySubject = (records: RecordDraft[], subject: string) => records.find((record) => record.title === subject)!;

const message = (subject: string, body = "Hello.") =>
  `From sender@example.com Mon Mar  4 09:15:00 2019\nSubject: ${subject}\nMessage-ID: <${subject.replace(/\W/g, "")}@example.com>\n\n${body}\n\n`;

describe("mbox detect", () => {
  it("recognises an mbox by a From line followed by headers", () => {
    for (const name of ["quoting.mbox", "gmail.mbox", "headers.mbox", "charsets.mbox", "mime.mbox"]) {
      expect(mbox.detect(sample(name, readFileSync(fixture("mbox", name)))), name).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("recognises a Takeout mbox under any name, the .mbox name only breaking ties", () => {
    const takeout = "From 1654953015393719153@xxx Mon Jan 06 04:49:45 +0000 2020\r\nX-GM-THRID: 1654953015393719153\r\n";
    expect(mbox.detect(sample("Alle E-Mails einschließlich Spam und Papierkorb.mbox", takeout))).toBe(1);
    expect(mbox.detect(sample("Mail", takeout))).toBe(0.95);
  });

  it("does not claim other files", () => {
    expect(mbox.detect(sample("NetflixViewingHistory.csv", 'Title,Date\n"The Crown: Season 1","1/3/26"\n'))).toBe(0);
    expect(mbox.detect(sample("random.bin", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))))).toBe(0);
    expect(mbox.detect(sample("notes.mbox", "Dear diary,\nFrom today on I write daily.\n"))).toBe(0);
    expect(mbox.detect(sample("letter.txt", "From the desk of Alice\n\nDear Bob,\n"))).toBeLessThan(0.5);
  });
});

describe("mbox importer", () => {
  it("splits at From lines after a blank line and undoes mboxo and mboxrd quoting", async () => {
    const { records, errors } = await read(fixture("mbox", "quoting.mbox"));
    expect(errors).toEqual([]);
    expect(records.map((record) => record.title)).toEqual(["Minutes", "Re: Minutes"]);
    expect(records[0]!.fields.body).toBe(
      [
        "Here are the minutes.",
        "",
        "From the chair: the budget is approved.",
        ">From an earlier mail, quoted once already.",
        ">>From deeper quoting.",
        "> From a reply, not mbox quoting.",
        "The line below follows text, so it is body, not a new message:",
        "From Monday on we meet at nine.",
      ].join("\n"),
    );
    expect(records[1]!.fields).toMatchObject({
      body: "Thanks!\n\nFrom now on I take the notes.",
      in_reply_to: "<minutes-1@example.com>",
      references: ["<minutes-1@example.com>"],
    });
  });

  it("reads a Gmail Takeout mbox: labels decoded, thread id, platform gmail", async () => {
    const { records, errors } = await read(fixture("mbox", "gmail.mbox"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      platform: "gmail",
      kind: "message",
      naturalKey: "message:receipt-2020@example.com",
      time: new Date("2020-01-06T04:49:41Z"),
      title: "Your receipt",
      fields: {
        from: "Günter Weiß <guenter@example.de>",
        to: ["Hana Sato <hana.sato@gmail.com>"],
        labels: ["Inbox", "Important", "Opened", "Category Forums", "Receipts"],
        thread_id: "1654953015393719153",
        body: "Thank you for your order.\n\nTotal: 12,00 EUR",
      },
    });
    expect(records[1]!.title).toBe("Reise nach Tōkyō");
    expect(records[1]!.fields.labels).toEqual(["Posteingang", "Wichtig", "Geöffnet", "Kategorie Foren", "Geschäft/Rechnungen", "旅行"]);
  });

  it("dates a message by Date, else its earliest Received, else its From line", async () => {
    const { records } = await read(fixture("mbox", "headers.mbox"));
    expect(bySubject(records, "No date header").time).toEqual(new Date("2019-02-05T08:00:02Z"));
    expect(bySubject(records, "No date header").fields.date).toBeUndefined();
    expect(bySubject(records, "Empty date, no Received").time).toEqual(new Date("2019-02-06T10:30:00Z"));
    expect(bySubject(records, "No Message-ID here").time).toEqual(new Date("2019-02-07T12:00:00Z"));
    expect(bySubject(records, "No Message-ID here").fields.date).toBe("Thu, 7 Feb 2019 13:00:00 +0100");
  });

  it("reads header names in any case", async () => {
    const { records } = await read(fixture("mbox", "headers.mbox"));
    expect(bySubject(records, "No Message-ID here").fields).toMatchObject({ from: "Eva Novak <eva@example.com>", to: ["team@example.org"] });
    expect(bySubject(records, "lowercase headers")).toMatchObject({
      platform: "email",
      naturalKey: "message:lowercase@example.com",
      time: new Date("2019-02-08T12:00:00Z"),
      fields: {
        from: "frank@example.com",
        to: ['"Team, all" <team@example.org>'],
        cc: ["eva@example.com"],
        reply_to: ["Frank <frank+replies@example.com>"],
        message_id: "<lowercase@example.com>",
      },
    });
  });

  it("keys a message without Message-ID by its content, the same in every export", async () => {
    const withoutId = (body: string) => `From eva@example.com Thu Feb  7 12:00:00 2019\nFrom: Eva <eva@example.com>\nSubject: No id\n\n${body}\n\n`;
    const keyIn = async (content: string) => (await readAll(mbox, fileInputFromBuffer("inbox.mbox", content))).records.find((record) => record.title === "No id")!.naturalKey;

    const key = await keyIn(withoutId("Identified by what it says.") + message("Other"));
    expect(key).toMatch(/^message:hash:[0-9a-f]{32}$/);
    expect(await keyIn(message("Earlier") + withoutId("Identified by what it says."))).toBe(key);
    expect(await keyIn(withoutId("Something else."))).not.toBe(key);
  });

  it("decodes ISO-8859-1 and windows-1252, and reads on through an unknown charset", async () => {
    const { records, errors } = await read(fixture("mbox", "charsets.mbox"));
    expect(errors).toEqual([]);
    expect(bySubject(records, "Café et crème").fields).toMatchObject({
      from: "François Dubois <francois@example.fr>",
      body: "Bonjour, un café crème à la façade ?",
    });
    expect(bySubject(records, "Invoice").fields.body).toBe("The total is €42, “due now”.");
    expect(bySubject(records, "Strange charset").fields.body).toMatch(/^Plain words survive, a stray byte .* does not stop the import\.$/);
  });

  it("turns HTML-only bodies into text and keeps attachments as metadata", async () => {
    const { records, errors } = await read(fixture("mbox", "mime.mbox"));
    expect(errors).toEqual([]);
    expect(bySubject(records, "Spring news").fields.body).toBe("Spring news\n\nOur garden opens on April 6.\n\nRead more");
    expect(bySubject(records, "Spring news").fields.attachments).toBeUndefined();
    expect(bySubject(records, "Your booking").fields).toMatchObject({
      body: "Booking confirmed for two nights.",
      attachments: [{ filename: "booking.pdf", content_type: "application/pdf", size: 2064 }],
    });
    expect(bySubject(records, "Photos").fields).toMatchObject({
      body: "Two photos from the trip, and the plan.",
      attachments: [
        { filename: "Stränd.jpg", content_type: "image/jpeg", size: 3000 },
        { content_type: "application/octet-stream", size: 23 },
      ],
    });
  });

  it("searches subject and body, the body capped, while the body field keeps it all", async () => {
    const long = "lorem ipsum ".repeat(20_000);
    const { records } = await readAll(mbox, fileInputFromBuffer("long.mbox", message("Long one", long)));
    expect(records[0]!.fields.body).toBe(long.trim());
    expect(records[0]!.text).toBe(`Long one\n\n${long.trim().slice(0, MAX_SEARCH_BODY)}`);
  });

  it("reports an unreadable message by number and byte, and reads on", async () => {
    const broken = `From x@example.com Mon Mar  4 09:15:00 2019\nX-Long: ${"a".repeat(2 * 1024 * 1024)}\n\nbody\n\n`;
    const content = message("First") + broken + message("Third");
    const { records, errors } = await readAll(mbox, fileInputFromBuffer("broken.mbox", content));
    expect(records.map((record) => record.title)).toEqual(["First", "Third"]);
    expect(errors).toEqual([{ type: "error", at: `message 2 (byte ${message("First").length})`, message: expect.stringMatching(/^unreadable message: .*header size/i) }]);
  });

  it("reads a message whose text runs past the limit up to there, and says so", async () => {
    const huge = message("Huge", "x".repeat(76).concat("\n").repeat(Math.ceil(DEFAULT_LIMITS.mailTextBytes / 77) + 1000));
    const { records, errors } = await readAll(mbox, fileInputFromBuffer("huge.mbox", huge + message("After")));
    expect(records.map((record) => record.title)).toEqual(["Huge", "After"]);
    expect((records[0]!.fields.body as string).length).toBeGreaterThan(DEFAULT_LIMITS.mailTextBytes * 0.9);
    expect(errors).toEqual([{ type: "error", at: "message 1 (byte 0)", message: expect.stringContaining("text runs past 32 MB") }]);
  });

  it("resumes after the last stored record, with byte offsets still counted from the file start", async () => {
    const content = message("One") + message("Two") + `From x@example.com Mon Mar  4 09:15:00 2019\nX-Long: ${"a".repeat(2 * 1024 * 1024)}\n\nbody\n\n` + message("Four");
    const full = await readAll(mbox, fileInputFromBuffer("inbox.mbox", content));
    const resume = full.records[0]!.resume;
    expect(resume).toBe(message("One").length);

    const rest = await readAll(mbox, fileInputFromBuffer("inbox.mbox", content, resume));
    expect(rest.records).toEqual(full.records.slice(1));
    expect(rest.errors).toEqual([{ type: "error", at: `message at byte ${message("One").length + message("Two").length}`, message: expect.any(String) }]);

    // Interrupted after the last record was stored: nothing is left to read.
    const done = await readAll(mbox, fileInputFromBuffer("inbox.mbox", content, full.records.at(-1)!.resume));
    expect(done).toEqual({ records: [], errors: [] });
  });

  it("refuses a file that is no mbox", async () => {
    await expect(readAll(mbox, fileInputFromBuffer("notes.mbox", "Dear diary,\n\nFrom today on…\n"))).rejects.toThrow("not an mbox: no 'From ' separator line");
  });

  it("declares addresses as contact data and the body as communications", () => {
    expect(mbox.fieldSensitivity?.from).toMatchObject({ level: 3, categories: ["contact"] });
    expect(mbox.fieldSensitivity?.bcc).toMatchObject({ level: 3, categories: ["contact"] });
    expect(mbox.fieldSensitivity?.body).toMatchObject({ level: 2, categories: ["communications"] });
    expect(mbox.fieldSensitivity?.subject).toMatchObject({ level: 1 });
  });
});

describe.skipIf(!hasRealWorld)("mbox importer on real-world samples", () => {
  it.each([
    ["mbox_complex.mbox", 2],
    ["mbox_iso8859_encoding.mbox", 1],
    ["mbox_multipart.mbox", 2],
    ["mbox_single.mbox", 1],
    ["mbox_unknown_encoding.mbox", 1],
  ])("reads every message of %s", async (name, count) => {
    const path = realWorld("mbox", name);
    expect(mbox.detect(await fileInputFromPath(path))).toBeGreaterThanOrEqual(0.95);
    const { records, errors } = await read(path);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(count);
    for (const record of records) {
      expect(record.naturalKey).toMatch(/^message:.+@/);
      expect(record.time).toBeInstanceOf(Date);
      expect(record.fields.body).toEqual(expect.any(String));
    }
  });

  it("unquotes mboxrd From lines and decodes names in comments", async () => {
    const { records } = await read(realWorld("mbox", "mbox_complex.mbox"));
    expect(records[1]!.fields.body).toContain("\n>>From the 2.3M + 17M MO files in Ubuntu 7.10");
    expect(records[1]!.fields.from).toBe("Danilo Šegan <danilo@gnome.org>");
    expect(records[1]!.fields.in_reply_to).toBe("<1205676169.6819.27.camel@user-computer.NETWORK>");

    const single = await read(realWorld("mbox", "mbox_single.mbox"));
    expect(single.records[0]!.fields.from).toBe("goran at domain.com (Göran Lastname)");
  });

  it("reads the text of messages in odd charsets without failing", async () => {
    const unknown = await read(realWorld("mbox", "mbox_unknown_encoding.mbox"));
    expect(unknown.records[0]!.fields.body).toContain("how can I refresh the control which created by main thread");
    const latin = await read(realWorld("mbox", "mbox_iso8859_encoding.mbox"));
    expect(latin.records[0]).toMatchObject({ title: "[ovs-dev] Remittance Advice", time: new Date("2016-11-07T18:44:27Z") });
  });
});
