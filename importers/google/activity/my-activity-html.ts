import { Parser } from "htmlparser2";
import { decodeText, looksBinary, matchesOf, remembered, sniffEncoding } from "../../text.js";
import type { FieldValue, FileInput, FileSample, Importer, ReadItem } from "../../types.js";
import { parseHtmlTime } from "./html-time.js";
import { ACTIVITY_FILE_NAME } from "./my-activity-json.js";
import { activityRecord, activitySensitivity, type ActivityEntry, type LocationInfo, type Subtitle } from "./record.js";
import { plainSpaces } from "./verbs.js";

/** Caption sections by their localised names (lower case, without the colon). */
const SECTIONS: Record<string, "products" | "locations" | "details" | "why"> = {
  products: "products",
  produkte: "products",
  prodotti: "products",
  productos: "products",
  produits: "products",
  produtos: "products",
  producten: "products",
  產品: "products",
  产品: "products",
  locations: "locations",
  standorte: "locations",
  luoghi: "locations",
  posizioni: "locations",
  ubicaciones: "locations",
  lieux: "locations",
  locais: "locations",
  locaties: "locations",
  位置: "locations",
  details: "details",
  dettagli: "details",
  detalles: "details",
  détails: "details",
  detalhes: "details",
  詳細資料: "details",
  "why is this here?": "why",
  "warum wird das hier angezeigt?": "why",
  "perché questa attività è qui?": "why",
  "¿por qué aparece esto aquí?": "why",
  "pourquoi cette activité apparaît-elle ici ?": "why",
  "por que isso está aqui?": "why",
  "waarom staat dit hier?": "why",
};

/** An entry with more text than this is a broken or hostile file, not an entry. */
const MAX_ENTRY_CHARS = 16 * 1024 * 1024;

