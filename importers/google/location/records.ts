import { isObject, jsonStart, streamJsonItemLists } from "../../json.js";
import type { FieldValue, FileInput, FileSample, Importer, ItemError, ReadItem, RecordDraft } from "../../types.js";
import { locationSensitivity } from "./sensitivity.js";
import { snakeCase } from "../../text.js";
import { digest, fromE7, isoTime, otherFields, parseTime, type LatLng } from "./values.js";

const NONE = new Set<string>();
const DEVICE = ["platformType", "osLevel", "formFactor", "deviceDesignation"];
const KNOWN = new Set(["latitudeE7", "longitudeE7", "timestampMs", "timestamp", "deviceTag", "activity", "serverTimestamp", "deviceTimestamp", ...DEVICE]);

/**
 * A run ends after a fix whose mixed key has these low bits clear: one fix in 64 on average.
 * Longer runs would hold more in memory (the import stores 1000 records a batch: runs of 256
 * took it to 667 MB) and repeat more old fixes when a later export changes a run.
 */
const RUN_END_MASK = 0x3f;
/** Fixes in a run at most, whatever the file: keeps memory bounded. */
const MAX_RUN = 1024;
const DAY_MS = 86_400_000;

/**
 * `Location History/Location History.json` (old) and `Location History (Timeline)/Records.json`:
 * every raw fix the phones reported, `{"locations":[…]}`, up to several GB (some 4 million
 * fixes a GB).
 *
 * Fixes are stored in runs, one `location_points` record each, not one record per fix. Measured
 * with bench/takeout-import.ts on a generated Takeout holding an 820 MB Records.json (3.3 million
 * fixes): a record per fix (two to five field rows each) stored ~10k records/s, took the whole
 * import to 387 s and the fixes' share of the vault to ~2.5 GB; runs took it to 68 s and 0.7 GB.
 *
 * Runs are cut by content, not by the clock (a run per hour would lose the fixes a later export
 * adds to an hour the first one only partly held): a run ends after a fix whose time and
 * coordinates hash to a multiple of 64, at the end of a UTC day, or after 1024 fixes, and is
 * keyed by the digest of its fixes' times and coordinates. An overlapping later Takeout makes
 * the same runs, which are skipped; a run that gained fixes (the one the first export stopped
 * in, a day a phone uploaded late) gets a new key and is stored whole again, repeating its few
 * dozen old fixes beside the new ones: nothing is lost, little is repeated. A restart resumes
 * after the last stored run, where a run boundary is.
 */
export const recordsImporter: Importer = {
  id: "google_location.records",
  platform: "google_location",
  title: "Google Location History (Records.json)",
  detect,
  // Read here, not on a second thread: handing runs of fixes across took more memory (each run
  // twice, as objects and as tagged JSON) than the thread saved time.
  read,
  fieldSensitivity: locationSensitivity,
};

