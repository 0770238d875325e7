import { decodeText } from "../../text.js";
import type { FileInput, ItemError } from "../../types.js";

/** One top-level component of an iCalendar or vCard file (a VEVENT, a VTIMEZONE, a VCARD), as text. */
export interface TextComponent {
  type: "component";
  /** Upper case: `VEVENT`, `VCARD`. */
  name: string;
  text: string;
  /** 1-based count of components of this name so far: the resume token of a reader. */
  index: number;
  /** Names of properties left out (see `drop`), e.g. `PHOTO`. */
  dropped: string[];
}

/** A property of the file itself, outside its components (`X-WR-CALNAME:Work`), unfolded. */
export interface TextProperty {
  type: "property";
  line: string;
}

/** A component being read, line by line. */
interface OpenComponent {
  name: string;
  lines: string[];
  chars: number;
  /** BEGIN lines not yet ended: a VEVENT holds VALARMs. */
  depth: number;
  dropped: Set<string>;
  tooLarge: boolean;
}

/** A real event or card stays far below this; a larger one is a broken or hostile file. */
const MAX_COMPONENT_CHARS = 4 * 1024 * 1024;

/** `VCALENDAR` only wraps the components that matter, so they are read one by one. */
const CONTAINERS = new Set(["VCALENDAR"]);

/**
 * Splits an iCalendar or vCard file into its top-level components at their BEGIN and END lines,
 * so a file of tens of MB is parsed one event or card at a time. Properties matching `drop` (a
 * contact's PHOTO, hundreds of KB of base64) are left out with their continuation lines.
 */
export async function* readComponents(
  file: FileInput,
  drop?: RegExp,
): AsyncGenerator<TextComponent | TextProperty | ItemError> {
  const counts = new Map<string, number>();
  let current: OpenComponent | null = null;
  let dropping = false;
  let property: string | null = null;

  function* line(text: string): Generator<TextComponent | TextProperty | ItemError> {
    const continuation = text.startsWith(" ") || text.startsWith("\t");
    if (!current) {
      if (continuation && property !== null) {
        property += text.slice(1);
        return;
      }
      if (property !== null) yield { type: "property", line: property };
      property = null;
      const begin = /^BEGIN:(.+)$/i.exec(text.trim());
      if (begin && !CONTAINERS.has(begin[1]!.toUpperCase())) {
        current = { name: begin[1]!.toUpperCase(), lines: [text], chars: text.length, depth: 1, dropped: new Set(), tooLarge: false };
      } else if (!begin && !/^END:/i.test(text) && text.trim() !== "") {
        property = text;
      }
      return;
    }
    if (!continuation) dropping = drop?.test(text) ?? false;
    if (dropping) {
      if (!continuation) current.dropped.add(text.split(/[;:]/, 1)[0]!.toUpperCase());
      return;
    }
    if (/^BEGIN:/i.test(text)) current.depth++;
    else if (/^END:/i.test(text)) current.depth--;
    current.chars += text.length + 2;
    // Past the limit, lines are only counted until the component ends, then it is reported.
    if (current.chars > MAX_COMPONENT_CHARS) current.tooLarge = true;
    if (!current.tooLarge) current.lines.push(text);
    if (current.depth > 0) return;
    const index = (counts.get(current.name) ?? 0) + 1;
    counts.set(current.name, index);
    const { name, lines, dropped, tooLarge } = current;
    current = null;
    dropping = false;
    if (tooLarge) {
      yield { type: "error", at: `${name.toLowerCase().replace(/^v/, "")} ${index}`, message: `larger than ${MAX_COMPONENT_CHARS / 1024 / 1024} MB` };
    } else {
      yield { type: "component", name, text: lines.join("\r\n") + "\r\n", index, dropped: [...dropped] };
    }
  }

  let carry = "";
  for await (const chunk of decodeText(file.open(), file.head)) {
    const lines = (carry + (chunk as string)).split(/\r?\n/);
    carry = lines.pop()!;
    if (carry.length > MAX_COMPONENT_CHARS) throw new Error(`a line longer than ${MAX_COMPONENT_CHARS / 1024 / 1024} MB`);
    for (const text of lines) yield* line(text);
  }
  if (carry !== "") yield* line(carry);
  if (property !== null) yield { type: "property", line: property };
  // `line()` assigns `current`, which TypeScript's narrowing here does not follow.
  const unclosed = current as OpenComponent | null;
  if (unclosed) yield { type: "error", at: "end of file", message: `${unclosed.name} not closed by END:${unclosed.name}` };
}