/** Elements that, inside the content cell, hold more than a line: AI activity's answer. */
const BLOCKS = new Set(["p", "div", "ul", "ol", "li", "table", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"]);

interface Link {
  href?: string;
  text: string;
}

/** Text between two `<br>`s, with the links in it. */
interface Line {
  text: string;
  links: Link[];
  /** Text in `<b>`: a caption's section name. */
  bold: string;
}

const newLine = (): Line => ({ text: "", links: [], bold: "" });

/** What is known of the entry being read; nothing of earlier entries is kept. */
interface EntryState {
  header: string;
  body: Line[] | null;
  /** Text of blocks after the timestamp (AI activity's answers). */
  content: string;
  caption: Line[] | null;
}

/** The entries of one HTML file, built as the tokenizer goes: no DOM, bounded memory. */
class EntryReader {
  readonly ready: ReadItem[] = [];
  private count = 0;
  private depth = 0;
  private entry: EntryState | null = null;
  private entryDepth = 0;
  private cell: "header" | "body" | "caption" | null = null;
  private cellDepth = 0;
  private blockDepth = 0;
  private inBold = false;
  private link: Link | null = null;

  /** Where in the decoded text the entry being read starts, and how much text it has so far. */
  private entryStart = 0;
  private entryChars = 0;

  constructor(
    private readonly skipThrough: number,
    /** The decoded text's position of the tag being read. */
    private readonly position: () => number,
    private readonly bytes: BytePositions | null,
    /** Whether entries are counted from the file's start (not a part's): then a person can count them too. */
    private readonly countedFromStart: boolean,
  ) {}

  private get lines(): Line[] | null {
    if (!this.entry) return null;
    return this.cell === "body" ? this.entry.body : this.cell === "caption" ? this.entry.caption : null;
  }

  open(name: string, attributes: Record<string, string>): void {
    const classes = (name === "div" || name === "p") && attributes.class ? ` ${attributes.class} ` : "";
    if (name === "div") {
      this.depth++;
      if (classes.includes(" outer-cell ")) {
        this.finish();
        this.entry = { header: "", body: null, content: "", caption: null };
        this.entryDepth = this.depth;
        this.entryStart = this.position();
        this.entryChars = 0;
        return;
      }
      if (this.entry && !this.cell) return this.openCell(classes);
    }
    if (!this.entry) return;
    if (name === "p" && classes.includes(" mdl-typography--title ") && !this.cell) {
      this.cell = "header";
      this.cellDepth = this.depth;
      return;
    }
    if (this.cell !== "body" && this.cell !== "caption") return;
    if (this.cell === "body" && BLOCKS.has(name)) {
      this.blockDepth++;
      this.entry.content += "\n";
    } else if (name === "br") this.breakLine();
    else if (name === "a") this.link = { href: attributes.href, text: "" };
    else if (name === "b") this.inBold = true;
  }

  private openCell(classes: string): void {
    if (!classes.includes(" content-cell ") || classes.includes(" mdl-typography--text-right ")) return;
    if (classes.includes(" mdl-typography--body-1 ")) {
      this.cell = "body";
      this.entry!.body = [newLine()];
    } else if (classes.includes(" mdl-typography--caption ")) {
      this.cell = "caption";
      this.entry!.caption = [newLine()];
    } else return;
    this.cellDepth = this.depth;
  }

  text(data: string): void {
    if (!this.entry || !this.cell) return;
    this.entryChars += data.length;
    if (this.entryChars > MAX_ENTRY_CHARS) {
      throw new Error(`${this.where(this.count + 1)} is longer than ${MAX_ENTRY_CHARS / 1024 / 1024} MB: not a My Activity entry`);
    }
    if (this.cell === "header") {
      this.entry.header += data;
      return;
    }
    if (this.blockDepth > 0) {
      this.entry.content += data;
      return;
    }
    const line = this.lines!.at(-1)!;
    line.text += data;
    if (this.link) this.link.text += data;
    if (this.inBold) line.bold += data;
  }

  close(name: string): void {
    if (this.cell === "header" && name === "p") this.cell = null;
    if (this.cell === "body" && this.blockDepth > 0 && BLOCKS.has(name)) this.blockDepth--;
    else if (name === "a" && this.link) {
      this.lines?.at(-1)!.links.push(this.link);
      this.link = null;
    } else if (name === "b") this.inBold = false;
    if (name !== "div") return;
    if (this.cell && this.depth === this.cellDepth) this.cell = null;
    if (this.entry && this.depth === this.entryDepth) this.finish();
    this.depth--;
  }

  private breakLine(): void {
    if (this.blockDepth > 0) this.entry!.content += "\n";
    else this.lines!.push(newLine());
  }

  /** Ends the entry being read, if any, and queues what it makes. */
  finish(): void {
    const entry = this.entry;
    if (!entry) return;
    this.entry = null;
    this.cell = null;
    this.blockDepth = 0;
    this.link = null;
    this.inBold = false;
    this.count++;
    if (this.count <= this.skipThrough) return;
    const result = entryOf(entry);
    if (typeof result !== "string") this.ready.push(activityRecord(result, this.count));
    else this.ready.push({ type: "error", at: this.where(this.count), message: result });
  }

  /** The entry being read, as a person looks for it: `entry 12 (byte 40213)`, or `entry at byte 40213` in a part. */
  private where(number: number): string {
    const byte = this.bytes?.byteOf(this.entryStart);
    if (byte === undefined) return `entry ${number}`;
    return this.countedFromStart ? `entry ${number} (byte ${byte})` : `entry at byte ${byte}`;
  }
}

function lineText(line: Line): string {
  return plainSpaces(line.text);
}

function entryOf(state: EntryState): ActivityEntry | string {
  const body = (state.body ?? []).map((line) => ({ text: lineText(line), url: line.links[0]?.href })).filter((line) => line.text !== "" || line.url);
  const stamp = body.pop();
  if (!stamp) return "no content";
  const parsed = parseHtmlTime(stamp.text);
  if (!parsed) return `unreadable timestamp "${stamp.text}"`;
  const titleLine = body.shift();
  if (!titleLine) return "no title";
  const subtitles: Subtitle[] = body.map((line) => ({ name: line.text || undefined, url: line.url }));

  const products: string[] = [];
  const details: string[] = [];
  const locations: LocationInfo[] = [];
  const why: string[] = [];
  const otherCaptions: Record<string, FieldValue> = {};
  let section: string | undefined;
  for (const line of state.caption ?? []) {
    // A section name is a line all in bold.
    if (line.bold !== "" && line.bold === line.text) {
      section = plainSpaces(line.bold).replace(/\s*[:：]$/, "");
      continue;
    }
    const text = lineText(line);
    if (text === "" && line.links.length === 0) continue;
    const known = section === undefined ? undefined : SECTIONS[section.toLowerCase()];
    if (known === "products") products.push(text);
    else if (known === "details") details.push(text);
    else if (known === "locations") locations.push(locationOf(line));
    else if (known === "why") why.push(text);
    else {
      const lines = (otherCaptions[section ?? ""] ??= []) as string[];
      lines.push(text);
    }
  }

  const extra: Record<string, FieldValue> = {};
  const activityControls = why.length > 0 ? settingsNamed(why.join(" ")) : [];
  if (why.length > 0 && activityControls.length === 0) extra.why_is_this_here = why.join("\n");
  if (Object.keys(otherCaptions).length > 0) extra.other_captions = otherCaptions;
  const content = state.content.split("\n").map(plainSpaces).filter(Boolean).join("\n");
  if (content) extra.content = content;

  return {
    header: plainSpaces(state.header) || undefined,
    title: titleLine.text,
    titleUrl: titleLine.url,
    time: parsed.time,
    timeAsExported: stamp.text,
    timeZoneAssumed: parsed.zoneAssumed,
    subtitles,
    details,
    locations,
    products,
    activityControls,
    extra,
  };
}

/** Setting names in quotes, as some languages write them: „Web- & App-Aktivitäten“, « … », "…". */
const QUOTED_NAMES = /„([^“”]+)[“”]|«\s*([^»]+?)\s*»|“([^”]+)”|"([^"]+)"/g;

