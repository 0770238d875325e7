import { describe, expect, it } from "vitest";
import { fileInputFromBuffer } from "../../../src/import/file-input.js";
import { readComponents } from "./components.js";

async function parts(content: string, drop?: RegExp) {
  const found = [];
  for await (const part of readComponents(fileInputFromBuffer("x.vcf", content), drop)) found.push(part);
  return found;
}

describe("readComponents (iCalendar and vCard files, component by component)", () => {
  it("splits at BEGIN and END lines, keeping nested components and unfolding the file's own properties", async () => {
    const found = await parts(
      "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Long\r\n  name\r\nBEGIN:VEVENT\r\nUID:a\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    expect(found).toEqual([
      { type: "property", line: "X-WR-CALNAME:Long name" },
      { type: "component", name: "VEVENT", index: 1, dropped: [], text: "BEGIN:VEVENT\r\nUID:a\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VEVENT\r\n" },
    ]);
  });

  it("drops the properties asked for with their continuation lines, and reports an oversized component", async () => {
    const huge = `NOTE:${"x".repeat(5 * 1024 * 1024)}`;
    const found = await parts(
      `BEGIN:VCARD\nFN:A\nPHOTO;ENCODING=b:AAAA\n BBBB\nEND:VCARD\nBEGIN:VCARD\n${huge}\nEND:VCARD\nBEGIN:VCARD\nFN:C\nEND:VCARD\n`,
      /^PHOTO[;:]/i,
    );
    expect(found).toEqual([
      { type: "component", name: "VCARD", index: 1, dropped: ["PHOTO"], text: "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n" },
      { type: "error", at: "card 2", message: "larger than 4 MB" },
      { type: "component", name: "VCARD", index: 3, dropped: [], text: "BEGIN:VCARD\r\nFN:C\r\nEND:VCARD\r\n" },
    ]);
  });
});