function detect(sample: FileSample): number {
  const start = jsonStart(sample.head, 2000);
  if (!/^\{"locations":\[(\{"\w+":|\])/.test(start)) return 0;
  const byName = /^(Records|Location History)\.json$/i.test(sample.name) ? 0.05 : 0;
  // Other apps may call an array "locations" too: Google's fixes carry E7 coordinates.
  return (/"(latitudeE7|longitudeE7)"/.test(start) || start.startsWith('{"locations":[]') ? 0.9 : 0.3) + byName;
}

interface Fix {
  /** `time,latitudeE7,longitudeE7`: what identifies the fix in every export. */
  id: string;
  time: Date;
  point: { [name: string]: FieldValue };
}

async function* read(file: FileInput): AsyncGenerator<ReadItem> {
  let run: Fix[] = [];
  let last = 0;
  const end = () => {
    const record = runRecord(run, last);
    run = [];
    return record;
  };
  try {
    for await (const items of streamJsonItemLists(file, ["locations"])) {
      for (const item of items) {
        if (item.type === "error") {
          yield item;
          continue;
        }
        if (!isObject(item.value)) {
          yield fixError(item.index, "expected an object with a location");
          continue;
        }
        const time = parseTime(item.value.timestamp ?? item.value.timestampMs);
        const location = fromE7(item.value.latitudeE7, item.value.longitudeE7);
        if (!time) yield fixError(item.index, "no readable timestamp");
        else if (!location) yield fixError(item.index, "no readable latitudeE7/longitudeE7");
        else {
          const ms = time.getTime();
          const latE7 = Math.round(location[0] * 1e7);
          const lonE7 = Math.round(location[1] * 1e7);
          if (run.length > 0 && Math.floor(ms / DAY_MS) !== Math.floor(run[0]!.time.getTime() / DAY_MS)) yield end();
          run.push({ id: `${ms},${latE7},${lonE7}`, time, point: pointFields(item.value, time, location) });
          last = item.index;
          if ((mix(ms, latE7, lonE7) & RUN_END_MASK) === 0 || run.length >= MAX_RUN) yield end();
        }
      }
    }
  } catch (error) {
    // The fixes read before a cut or a broken byte are sound: keep them.
    if (run.length > 0) yield end();
    throw error;
  }
  if (run.length > 0) yield end();
}

/** A fix that could not be read, by its place in the file: made only then, not for every fix. */
function fixError(index: number, message: string): ItemError {
  return { type: "error", at: `item ${index}`, message };
}

/** A cheap, well-spread hash of a fix (murmur3's finaliser): a digest per fix would double the parse time. */
function mix(ms: number, latE7: number, lonE7: number): number {
  let h = Math.imul((ms % 0x7fffffff) ^ Math.imul(latE7, 0x9e3779b1) ^ Math.imul(lonE7, 0x85ebca77), 0xcc9e2d51);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** A run of fixes as one record: keyed by its first time and the digest of all its fixes' keys. */
function runRecord(run: Fix[], resume: number): RecordDraft {
  const [first, last] = [run[0]!, run.at(-1)!];
  const [from, to] = [first.time.toISOString(), last.time.toISOString()];
  return {
    type: "record",
    kind: "location_points",
    naturalKey: `location_points:${from}:${digest(run.map((fix) => fix.id).join(";"))}`,
    time: first.time,
    title: `${run.length} location ${run.length === 1 ? "fix" : "fixes"}, ${from.slice(0, 10)} ${from.slice(11, 16)}–${to.slice(11, 16)} UTC`,
    fields: { first_time: from, last_time: to, count: run.length, points: run.map((fix) => fix.point) },
    resume,
  };
}
/** A fix as kept in its run: its time and coordinates first, then everything else it says. */
function pointFields(fix: Record<string, unknown>, time: Date, location: LatLng): { [name: string]: FieldValue } {
  const point: { [name: string]: FieldValue } = { time: time.toISOString(), location };
  for (const name in fix) {
    const value = fix[name];
    if (!KNOWN.has(name) && value !== null && value !== undefined && value !== "") point[snakeCase(name)] = value as FieldValue;
  }
  const device = deviceField(fix);
  if (device !== undefined) point.device = device;
  if (fix.serverTimestamp !== undefined) point.server_time = isoTime(fix.serverTimestamp) ?? null;
  if (fix.deviceTimestamp !== undefined) point.device_time = isoTime(fix.deviceTimestamp) ?? null;
  if (Array.isArray(fix.activity)) point.activity = fix.activity.map(activityGuess);
  return point;
}

/**
 * What the phone was, as one field: these repeat on every fix, and each field costs a row in
 * the store. The device number identifies the phone, so it is kept comparable, never in clear.
 */
function deviceField(point: Record<string, unknown>): FieldValue | undefined {
  // Old fixes say nothing of the phone: skip building the memo key for them.
  if (point.deviceTag === undefined && DEVICE.every((name) => point[name] === undefined)) return undefined;
  const raw = [point.deviceTag, ...DEVICE.map((name) => point[name])];
  const memo = raw.join("|");
  let device = devices.get(memo);
  if (device === undefined) {
    const described = otherFields(Object.fromEntries(DEVICE.map((name, i) => [name, raw[i + 1]])), NONE) as Record<string, FieldValue>;
    const found = { ...(point.deviceTag === undefined ? {} : { id: digest(point.deviceTag) }), ...described };
    device = Object.keys(found).length > 0 ? found : null;
    // A file holds a handful of devices; the cap only guards against a strange one.
    if (devices.size < 1000) devices.set(memo, device);
  }
  return device ?? undefined;
}

const devices = new Map<string, FieldValue>();

/** `{timestampMs, activity:[{type, confidence}]}` → `{time, activity}`, the time in UTC ISO. */
function activityGuess(guess: unknown): FieldValue {
  if (!isObject(guess)) return guess as FieldValue;
  const { timestampMs, timestamp, ...rest } = guess;
  const time = isoTime(timestamp ?? timestampMs);
  return { ...(time === undefined ? {} : { time }), ...(otherFields(rest, NONE) as Record<string, FieldValue>) };
}
