import { once } from "node:events";
import { existsSync, writeFileSync } from "node:fs";
import { createClient } from "@libsql/client";
import { zipSync } from "fflate";
import { ownbase, startOwnbase } from "./cli.js";

/**
 * A mixed export zip (Netflix CSV, Amazon CSV, an mbox, a Takeout My Activity JSON), `scale`
 * times a few thousand records, for the crash tests: large enough that a kill lands mid-import.
 * Exports with different `start`s hold different records.
 */
export function writeMixedExport(path: string, scale = 1, start = 0): void {
  const n = (count: number) => Math.round(count * scale);
  const range = (count: number) => Array.from({ length: n(count) }, (_, i) => start + i);
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();

  const viewing = ["Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country"];
  for (const i of range(6000)) {
    viewing.push(`Anna,${day(i).slice(0, 19).replace("T", " ")},00:42:10,,Show ${i % 97}: Season 1: Episode ${i},,Smart TV,00:42:10,00:42:10,DE (Germany)`);
  }

  const orders = [
    '"Website","Order ID","Order Date","Purchase Order Number","Currency","Unit Price","Unit Price Tax","Shipping Charge","Total Discounts","Total Owed","Shipment Item Subtotal","Shipment Item Subtotal Tax","ASIN","Product Condition","Quantity","Payment Instrument Type","Order Status","Shipment Status","Ship Date","Shipping Option","Shipping Address","Billing Address","Carrier Name & Tracking Number","Product Name","Gift Message","Gift Sender Name","Gift Recipient Contact Details"',
  ];
  for (const i of range(4000)) {
    const [year, month, date] = day(i * 5).slice(0, 10).split("-");
    const when = `${month}/${date}/${year} 10:00:00 UTC`;
    const address = "Jane Doe 1 Main St Springfield IL 62701 United States";
    const values = ["Amazon.com", `114-${String(i).padStart(7, "0")}-0000001`, when, "Not Applicable", "USD", `${(i % 50) + 0.99}`, "0.80", "2.99", "0", "23.59", "35.00", "2.80", `B${String(i).padStart(9, "0")}`, "New", "1", "Visa - 1234", "Closed", "Shipped", when, "std-us", address, address, "UPS(1Z999AA10123456784)", `Climbing gear item ${i}`, "Not Available", "Not Available", "Not Available"];
    orders.push(values.map((value) => `"${value}"`).join(","));
  }

  let mbox = "";
  for (const i of range(2500)) {
    mbox += `From sender${i}@example.com Mon Jan 06 04:49:45 +0000 2020\nFrom: Sender ${i} <sender${i}@example.com>\nTo: me@example.com\nSubject: Note ${i}\nDate: Mon, 06 Jan 2020 04:49:45 +0000\nMessage-ID: <note-${i}@example.com>\n\nMessage ${i}: ${"lorem ipsum dolor sit amet ".repeat(20)}\n\n`;
  }

  const activity = range(6000).map((i) => ({
    header: "YouTube",
    title: `Watched Video number ${i}`,
    titleUrl: `https://www.youtube.com/watch?v=v${i}`,
    subtitles: [{ name: `Channel ${i % 31}`, url: `https://www.youtube.com/channel/c${i % 31}` }],
    time: day(i),
    products: ["YouTube"],
    activityControls: ["YouTube watch history"],
  }));

  const encode = (text: string) => new TextEncoder().encode(text);
  writeFileSync(
    path,
    zipSync({
      "netflix/CONTENT_INTERACTION/ViewingActivity.csv": encode(viewing.join("\n")),
      "amazon/Retail.OrderHistory.1/Retail.OrderHistory.1.csv": encode(orders.join("\n")),
      "Takeout/Mail/All mail.mbox": encode(mbox),
      "Takeout/My Activity/YouTube/MyActivity.json": encode(JSON.stringify(activity, null, 2)),
    }),
  );
}

/** Every record of a vault file with all its fields, sorted: two vaults with the same records print alike. */
export async function vaultContents(db: string): Promise<string[]> {
  const client = createClient({ url: `file:${db}` });
  try {
    const records = await client.execute("SELECT id, platform, kind, natural_key, occurred_at, title, text, url FROM records");
    const fields = await client.execute("SELECT record_id, name, value, level, categories FROM fields ORDER BY name");
    const values = (row: ArrayLike<unknown>) => Array.from(row);
    const byRecord = new Map<unknown, string[]>();
    for (const [recordId, ...field] of fields.rows.map(values)) {
      const list = byRecord.get(recordId) ?? [];
      list.push(JSON.stringify(field));
      byRecord.set(recordId, list);
    }
    return records.rows.map(values).map(([id, ...record]) => JSON.stringify([record, byRecord.get(id) ?? []])).sort();
  } finally {
    client.close();
  }
}

/** SQLite's own check of the file, and FTS5's of the full-text index against the records. */
export async function vaultIntegrity(db: string): Promise<{ integrity: unknown; fts: "ok" | string }> {
  const client = createClient({ url: `file:${db}` });
  try {
    const integrity = (await client.execute("PRAGMA integrity_check")).rows[0]![0];
    let fts: string = "ok";
    await client.execute("INSERT INTO records_fts (records_fts, rank) VALUES ('integrity-check', 1)").catch((error: Error) => (fts = error.message));
    return { integrity, fts };
  } finally {
    client.close();
  }
}

/** A small seeded generator (mulberry32), so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface KillRun {
  /** Records in the vault when the import was killed, or null when it ended first. */
  killedAtRecords: number | null;
}

/** Records stored so far; 0 while the vault is still being created. */
export async function storedRecords(db: string): Promise<number> {
  const client = createClient({ url: `file:${db}` });
  try {
    return Number((await client.execute("SELECT count(*) FROM records")).rows[0]![0]);
  } catch {
    return 0;
  } finally {
    client.close();
  }
}

/**
 * Runs `ownbase import` on `inputs` into `db` `kills` times, each killed with SIGKILL at a random
 * point, then once more to the end. The first kill on a new vault lands while it is created; the
 * others once the vault holds a random number of records between what it held and `total`
 * (spread so that each kill has its share), plus up to 200 ms: mid-batch, mid-transaction,
 * between files, and, once everything is in, while the vault opens.
 */
export async function importKilledRepeatedly(db: string, inputs: string[], kills: number, total: number, random: () => number) {
  const runs: KillRun[] = [];
  for (let i = 0; i < kills; i++) {
    // (Checked first: looking at the records would create the file.)
    const creating = i === 0 && !existsSync(db);
    // Spread over what is left: on average an equal share of it before each remaining kill.
    const before = creating ? 0 : await storedRecords(db);
    const target = Math.min(total, before + Math.ceil((random() * 2 * (total - before)) / (kills - i + 1)));
    const child = startOwnbase(["import", "--db", db, "--json", "--no-progress", ...inputs]);
    const exited = once(child, "exit");
    let stored = before;
    if (creating) {
      // The first kill lands while the vault is being created (its schema migrated).
      while (child.exitCode === null && !existsSync(db)) await new Promise((resolve) => setTimeout(resolve, 2));
    } else {
      while (child.exitCode === null && stored < target) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        stored = await storedRecords(db);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, random() * 200));
    const ended = child.exitCode !== null;
    if (!ended) child.kill("SIGKILL");
    await exited;
    runs.push({ killedAtRecords: ended ? null : stored });
  }
  const final = ownbase(["import", "--db", db, "--json", "--no-progress", ...inputs]);
  return { runs, final };
}
