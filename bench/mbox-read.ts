/**
 * The mbox importer alone, without the store: reads every message of FILE and prints what it
 * read and how long it took as JSON. `bench/mbox-import.ts` runs it as the "parser only" figure.
 *
 *   npx tsx bench/mbox-read.ts FILE.mbox
 */
import { mboxImporters } from "../importers/mbox/index.js";
import { fileInputFromPath } from "../src/import/file-input.js";

const path = process.argv[2];
if (!path) {
  console.error("usage: npx tsx bench/mbox-read.ts FILE.mbox");
  process.exit(2);
}
const started = performance.now();
let records = 0;
let errors = 0;
for await (const item of mboxImporters[0]!.read(await fileInputFromPath(path))) {
  if (item.type === "record") records++;
  else errors++;
}
console.log(JSON.stringify({ records, errors, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }));
