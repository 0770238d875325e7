import { once } from "node:events";
import { createInterface } from "node:readline";
import { Command } from "commander";
import { isSupportedCountry, type CountryCode } from "libphonenumber-js";
import { LEVEL_NAMES } from "../../sensitivity/levels.js";
import { tagText } from "../../sensitivity/tag.js";
import type { CliIo, CommonOptions } from "../io.js";

interface TagOptions extends CommonOptions {
  field: string;
  country?: string;
}

/**
 * `ownbase tag`: tags each line of standard input as the import would tag a field's text, and
 * prints one result per line. A line in which nothing is found is level 0: a text alone is not
 * known to be anyone's. `input` is standard input unless a test hands in its own stream.
 */
export function tagCommand(io: CliIo, input: () => NodeJS.ReadableStream = () => process.stdin): Command {
  return new Command("tag")
    .description("tag lines of text from standard input: sensitivity level, categories and where the detectors found what")
    .option("--field <name>", "what the text is, which tunes the detectors: title, query, product_name, subject, body, …", "text")
    .option("--country <code>", "country for phone numbers written without a country code (ISO 3166, e.g. DE)")
    .action(async (options: TagOptions) => {
      const country = options.country?.toUpperCase();
      if (country !== undefined && !isSupportedCountry(country)) throw new Error(`unknown country code: ${options.country}`);
      const lines = createInterface({ input: input(), crlfDelay: Infinity });
      for await (const line of lines) {
        const tag = tagText(line, { field: options.field, ...(country ? { country: country as CountryCode } : {}) });
        const output = options.json
          ? JSON.stringify({ level: tag.level, categories: tag.categories, spans: tag.spans.map(({ start, end, category }) => ({ start, end, category })) })
          : `${tag.level} ${LEVEL_NAMES[tag.level]}${tag.categories.length ? ` [${tag.categories.join(", ")}]` : ""}: ${tag.reason}`;
        // Wait for a slow reader of the output, so memory stays bounded however long the input.
        if (io.stdout.write(`${output}\n`) === false && "once" in io.stdout) await once(io.stdout as NodeJS.WritableStream, "drain");
      }
    });
}
