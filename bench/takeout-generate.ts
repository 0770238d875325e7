/**
 * Writes a realistic multi-part Google Takeout, deterministically (seeded): two zips
 * `takeout-20260101T000000Z-001.zip` and `-002.zip`, each with its own `Takeout/` root.
 * Part 1 holds Location History (a large Records.json, Settings.json, a year of semantic
 * months) and a large HTML My Activity; part 2 the Gmail mbox. Sizes split a total of
 * `--size` (default 2GB) 40/30/30. Needs `zip` on the PATH.
 *
 *   npx tsx bench/takeout-generate.ts [OUT_DIR] [--size 2GB] [--seed 1]
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateMbox, parseSize, randomSource } from "./mbox-generate.js";

const MONTHS = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];
const HOUR = 3_600_000;

type Random = ReturnType<typeof randomSource>;

/** Appends text produced by `next` to a file until it holds `size` bytes; returns how many pieces. */
function writeUntil(path: string, size: number, head: string, next: (index: number) => string, tail: string): number {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "w");
  let written = writeSync(fd, head);
  let pending: string[] = [];
  let pendingBytes = 0;
  let count = 0;
  try {
    while (written + pendingBytes < size) {
      const piece = next(count++);
      pending.push(piece);
      pendingBytes += piece.length; // ASCII and near-ASCII: close enough to bytes for a size target
      if (pendingBytes >= 4 * 1024 * 1024) {
        written += writeSync(fd, pending.join(""));
        [pending, pendingBytes] = [[], 0];
      }
    }
    writeSync(fd, pending.join("") + tail);
  } finally {
    closeSync(fd);
  }
  return count;
}

/**
 * Records.json as Takeout writes it (two-space indents): 2014–2018 fixes in the old shape
 * (`timestampMs`, occasional activity guesses, GPS speed and altitude), later ones in the newer
 * shape (ISO `timestamp`, source, device and platform, some with a Wi-Fi scan).
 */
export function generateRecords(path: string, size: number, seed = 1): number {
  const random = randomSource(seed);
  let time = Date.UTC(2014, 0, 1);
  let lat = 481372000;
  let lon = 115755000;
  const newShapeFrom = Date.UTC(2019, 0, 1);
  return writeUntil(
    path,
    size,
    '{\n  "locations": [',
    (index) => {
      time += random.int(20_000, 180_000);
      lat += random.int(-2000, 2000);
      lon += random.int(-3000, 3000);
      const lines = [`    "latitudeE7": ${lat}`, `    "longitudeE7": ${lon}`, `    "accuracy": ${random.int(3, 60)}`];
      const gps = random.next() < 0.3;
      if (gps) lines.push(`    "velocity": ${random.int(0, 30)}`, `    "heading": ${random.int(0, 359)}`, `    "altitude": ${random.int(480, 560)}`, `    "verticalAccuracy": ${random.int(2, 20)}`);
      if (random.next() < 0.15) lines.push(activityJson(random, time));
      if (time < newShapeFrom) lines.push(`    "timestampMs": "${time}"`);
      else {
        lines.push(`    "source": "${gps ? "GPS" : random.pick(["WIFI", "CELL"])}"`, '    "deviceTag": 1427018830', '    "platformType": "ANDROID"');
        if (random.next() < 0.1) lines.push(wifiScanJson(random));
        lines.push(`    "timestamp": "${new Date(time).toISOString()}"`);
      }
      return `${index === 0 ? "" : ","} {\n${lines.join(",\n")}\n  }`;
    },
    "]\n}\n",
  );
}

function activityJson(random: Random, time: number): string {
  const guesses = [...new Set([random.pick(["STILL", "ON_FOOT", "IN_VEHICLE", "WALKING"]), "UNKNOWN"])];
  const inner = guesses.map((type) => `{\n        "type": "${type}",\n        "confidence": ${random.int(1, 100)}\n      }`).join(", ");
  return `    "activity": [{\n      "activity": [${inner}],\n      "timestampMs": "${time - random.int(0, 5000)}"\n    }]`;
}

function wifiScanJson(random: Random): string {
  const points = Array.from({ length: random.int(2, 8) }, () => `{\n          "mac": "${random.int(1e14, 2.8e14)}",\n          "strength": ${-random.int(40, 95)},\n          "frequencyMhz": ${random.pick([2437, 2462, 5180, 5240])}\n        }`);
  return `    "activeWifiScan": {\n      "accessPoints": [${points.join(", ")}]\n    }`;
}

/** One semantic month: alternating activity segments and place visits through the month. */
function semanticMonth(random: Random, year: number, month: number): string {
  const objects: unknown[] = [];
  let time = Date.UTC(year, month, 1, 7);
  while (time < Date.UTC(year, month + 1, 1)) {
    const start = time;
    time += random.int(10, 300) * 60_000;
    const duration = { startTimestampMs: String(start), endTimestampMs: String(time) };
    const at = { latitudeE7: 481372000 + random.int(-50000, 50000), longitudeE7: 115755000 + random.int(-50000, 50000) };
    objects.push(
      objects.length % 2 === 0
        ? { activitySegment: { startLocation: at, endLocation: at, duration, distance: random.int(100, 20000), activityType: random.pick(["WALKING", "CYCLING", "IN_PASSENGER_VEHICLE"]), confidence: "HIGH" } }
        : { placeVisit: { location: { ...at, placeId: `ChIJ${random.int(1e9, 9e9)}`, address: `Street ${random.int(1, 99)}, München`, name: `Place ${random.int(1, 500)}` }, duration, placeConfidence: "HIGH_CONFIDENCE" } },
    );
    time += random.int(0, 8) * HOUR;
  }
  return JSON.stringify({ timelineObjects: objects }, null, 2);
}

