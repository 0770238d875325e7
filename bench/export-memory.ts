/**
 * Export and forget on generated vaults of two sizes: export's peak memory should not grow with
 * the vault (it holds one page of records at a time), and forget's time is mostly the VACUUM.
 *
 *   npx tsx bench/export-memory.ts [small=20000] [large=200000]
 *
 * Figures are indicative: a shared 2-core machine, other work running beside.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { openVault, type Vault } from "../src/db/open.js";
import { exportVault } from "../src/vault/export.js";
import { forget } from "../src/vault/forget.js";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

/** Records of two platforms, each with a level-1 and a level-2 field, written by SQL alone. */
async function fill(vault: Vault, records: number): Promise<void> {
  await vault.client.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
          INSERT INTO records (platform, kind, natural_key, occurred_at, title, text, importer)
          SELECT CASE i % 2 WHEN 0 THEN 'alpha' ELSE 'beta' END, 'item', 'k' || i, 1600000000000 + i * 60000,
                 'Title ' || i || ' ' || hex(randomblob(6)), 'Some text about item ' || i || ' ' || hex(randomblob(12)), 'bench' FROM n`,
    args: [records],
  });
  for (const [name, level] of [["note", 1], ["detail", 2]] as const) {
    await vault.client.execute(
      `INSERT INTO fields (record_id, name, value, level, categories, reason) SELECT id, '${name}', json_quote('${name} of ' || id || ' ' || hex(randomblob(24))), ${level}, '[]', 'bench' FROM records`,
    );
  }
}

/** A sink that takes its time, so that backpressure is exercised. */
function slowSink(): Writable & { bytes: number } {
  const sink = new Writable({
    highWaterMark: 1 << 16,
    write(chunk: Buffer, _encoding, done) {
      sink.bytes += chunk.length;
      setImmediate(done);
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

for (const records of sizes.length ? sizes : [20_000, 200_000]) {
  const dir = mkdtempSync(join(tmpdir(), "ownbase-bench-export-"));
  const path = join(dir, "vault.db");
  const vault = await openVault(path);
  await fill(vault, records);
  global.gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const sink = slowSink();
  let started = performance.now();
  const report = await exportVault(vault, sink, { format: "jsonl", approve: "all" });
  const exportMs = performance.now() - started;
  clearInterval(sampler);
  const sizeBefore = statSync(path).size;
  started = performance.now();
  const forgotten = await forget(vault, { platform: "alpha" });
  const forgetMs = performance.now() - started;
  vault.close();
  console.log(
    `${records} records: export ${report.records} records, ${(sink.bytes / 1e6).toFixed(1)} MB JSONL in ${(exportMs / 1000).toFixed(1)} s ` +
      `(${Math.round(report.records / (exportMs / 1000))} records/s), peak heap +${((peak - baseline) / 1e6).toFixed(1)} MB; ` +
      `forget ${forgotten.records} records in ${(forgetMs / 1000).toFixed(1)} s, file ${(sizeBefore / 1e6).toFixed(1)} MB -> ${(statSync(path).size / 1e6).toFixed(1)} MB`,
  );
  rmSync(dir, { recursive: true, force: true });
}
