/**
 * Writes a large My Activity export, the same entries as JSON and as HTML, for
 * `bench/takeout-activity-read.ts`: YouTube watches with their channel, searches with a location,
 * visits through Google's redirect links, Maps views, in the shape Takeout gives them.
 *
 *   npx tsx bench/takeout-activity-generate.ts OUT_DIR [MB]   (default 200 MB each)
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";

const [outDir, megabytes = "200"] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: npx tsx bench/takeout-activity-generate.ts OUT_DIR [MB]");
  process.exit(2);
}
const target = Number(megabytes) * 1024 * 1024;

interface Entry {
  header: string;
  verb: string;
  title: string;
  titleUrl: string;
  channel?: { name: string; url: string };
  time: Date;
  location?: string;
}

function entry(index: number): Entry {
  const time = new Date(Date.UTC(2024, 0, 1) - index * 37_000 - (index % 1000));
  switch (index % 4) {
    case 0:
      return {
        header: "YouTube",
        verb: "Watched",
        title: `Video number ${index} – a fairly ordinary title, with “quotes” & ümlauts`,
        titleUrl: `https://www.youtube.com/watch?v=${index.toString(36).padStart(11, "0")}`,
        channel: { name: `Channel ${index % 997}`, url: `https://www.youtube.com/channel/UC${(index % 997).toString(36).padStart(22, "0")}` },
        time,
      };
    case 1:
      return {
        header: "Search",
        verb: "Searched for",
        title: `how to import takeout ${index}`,
        titleUrl: `https://www.google.com/search?q=how+to+import+takeout+${index}`,
        time,
        location: `https://www.google.com/maps/@?api=1&map_action=map&center=52.${index % 1000},13.${index % 997}&zoom=12`,
      };
    case 2:
      return {
        header: "Search",
        verb: "Visited",
        title: `Result page ${index} - Example`,
        titleUrl: `https://www.google.com/url?q=https://example.org/page/${index}&usg=AOvVaw${index}`,
        time,
      };
    default:
      return { header: "Maps", verb: "Viewed", title: `area around Place ${index}`, titleUrl: `https://www.google.com/maps/@52.5,13.4,${index % 20}z`, time };
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const jsonUrl = (url: string) => JSON.stringify(url).replace(/=/g, "\\u003d").replace(/&/g, "\\u0026");

function asJson(item: Entry): string {
  const parts = [
    `  "header": ${JSON.stringify(item.header)}`,
    `  "title": ${JSON.stringify(`${item.verb} ${item.title}`)}`,
    `  "titleUrl": ${jsonUrl(item.titleUrl)}`,
  ];
  if (item.channel) parts.push(`  "subtitles": [{\n    "name": ${JSON.stringify(item.channel.name)},\n    "url": ${jsonUrl(item.channel.url)}\n  }]`);
  parts.push(`  "time": "${item.time.toISOString().replace("Z", "123Z")}"`, `  "products": [${JSON.stringify(item.header)}]`);
  if (item.location) {
    parts.push(`  "locationInfos": [{\n    "name": "At this general area",\n    "url": ${jsonUrl(item.location)},\n    "source": "From your places (Home)"\n  }]`);
  }
  parts.push(`  "activityControls": ["Web \\u0026 App Activity"]`);
  return `{\n${parts.join(",\n")}\n}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Mar 8, 2021, 5:14:40 PM CET`: one zone for the whole file, as exports since 2020 write it. */
function htmlTime(time: Date): string {
  const local = new Date(time.getTime() + 3_600_000);
  const hour = local.getUTCHours();
  const clock = `${hour % 12 || 12}:${String(local.getUTCMinutes()).padStart(2, "0")}:${String(local.getUTCSeconds()).padStart(2, "0")}`;
  return `${MONTHS[local.getUTCMonth()]} ${local.getUTCDate()}, ${local.getUTCFullYear()}, ${clock}\u202f${hour < 12 ? "AM" : "PM"} CET`;
}

function asHtml(item: Entry): string {
  const lines = [`${item.verb}&nbsp;<a href="${escapeHtml(item.titleUrl)}">${escapeHtml(item.title)}</a>`];
  if (item.channel) lines.push(`<a href="${escapeHtml(item.channel.url)}">${escapeHtml(item.channel.name)}</a>`);
  lines.push(htmlTime(item.time));
  let caption = `<b>Products:</b><br>&emsp;${item.header}<br>`;
  if (item.location) caption += `<b>Locations:</b><br>&emsp;At <a href="${escapeHtml(item.location)}">this general area</a> - From your places (Home)<br>`;
  caption +=
    '<b>Why is this here?</b><br>&emsp;This activity was saved to your Google Account because the following settings were on:&nbsp;Web &amp; App Activity.&nbsp;You can control these settings &nbsp;<a href="https://myaccount.google.com/activitycontrols">here</a>.';
  return (
    '<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid">' +
    `<div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">${item.header}<br></p></div>` +
    `<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">${lines.join("<br>")}<br></div>` +
    '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 mdl-typography--text-right"></div>' +
    `<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption">${caption}</div></div></div>`
  );
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

await mkdir(outDir, { recursive: true });
const htmlPath = join(outDir, "MyActivity.html");
const jsonPath = join(outDir, "MyActivity.json");
const html = createWriteStream(htmlPath);
const json = createWriteStream(jsonPath);
await write(html, '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>My Activity</title></head><body><div class="mdl-grid">');
await write(json, "[");
// Each file grows to the size asked for; the JSON, being terser, holds more of the same entries.
const size = { html: 0, json: 0 };
let entries = 0;
while (size.html < target || size.json < target) {
  const block = Array.from({ length: 1000 }, (_, i) => entry(entries + i));
  if (size.html < target) {
    const text = block.map(asHtml).join("\n");
    size.html += Buffer.byteLength(text);
    await write(html, text);
  }
  if (size.json < target) {
    const text = (entries > 0 ? "," : "") + block.map(asJson).join(",");
    size.json += Buffer.byteLength(text);
    await write(json, text);
  }
  entries += block.length;
}
await write(html, "</div></body></html>\n");
await write(json, "]\n");
await Promise.all([new Promise((done) => html.end(done)), new Promise((done) => json.end(done))]);
const sizes = await Promise.all([stat(htmlPath), stat(jsonPath)]);
console.log(JSON.stringify({ html: { path: htmlPath, bytes: sizes[0].size }, json: { path: jsonPath, bytes: sizes[1].size } }));