const VIDEO_WORDS = ["How", "to", "build", "a", "tiny", "house", "Lofi", "beats", "Rust", "in", "100", "seconds", "Best", "of", "Jazz", "Tour", "Review", "Live", "Street", "Food"];

/** My Activity HTML as Takeout writes it: one `div.outer-cell` per entry, YouTube watches and Search queries. */
export function generateMyActivityHtml(path: string, size: number, seed = 1): number {
  const random = randomSource(seed);
  let time = Date.UTC(2026, 0, 1);
  const head =
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"/><title>My Activity</title></head><body><div class="mdl-grid">';
  return writeUntil(
    path,
    size,
    head,
    () => {
      time -= random.int(60, 7200) * 1000;
      const words = Array.from({ length: random.int(3, 8) }, () => random.pick(VIDEO_WORDS)).join(" ");
      const youtube = random.next() < 0.7;
      const header = youtube ? "YouTube" : "Search";
      const body = youtube
        ? `Watched <a href="https://www.youtube.com/watch?v=${random.int(1e10, 9e10).toString(36)}">${words}</a><br><a href="https://www.youtube.com/channel/UC${random.int(1e12, 9e12).toString(36)}">${random.pick(VIDEO_WORDS)} Channel</a><br>`
        : `Searched for <a href="https://www.google.com/search?q=${encodeURIComponent(words)}">${words}</a><br>`;
      return (
        `<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid"><div class="header-cell mdl-cell mdl-cell--12-col"><p class="mdl-typography--title">${header}<br></p></div>` +
        `<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">${body}${activityDate(time)}</div>` +
        '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 mdl-typography--text-right"></div>' +
        `<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption"><b>Products:</b><br>&emsp;${header}<br><b>Why is this here?</b><br>&emsp;This activity was saved to your Google Account because the following settings were on:&nbsp;${youtube ? "YouTube watch history" : "Web &amp; App Activity"}.</div></div></div>`
      );
    },
    "</div></body></html>\n",
  );
}

/** `Mar 8, 2021, 5:14:40 PM UTC`, as the English HTML writes times. */
function activityDate(ms: number): string {
  const date = new Date(ms);
  const month = date.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const hour = date.getUTCHours() % 12 || 12;
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${month} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${hour}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCHours() < 12 ? "AM" : "PM"} UTC`;
}

/** Writes both parts into `dir`; returns their paths. */
export function generateTakeout(dir: string, size: number, seed = 1): string[] {
  const random = randomSource(seed);
  const parts = [1, 2].map((part) => join(dir, `takeout-20260101T000000Z-00${part}.zip`));
  const stage = (part: number) => join(dir, `stage-${part}`, "Takeout");
  const location = join(stage(1), "Location History (Timeline)");
  generateRecords(join(location, "Records.json"), Math.round(size * 0.4), seed);
  writeFileSync(join(location, "Settings.json"), JSON.stringify({ createdTime: "2014-01-01T00:00:00.000Z", historyEnabled: true, deviceSettings: [{ deviceTag: 1427018830, devicePrettyName: "Pixel 7" }], retentionWindowDays: 540 }, null, 2));
  for (const [month, name] of MONTHS.entries()) {
    const file = join(location, "Semantic Location History", "2019", `2019_${name}.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, semanticMonth(random, 2019, month));
  }
  generateMyActivityHtml(join(stage(1), "My Activity", "YouTube", "MyActivity.html"), Math.round(size * 0.3), seed);
  const mail = join(stage(2), "Mail", "All mail Including Spam and Trash.mbox");
  mkdirSync(dirname(mail), { recursive: true });
  generateMbox(mail, Math.round(size * 0.3), seed);
  for (const [index, zip] of parts.entries()) {
    rmSync(zip, { force: true });
    const zipped = spawnSync("zip", ["-q", "-r", "-6", zip, "Takeout"], { cwd: dirname(stage(index + 1)), stdio: "inherit" });
    if (zipped.status !== 0) throw new Error(`zip failed for ${zip} (exit ${zipped.status}); is zip installed?`);
    rmSync(dirname(stage(index + 1)), { recursive: true, force: true });
  }
  return parts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { size: { type: "string", default: "2GB" }, seed: { type: "string", default: "1" } } });
  const dir = resolve(positionals[0] ?? join(dirname(fileURLToPath(import.meta.url)), "out", "takeout"));
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const parts = generateTakeout(dir, parseSize(values.size), Number(values.seed));
  console.log(`${parts.join("\n")}\nwritten in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
