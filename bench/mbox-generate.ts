/**
 * Writes a large, realistic mbox for benchmarks, the same bytes for the same seed and size:
 * plain and quoted-printable text, multipart/alternative, HTML-only bodies, base64 attachments
 * of up to ~900 KB, ISO-8859-1 and windows-1252 bodies, Gmail headers on half the messages,
 * and body lines starting with `From ` quoted the mboxrd way.
 *
 *   npx tsx bench/mbox-generate.ts OUT.mbox [--size 1GB] [--seed 1]
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** Parses `1GB`, `500MB`, `64KB` or a plain byte count. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text} (use e.g. 1GB, 200MB)`);
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(match[2] ?? "B").toUpperCase() as "B"];
  return Math.round(Number(match[1]) * unit);
}

/** mulberry32: a small seeded generator, so every run writes the same file. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Sizes spread evenly on a log scale, as message and attachment sizes are. */
  const logUniform = (min: number, max: number) => Math.round(min * (max / min) ** next());
  return { next, int, pick, logUniform };
}

type Random = ReturnType<typeof randomSource>;

const WORDS = (
  "the of and to in is you that it he was for on are as with his they at be this have from or one had by " +
  "word but not what all were we when your can said there use an each which she do how their if will up other " +
  "about out many then them these so some her would make like him into time has look two more write go see " +
  "number no way could people my than first water been call who oil its now find long down day did get come " +
  "meeting invoice project budget review schedule deadline report update release server customer order " +
  "shipment travel hotel flight dinner weekend family photos holiday contract proposal quarterly"
).split(" ");
/** Words outside ASCII that ISO-8859-1 and windows-1252 can both hold. */
const ACCENTED = ["café", "naïve", "Grüße", "façade", "Müller", "señor", "déjà", "Straße", "crème", "Ærø"];
/** windows-1252 additions over ISO-8859-1: euro sign, curly quotes, dash. */
const CP1252_ONLY = ["€", "“quoted”", "it’s", "–"];
const NAMES = ["Alice Martin", "Bob Chen", "Carla Müller", "David Okafor", "Eva Novák", "François Dubois", "Günter Weiß", "Hana Sato"];
const DOMAINS = ["example.com", "example.org", "mail.example.net", "corp.example"];
const LABELS = ["Work", "Family", "Receipts", "Travel", "Newsletters", "Project X"];
/** Non-ASCII label names arrive as one encoded-word over the whole list. */
const ENCODED_LABELS = ["Geschäft", "Rechnungen/2023", "旅行", "家族"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function sentence(random: Random, extra: readonly string[] = []): string {
  const count = random.int(6, 18);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(extra.length > 0 && random.next() < 0.08 ? random.pick(extra) : random.pick(WORDS));
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Paragraphs of roughly `size` characters in lines of 72, some starting with `From `. */
function paragraphs(random: Random, size: number, extra: readonly string[] = []): string[] {
  const lines: string[] = [];
  let length = 0;
  while (length < size) {
    let line = "";
    while (line.length < 60) line += (line ? " " : "") + sentence(random, extra);
    if (random.next() < 0.02) line = `From ${line[0]!.toLowerCase()}${line.slice(1)}`;
    if (random.next() < 0.005) line = `>From the previous mail: ${line}`;
    for (let start = 0; start < line.length; start += 72) lines.push(line.slice(start, start + 72));
    if (random.next() < 0.3) lines.push("");
    length += line.length + 1;
  }
  return lines;
}

function html(lines: string[]): string {
  const escape = (line: string) => line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = lines.map((line) => (line === "" ? "</p><p>" : `${escape(line)}<br>`)).join("\n");
  return `<!DOCTYPE html><html><head><style>p{margin:0}</style></head><body><div dir="ltr"><p>${body}</p></div></body></html>`;
}

/** Quoted-printable with soft breaks at 76, over bytes already in the target charset. */
function quotedPrintable(bytes: Buffer): string {
  const out: string[] = [];
  let line = "";
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0a) {
      out.push(line);
      line = "";
      continue;
    }
    const next = bytes[i + 1];
    const plain = (byte >= 33 && byte <= 126 && byte !== 61) || (byte === 32 && next !== 0x0a && next !== undefined);
    const encoded = plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    if (line.length + encoded.length > 75) {
      out.push(`${line}=`);
      line = "";
    }
    line += encoded;
  }
  out.push(line);
  return out.join("\n");
}

