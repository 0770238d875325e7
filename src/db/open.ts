import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { dataFolder, packageRoot } from "../paths.js";
import * as schema from "./schema.js";

export type VaultDb = LibSQLDatabase<typeof schema>;

export interface Vault {
  /** Where the vault lives: a `file:` URL or a libSQL server's URL. */
  url: string;
  client: Client;
  db: VaultDb;
  close(): void;
}

const SERVER_URL = /^(libsql|https?|wss?):\/\//i;

/**
 * Turns what the user gave (`--db`, `OWNBASE_DB`, or nothing) into a libSQL URL: a server URL is
 * kept as it is, anything else is a file path, by default `vault.db` in the data folder.
 */
export function vaultUrl(location: string | undefined = process.env.OWNBASE_DB): string {
  if (location && SERVER_URL.test(location)) return location;
  if (location?.startsWith("file:")) return location;
  const path = resolve(location || join(dataFolder(), "vault.db"));
  mkdirSync(dirname(path), { recursive: true });
  return `file:${path}`;
}

/** Opens the vault and brings its schema up to date. */
export async function openVault(location?: string): Promise<Vault> {
  const url = vaultUrl(location);
  // A file vault is served by a pool of connections: settings that belong to one connection
  // (busy timeout) go in the client's options, and only WAL, which the file keeps, is a PRAGMA.
  // WAL lets the web UI read while an import writes.
  const client = createClient({ url, authToken: process.env.OWNBASE_DB_TOKEN, timeout: 10_000 });
  try {
    if (url.startsWith("file:")) await client.execute("PRAGMA journal_mode = WAL");
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: join(packageRoot, "migrations") });
    return { url, client, db, close: () => client.close() };
  } catch (error) {
    client.close();
    throw new Error(`cannot open the vault at ${url}: ${(error as Error).message}`);
  }
}

/** Opens the vault for one piece of work and closes it afterwards, whatever happens. */
export async function withVault<T>(location: string | undefined, act: (vault: Vault) => Promise<T>): Promise<T> {
  const vault = await openVault(location);
  try {
    return await act(vault);
  } finally {
    vault.close();
  }
}