/**
 * The settings a "Why is this here?" sentence names, as the JSON export's `activityControls`
 * lists them: quoted, or after the colon of "…because the following settings were on: Web & App
 * Activity. You can control these settings here." The sentence is otherwise the same on every
 * entry. None when the sentence has neither. Remembered: a file holds a sentence or two per
 * language and product.
 */
const settingsNamed = remembered(readSettingsNamed, 1000);

function readSettingsNamed(why: string): string[] {
  const quoted = [...matchesOf(QUOTED_NAMES, why)].map((match) => (match[1] ?? match[2] ?? match[3] ?? match[4])!.trim());
  if (quoted.length > 0) return quoted;
  const colon = Math.max(why.lastIndexOf(":"), why.lastIndexOf("："));
  if (colon === -1) return [];
  const list = why.slice(colon + 1).split(/[.。](?:\s|$)/, 1)[0]!.trim();
  return list === "" ? [] : list.split(/\s*[,、]\s*/).filter(Boolean);
}

/** A map link that names a place or an area, rather than a help page about the source. */
const PLACE_LINK = /\/maps\b|[?&](center|q)=/;

/**
 * A Locations line: `At this general area - From your places (Home)` with a link on each part,
 * or, in old files, `From your home: https://google.com/maps?q=…`.
 */
function locationOf(line: Line): LocationInfo {
  const text = lineText(line);
  const place = line.links.find((link) => link.href && PLACE_LINK.test(link.href));
  const help = line.links.find((link) => link !== place);
  const dash = text.indexOf(" - ");
  if (dash !== -1) {
    return { name: text.slice(0, dash), url: place?.href, source: text.slice(dash + 3), source_url: help?.href };
  }
  // A link shown as its own address says nothing more than the address itself.
  const words = line.links.reduce((rest, link) => (link.text.trim() === link.href ? rest.replace(link.text.trim(), "") : rest), text);
  const label = plainSpaces(words);
  if (label.endsWith(":")) return { source: label.slice(0, -1), url: place?.href, source_url: help?.href };
  return { name: label || undefined, url: place?.href, source_url: help?.href };
}