function base64Lines(bytes: Buffer): string {
  const text = bytes.toString("base64");
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += 76) lines.push(text.slice(start, start + 76));
  return lines.join("\n");
}

/** A text part as a byte string: headers and the body in the given charset and transfer encoding. */
function textPart(type: "plain" | "html", text: string, charset: string, encoding: "8bit" | "quoted-printable" | "base64"): string {
  const bytes = Buffer.from(text, charset === "utf-8" ? "utf-8" : "latin1");
  const body = encoding === "8bit" ? bytes.toString("latin1") : encoding === "base64" ? base64Lines(bytes) : quotedPrintable(bytes);
  return `Content-Type: text/${type}; charset="${charset}"\nContent-Transfer-Encoding: ${encoding}\n\n${body}\n`;
}

/** windows-1252 bytes for the few characters it adds over ISO-8859-1, as latin1 code units. */
function toCp1252Units(text: string): string {
  const map: Record<string, string> = { "€": "\x80", "“": "\x93", "”": "\x94", "’": "\x92", "–": "\x96" };
  return text.replace(/[€“”’–]/g, (char) => map[char]!);
}

/** Random attachment bytes come from one pool, so generating them costs nothing. */
const POOL = (() => {
  const random = randomSource(7);
  const pool = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < pool.length; i += 4) pool.writeUInt32LE(Math.floor(random.next() * 2 ** 32), i);
  return pool;
})();

