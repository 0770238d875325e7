import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync, zipSync } from "fflate";
import tar from "tar-stream";
import { afterAll, afterEach } from "vitest";
import { openVault, type Vault } from "../src/db/open.js";

/** A fresh folder, removed after the test, or after the whole suite for a server the suite shares. */
export function useTempDir(lifetime: "test" | "suite" = "test"): () => string {
  const made: string[] = [];
  (lifetime === "test" ? afterEach : afterAll)(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), "ownbase-test-"));
    made.push(dir);
    return dir;
  };
}

/** A fresh vault per test, in its own folder. */
export function useTempVault(): () => Promise<Vault & { dir: string; path: string }> {
  const tempDir = useTempDir();
  const opened: Vault[] = [];
  afterEach(() => {
    for (const vault of opened.splice(0)) vault.close();
  });
  return async () => {
    const dir = tempDir();
    const path = join(dir, "vault.db");
    const vault = await openVault(path);
    opened.push(vault);
    return { ...vault, dir, path };
  };
}

/** Everything a vault holds, without the ids that depend on the order of writing. */
export async function vaultContents(vault: Vault) {
  const stored = await vault.client.execute(`
    SELECT r.platform, r.kind, r.natural_key, r.occurred_at, r.title, r.text, r.url, r.importer,
           json_group_array(json_array(f.name, f.value, f.level, f.categories, f.reason, f.spans)) AS fields
    FROM records r LEFT JOIN (SELECT * FROM fields ORDER BY name) f ON f.record_id = r.id
    GROUP BY r.id ORDER BY r.platform, r.natural_key`);
  return stored.rows.map((row) => ({ ...row }));
}

/** Writes a zip holding the given files (path → content). */
export function writeZip(path: string, files: Record<string, string | Buffer | Uint8Array>): string {
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, content]) => [name, typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content)]),
  );
  writeFileSync(path, zipSync(entries));
  return path;
}

/** Writes a gzipped tar holding the given files (path → content), as `tar czf` would. */
export async function writeTgz(path: string, files: Record<string, string | Buffer | Uint8Array>): Promise<string> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name }, Buffer.from(content));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  writeFileSync(path, gzipSync(Buffer.concat(chunks)));
  return path;
}