/** The head of a My Activity page: Material Design Lite cells, `outer-cell` per entry. */
function detect(sample: FileSample): number {
  if (looksBinary(sample.head)) return 0;
  const head = sample.head.toString("utf8");
  if (!/<html|<div/i.test(head.slice(0, 2048))) return 0;
  const nameHint = ACTIVITY_FILE_NAME.test(sample.name) ? 0.05 : 0;
  if (/class="outer-cell\b/.test(head) && head.includes("mdl-typography--")) return 0.95 + nameHint;
  // A page with the style of one but no entry in its head: an empty history.
  if (head.includes(".header-cell.mdl-cell") && head.includes(".content-cell.mdl-cell")) return 0.5 + nameHint;
  return 0;
}

/**
 * Byte offsets of decoded UTF-8 text, so that an error names where in the file to look. Only the
 * last two chunks are kept: an entry is far shorter than a chunk.
 */
class BytePositions {
  private chunks: { text: string; char: number; byte: number }[] = [];
  private char = 0;

  constructor(private byte: number) {}

  add(text: string): void {
    this.chunks = [...this.chunks.slice(-1), { text, char: this.char, byte: this.byte }];
    this.char += text.length;
    this.byte += Buffer.byteLength(text);
  }

  byteOf(char: number): number | undefined {
    const chunk = this.chunks.find((candidate) => char >= candidate.char && char < candidate.char + candidate.text.length);
    return chunk && chunk.byte + Buffer.byteLength(chunk.text.slice(0, char - chunk.char));
  }
}

async function* read(file: FileInput): AsyncGenerator<ReadItem> {
  const encoding = file.part ? "utf-8" : sniffEncoding(file.head);
  const bom = file.head[0] === 0xef && file.head[1] === 0xbb && file.head[2] === 0xbf;
  const bytes = encoding === "utf-8" ? new BytePositions((file.part?.offset ?? 0) + (bom ? 3 : 0)) : null;
  const skipThrough = typeof file.resume === "number" ? file.resume : 0;
  const reader = new EntryReader(skipThrough, () => parser.startIndex, bytes, !file.part);
  const parser: Parser = new Parser(
    {
      onopentag: (name, attributes) => reader.open(name, attributes),
      ontext: (data) => reader.text(data),
      onclosetag: (name) => reader.close(name),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  for await (const chunk of decodeText(file.open(), file.head, encoding)) {
    bytes?.add(chunk as string);
    parser.write(chunk as string);
    yield* reader.ready.splice(0);
  }
  parser.end();
  reader.finish();
  yield* reader.ready.splice(0);
}

/** What starts an entry's cell; the tokenizer then checks that it is one. */
const ENTRY_START = Buffer.from('<div class="outer-cell');

/**
 * Entries are independent, so a large file is cut between them and read in parts. Only a UTF-8
 * file (as Takeout writes them), since a part has no head to sniff; a legacy one is read whole.
 */
function split(sample: FileSample): Buffer | null {
  return sniffEncoding(sample.head) === "utf-8" ? ENTRY_START : null;
}

/**
 * My Activity and YouTube history as HTML, Takeout's default: `My Activity/<product>/MyActivity.html`
 * (`MeineAktivitäten.html`, …) and `YouTube and YouTube Music/history/watch-history.html`.
 */
export const myActivityHtmlImporter: Importer = {
  id: "google.my-activity-html",
  platform: "google",
  title: "Google My Activity (HTML)",
  detect,
  read,
  split,
  fieldSensitivity: activitySensitivity,
};
