import { importLimits, sizeText } from "../../src/import/limits.js";
import type { ReadItem } from "../types.js";
import { MessageParser } from "./parse.js";
import { messageRecord } from "./record.js";

/**
 * One message of an mbox on its way from bytes to a record, wherever it is parsed. Attachments
 * of any size stream through the parser, but text is held whole (several times over while it is
 * decoded): at most `maxTextBytes` of a message outside its attachments is read. Real letters stay
 * far below it; messages that lost their blank separator line and run together do not.
 */
export class MessageJob {
  private readonly parser: MessageParser;

  /** `at` is where a person finds the message: `message 3 (byte 40213)`. */
  constructor(
    private readonly fromLine: string,
    private readonly at: string,
    private readonly maxTextBytes = importLimits().mailTextBytes,
  ) {
    this.parser = new MessageParser(maxTextBytes);
  }

  write(bytes: Buffer): Promise<void> {
    return this.parser.write(bytes);
  }

  /** The message's record (and an error if its text was cut), or why it could not be read. */
  async finish(next: number): Promise<ReadItem[]> {
    try {
      const parsed = await this.parser.end();
      const record = messageRecord(parsed, this.fromLine, next);
      if (!this.parser.cut) return [record];
      const cut = `the message's text runs past ${sizeText(this.maxTextBytes)}; it was read up to there, anything after (text or attachments) is missing`;
      return [{ type: "error", at: this.at, message: cut }, record];
    } catch (error) {
      return [{ type: "error", at: this.at, message: `unreadable message: ${(error as Error).message}` }];
    }
  }
}
