import { isUtf8 } from "node:buffer";
import libmime from "libmime";
import { parseAddressHeader, type EmailAddress, type HeaderLines } from "mailparser";

const windows1252 = new TextDecoder("windows-1252");

/**
 * A message's headers as written, by lowercase name. Read from the raw lines rather than from
 * mailparser's parsed map, which turns raw 8-bit text that is not UTF-8 into U+FFFD and
 * unreadable dates into "now".
 */
export class MessageHeaders {
  constructor(private readonly lines: HeaderLines) {}

  has(name: string): boolean {
    return this.lines.some((line) => line.key === name);
  }

  /** Unfolded values of every header named `name`, in message order, as raw bytes (latin1). */
  all(name: string): string[] {
    return this.lines
      .filter((line) => line.key === name)
      .map((line) => line.line.slice(line.line.indexOf(":") + 1).replace(/\r?\n[ \t]*/g, " ").trim());
  }

  /** The first header named `name`; undefined when missing or empty. */
  raw(name: string): string | undefined {
    return this.all(name)[0] || undefined;
  }

  /** The first header named `name` as text, encoded-words decoded. */
  text(name: string): string | undefined {
    const value = this.raw(name);
    return value === undefined ? undefined : libmime.decodeWords(decodeBytes(value)).trim() || undefined;
  }

  /**
   * `Name <address>` for every address in every header named `name`, groups flattened. A header
   * with no address in it (mailing-list archives write `jo at example.com (Jo)`) is kept as text.
   */
  addresses(name: string): string[] | undefined {
    const found: string[] = [];
    for (const value of this.all(name)) {
      const parsed = parseAddressHeader(decodeBytes(value)).value.flatMap(flattenGroup);
      if (parsed.some((address) => address.address)) found.push(...parsed.map(formatAddress).filter((text) => text !== ""));
      else if (value !== "") found.push(libmime.decodeWords(decodeBytes(value)));
    }
    return found.length > 0 ? found : undefined;
  }

  /** The `<id>` tokens of every header named `name`, comments around them dropped. */
  messageIds(name: string): string[] {
    return this.all(name).flatMap((value) => value.match(/<[^<>\s]+>/g) ?? (value.includes(" ") || value === "" ? [] : [value]));
  }
}

/** Raw header bytes as text: UTF-8 when they are, else windows-1252, which maps every byte. */
function decodeBytes(raw: string): string {
  if (!/[\x80-\xff]/.test(raw)) return raw;
  const bytes = Buffer.from(raw, "latin1");
  return isUtf8(bytes) ? bytes.toString("utf8") : windows1252.decode(bytes);
}

function flattenGroup(address: EmailAddress): EmailAddress[] {
  return address.group ? address.group.flatMap(flattenGroup) : [address];
}

/** `Name <address>`, the name quoted when it holds a comma or other specials, as RFC 5322 does. */
function formatAddress({ name, address }: EmailAddress): string {
  if (!name || !address) return name || address || "";
  return /[",;:<>@()[\]\\]/.test(name) ? `"${name.replace(/["\\]/g, "\\$&")}" <${address}>` : `${name} <${address}>`;
}
