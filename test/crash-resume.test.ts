import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { ownbase, startOwnbase } from "./cli.js";
import { useTempDir } from "./helpers.js";

const MESSAGES = 30_000;

/** An mbox big enough that importing it takes a few seconds. */
async function writeMbox(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < MESSAGES; i++) {
    const body = `Message ${i}: ${"lorem ipsum dolor sit amet ".repeat(40)}\n`;
    const message = `From sender${i}@example.com Mon Jan 06 04:49:45 +0000 2020\nFrom: Sender ${i} <sender${i}@example.com>\nTo: me@example.com\nSubject: Note ${i}\nDate: Mon, 06 Jan 2020 04:49:45 +0000\nMessage-ID: <note-${i}@example.com>\n\n${body}\n`;
    if (!out.write(message)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function storedSoFar(db: string): Promise<number> {
  const client = createClient({ url: `file:${db}` });
  try {
    const result = await client.execute("SELECT coalesce(sum(records_added), 0) AS n FROM imports");
    return Number(result.rows[0]!.n);
  } catch {
    return 0; // the vault is still being created
  } finally {
    client.close();
  }
}

describe("an import killed part-way", () => {
  const tempDir = useTempDir();

  it("resumes from its checkpoint and ends with every record once", async () => {
    const dir = tempDir();
    const mbox = join(dir, "mail.mbox");
    const db = join(dir, "vault.db");
    await writeMbox(mbox);

    const child = startOwnbase(["import", "--db", db, "--json", mbox]);
    const exited = once(child, "exit");
    let stored = 0;
    while (stored === 0 || stored >= MESSAGES) {
      if (child.exitCode !== null) throw new Error("the import finished before it could be interrupted");
      await new Promise((resolve) => setTimeout(resolve, 20));
      stored = await storedSoFar(db);
    }
    child.kill("SIGKILL");
    await exited;
    const beforeResume = await storedSoFar(db);
    expect(beforeResume).toBeGreaterThan(0);
    expect(beforeResume).toBeLessThan(MESSAGES);

    const resumed = ownbase(["import", "--db", db, "--json", mbox]);
    expect(resumed.status).toBe(0);
    const report = JSON.parse(resumed.stdout);
    // Only what the first run had not stored was read again.
    expect(report.records_seen).toBeLessThanOrEqual(MESSAGES - beforeResume);
    expect(report.records_added).toBe(MESSAGES - beforeResume);

    const stats = JSON.parse(ownbase(["stats", "--db", db, "--json"]).stdout);
    expect(stats.records).toBe(MESSAGES);
    const client = createClient({ url: `file:${db}` });
    try {
      const integrity = await client.execute("PRAGMA integrity_check");
      expect(integrity.rows[0]![0]).toBe("ok");
      const orphans = await client.execute("SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM fields f WHERE f.record_id = r.id)");
      expect(orphans.rows[0]![0]).toBe(0);
    } finally {
      client.close();
    }
  }, 180_000); // two imports of a 45 MB mbox: slow on a busy 2-core machine
});