function attachment(random: Random, boundary: string): string {
  const size = random.logUniform(20 * 1024, 900 * 1024);
  const start = random.int(0, POOL.length - size);
  const [name, type] = random.pick([
    ["scan.pdf", "application/pdf"],
    ["IMG_2041.jpg", "image/jpeg"],
    ["report Q3.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["Übersicht.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ] as const);
  const encodedName = encodedWord(name);
  return (
    `--${boundary}\nContent-Type: ${type}; name="${encodedName}"\n` +
    `Content-Disposition: attachment; filename="${encodedName}"\nContent-Transfer-Encoding: base64\n\n` +
    `${base64Lines(POOL.subarray(start, start + size))}\n`
  );
}

/** Header text outside ASCII as one RFC 2047 encoded-word, as Gmail writes label lists. */
function encodedWord(text: string): string {
  return /[^\x20-\x7e]/.test(text) ? `=?UTF-8?B?${Buffer.from(text).toString("base64")}?=` : text;
}

function address(random: Random): string {
  const name = random.pick(NAMES);
  const local = name.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").replace(" ", ".");
  const display = /[^\x20-\x7e]/.test(name) ? encodedWord(name) : `"${name}"`;
  return `${display} <${local}@${random.pick(DOMAINS)}>`;
}

function rfc2822Date(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** The `From ` line's date: Gmail's `Mon Jan 06 04:49:45 +0000 2020`, classic `Mon Jan  6 04:49:45 2020`. */
function fromLineDate(date: Date, gmail: boolean): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const day = gmail ? pad(date.getUTCDate()) : String(date.getUTCDate()).padStart(2, " ");
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${day} ${time}${gmail ? " +0000" : ""} ${date.getUTCFullYear()}`;
}

/** mboxrd quoting: every body line matching /^>*From / gains one `>`. */
function quoteFromLines(body: string): string {
  return body.replace(/^(>*From )/gm, ">$1");
}

/**
 * One message including its `From ` line and the blank line that ends it, as a byte string (one
 * char per byte): parts are encoded to their charset's bytes before they are put together.
 */
function message(random: Random, index: number): string {
  const date = new Date(Date.UTC(2012, 0, 1) + random.int(0, 12 * 365 * 86400) * 1000);
  const gmail = random.next() < 0.5;
  const boundary = `b${index}_${random.int(0, 1e9).toString(36)}`;
  const headers = [
    `From: ${address(random)}`,
    `To: ${address(random)}${random.next() < 0.3 ? `, ${address(random)}` : ""}`,
    ...(random.next() < 0.2 ? [`Cc: ${address(random)}`] : []),
    `Subject: ${random.next() < 0.2 ? "Re: " : ""}${sentence(random).slice(0, 60)}`,
    // A few messages lack Date or Message-ID, as old and hand-made mail does.
    ...(random.next() < 0.99 ? [`Date: ${rfc2822Date(date)}`] : []),
    ...(random.next() < 0.98 ? [`Message-ID: <${index}.${random.int(0, 1e9)}@${random.pick(DOMAINS)}>`] : []),
    "MIME-Version: 1.0",
  ];
  if (gmail) {
    const labels = ["Inbox", "Opened", ...(random.next() < 0.3 ? ["Important"] : []), random.pick(LABELS)];
    const list = random.next() < 0.15 ? [...labels, random.pick(ENCODED_LABELS)].join(",") : labels.join(",");
    headers.unshift(`X-GM-THRID: ${1_600_000_000_000_000_000n + BigInt(random.int(0, 1e9))}`, `X-Gmail-Labels: ${encodedWord(list)}`);
  }

  const kind = random.next();
  const size = random.logUniform(300, 40 * 1024);
  let body: string;
  if (kind < 0.3) {
    body = textPart("plain", paragraphs(random, size).join("\n"), "utf-8", random.next() < 0.2 ? "quoted-printable" : "8bit");
  } else if (kind < 0.38) {
    body = textPart("plain", paragraphs(random, size, ACCENTED).join("\n"), "iso-8859-1", random.next() < 0.5 ? "quoted-printable" : "8bit");
  } else if (kind < 0.43) {
    body = textPart("plain", toCp1252Units(paragraphs(random, size, [...ACCENTED, ...CP1252_ONLY]).join("\n")), "windows-1252", "quoted-printable");
  } else if (kind < 0.65) {
    const lines = paragraphs(random, size);
    body =
      `Content-Type: multipart/alternative; boundary="${boundary}"\n\n` +
      `--${boundary}\n${textPart("plain", lines.join("\n"), "utf-8", "quoted-printable")}` +
      `--${boundary}\n${textPart("html", html(lines), "utf-8", "quoted-printable")}--${boundary}--\n`;
  } else if (kind < 0.9) {
    body = textPart("html", html(paragraphs(random, size)), "utf-8", random.next() < 0.3 ? "base64" : "quoted-printable");
  } else {
    const parts = [`--${boundary}\n${textPart("plain", paragraphs(random, size).join("\n"), "utf-8", "quoted-printable")}`];
    for (let count = random.int(1, 3); count > 0; count--) parts.push(attachment(random, boundary));
    body = `Content-Type: multipart/mixed; boundary="${boundary}"\n\nThis is a multi-part message in MIME format.\n${parts.join("")}--${boundary}--\n`;
  }
  // The body's own headers (Content-Type, …) close the header block.
  const [bodyHeaders, ...rest] = body.split("\n\n");
  const envelope = gmail ? `${random.int(1e15, 9e15)}@xxx ` : `${address(random).replace(/.*<|>/g, "")}  `;
  return `From ${envelope}${fromLineDate(date, gmail)}\n${headers.join("\n")}\n${bodyHeaders}\n\n${quoteFromLines(rest.join("\n\n"))}\n`;
}

/** Writes messages until the file reaches `size` bytes; returns how many. */
export function generateMbox(path: string, size: number, seed = 1): number {
  const random = randomSource(seed);
  const fd = openSync(path, "w");
  let written = 0;
  let count = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    writeSync(fd, Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  try {
    while (written < size) {
      const bytes = Buffer.from(message(random, count), "latin1");
      pending.push(bytes);
      pendingBytes += bytes.length;
      written += bytes.length;
      count++;
      if (pendingBytes >= 4 * 1024 * 1024) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { size: { type: "string", default: "1GB" }, seed: { type: "string", default: "1" } } });
  const out = positionals[0];
  if (!out) {
    console.error("usage: npx tsx bench/mbox-generate.ts OUT.mbox [--size 1GB] [--seed 1]");
    process.exit(2);
  }
  const started = Date.now();
  const count = generateMbox(out, parseSize(values.size), Number(values.seed));
  console.log(`${out}: ${count} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
