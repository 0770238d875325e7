/**
 * A My Activity importer alone, without the store: reads FILE (JSON or HTML, chosen by its
 * content) and prints records, errors, MB/s and peak RSS as JSON.
 *
 *   npx tsx bench/takeout-activity-read.ts FILE
 */
import { googleActivityImporters } from "../importers/google/activity/index.js";
import { fileInputFromPath } from "../src/import/file-input.js";

const path = process.argv[2];
if (!path) {
  console.error("usage: npx tsx bench/takeout-activity-read.ts FILE");
  process.exit(2);
}
const file = await fileInputFromPath(path);
const importer = googleActivityImporters.find((candidate) => candidate.detect(file) >= 0.5);
if (!importer) throw new Error(`${path} is not a My Activity file`);

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
const started = performance.now();
let records = 0;
let errors = 0;
for await (const item of importer.read(file)) {
  if (item.type === "record") records++;
  else errors++;
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());
const megabytes = (file.size ?? 0) / 1024 / 1024;
console.log(
  JSON.stringify({
    importer: importer.id,
    megabytes: Number(megabytes.toFixed(1)),
    records,
    errors,
    seconds: Number(seconds.toFixed(2)),
    mb_per_second: Number((megabytes / seconds).toFixed(1)),
    peak_rss_mb: Math.round(peakRss / 1024 / 1024),
  }),
);
