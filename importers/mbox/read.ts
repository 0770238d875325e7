import type { FileInput, ReadItem } from "../types.js";
import { MessageParser } from "./parse.js";
import { messageRecord } from "./record.js";
import { splitMbox } from "./splitter.js";

/**
 * Attachments of any size stream through the parser, but text is held whole (several times over
 * while it is decoded): at most this much of a message outside its attachments is read. Real
 * letters stay far below it; messages that lost their blank separator line and run together do not.
 */
export const MAX_TEXT_BYTES = 32 * 1024 * 1024;

interface OpenMessage {
  parser: MessageParser;
  fromLine: string;
  /** Where a person finds the message: `message 3 (byte 40213)`. */
  at: string;
}

/** Reads an mbox, continuing at the byte offset in `file.resume` when an import restarts. */
export async function* readMbox(file: FileInput): AsyncGenerator<ReadItem> {
  const start = typeof file.resume === "number" ? file.resume : 0;
  let count = 0;
  let message: OpenMessage | null = null;
  for await (const piece of splitMbox(file.open(start), start)) {
    if (piece.type === "start") {
      count++;
      // After a resume the messages before `start` were not counted: name the byte only.
      const at = start === 0 ? `message ${count} (byte ${piece.offset})` : `message at byte ${piece.offset}`;
      message = { parser: new MessageParser(MAX_TEXT_BYTES), fromLine: piece.fromLine, at };
    } else if (piece.type === "data") {
      // The splitter sends data only between a message's start and end.
      await message!.parser.write(piece.bytes);
    } else {
      yield* finish(message!, piece.next);
      message = null;
    }
  }
}

async function* finish(message: OpenMessage, next: number): AsyncGenerator<ReadItem> {
  try {
    const parsed = await message.parser.end();
    if (message.parser.cut) {
      yield {
        type: "error",
        at: message.at,
        message: `the message's text runs past ${MAX_TEXT_BYTES / 1024 / 1024} MB; it was read up to there, anything after (text or attachments) is missing`,
      };
    }
    yield messageRecord(parsed, message.fromLine, next);
  } catch (error) {
    yield { type: "error", at: message.at, message: `unreadable message: ${(error as Error).message}` };
  }
}
