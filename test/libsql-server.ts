/**
 * A test double of sqld's (the libSQL server's) Hrana-over-HTTP API, so that tests can prove the
 * vault works on a `http://` URL: there is no sqld binary on the machines the tests run on.
 *
 * It speaks the part of the protocol that @libsql/client 0.18 uses over HTTP, in JSON:
 * - `GET /v2` and `GET /v3` answer 200 (version probing); `/v3-protobuf` and cursors are not
 *   served, so a client that probes for them falls back to JSON pipelines, as it does with sqld 0.17.
 * - `POST /v2/pipeline` and `POST /v3/pipeline` with the stream requests `execute`, `batch` (with
 *   `ok`, `error`, `not`, `and`, `or` and `is_autocommit` conditions), `sequence`, `store_sql`,
 *   `close_sql`, `get_autocommit` and `close`. `describe` answers an error: the client never sends it.
 * - Streams: a request without a baton opens a stream; every answer hands out a new baton for the
 *   next request (the old one is spent) and a `base_url`, until the stream is closed.
 * - Values `{type: "null" | "integer" | "float" | "text" | "blob"}` both ways, and results with
 *   `cols`, `rows`, `affected_row_count` and `last_insert_rowid`; SQL errors as `{message, code}`.
 *
 * Like sqld, every stream has its own connection to one SQLite database (in WAL mode, in a temp
 * folder), so an interactive transaction is isolated from the other streams, and a statement that
 * finds the database locked waits (up to 5 s) rather than failing at once. The connections come
 * from the `libsql` package, built from the same libSQL sources as sqld (foreign keys on by default).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "libsql";

type Value =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
interface Stmt {
  sql?: string;
  sql_id?: number;
  args?: Value[];
  named_args?: { name: string; value: Value }[];
  want_rows?: boolean;
}
type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };
type StreamRequest =
  | { type: "close" | "get_autocommit" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { condition?: Cond | null; stmt: Stmt }[] } }
  | { type: "sequence" | "describe"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number };
interface StmtResult {
  cols: { name: string; decltype: string | null }[];
  rows: Value[][];
  affected_row_count: number;
  last_insert_rowid: string;
}
interface ErrorJson {
  message: string;
  code: string;
}

const BUSY_TIMEOUT_MS = 5000;

/** An error to answer with: a SQL error, or the protocol misused. */
class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function errorJson(error: unknown): ErrorJson {
  const { message, code } = error as { message: string; code?: unknown };
  return { message, code: typeof code === "string" ? code : "UNKNOWN" };
}

function decodeValue(value: Value): unknown {
  switch (value.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(value.value);
    case "float":
      return value.value;
    case "text":
      return value.value;
    case "blob":
      return Buffer.from(value.base64, "base64");
    default:
      throw new HranaError(`unknown value type ${JSON.stringify((value as { type: unknown }).type)}`, "PROTOCOL");
  }
}

function encodeValue(value: unknown): Value {
  if (value === null || value === undefined) return { type: "null" };
  if (typeof value === "bigint") return { type: "integer", value: value.toString() };
  if (typeof value === "number") return { type: "float", value };
  if (typeof value === "string") return { type: "text", value };
  if (value instanceof Uint8Array) return { type: "blob", base64: Buffer.from(value).toString("base64") };
  throw new Error(`cannot encode ${typeof value}`);
}

/** Runs `work`, and again after a short wait while SQLite says the database is locked by another stream. */
async function waitingWhileBusy<T>(work: () => T): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== "SQLITE_BUSY" || Date.now() - started > BUSY_TIMEOUT_MS) throw error;
      await sleep(5);
    }
  }
}

/** A Hrana stream: one SQLite connection, and the SQL texts stored on it. */
class Stream {
  readonly db: Database.Database;
  readonly sqls = new Map<number, string>();
  private readonly counters: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path);
    this.counters = this.db.prepare("SELECT changes(), last_insert_rowid(), total_changes()").raw(true).safeIntegers(true);
  }

  sqlOf(request: { sql?: string; sql_id?: number }): string {
    if (request.sql !== undefined && request.sql !== null) return request.sql;
    const stored = request.sql_id === undefined ? undefined : this.sqls.get(request.sql_id);
    if (stored === undefined) throw new HranaError(`no SQL text stored as ${request.sql_id}`, "SQL_NOT_FOUND");
    return stored;
  }

  execute(stmt: Stmt): Promise<StmtResult> {
    const sql = this.sqlOf(stmt);
    const named = stmt.named_args ?? [];
    if (named.length > 0 && (stmt.args ?? []).length > 0) throw new HranaError("positional and named arguments together are not supported", "PROTOCOL");
    // libsql binds `:name`, `@name` and `$name` from an object keyed by the bare name.
    const args = named.length > 0 ? Object.fromEntries(named.map(({ name, value }) => [name.replace(/^[:@$]/, ""), decodeValue(value)])) : (stmt.args ?? []).map(decodeValue);
    return waitingWhileBusy(() => {
      const [, , totalBefore] = this.counters.get([]) as bigint[];
      const prepared = this.db.prepare(sql);
      let cols: StmtResult["cols"] = [];
      let rows: Value[][] = [];
      if (prepared.reader) {
        prepared.raw(true).safeIntegers(true);
        cols = prepared.columns().map((column) => ({ name: column.name, decltype: column.type }));
        rows = [...(prepared.iterate(args) as Iterable<unknown[]>)].map((row) => row.map(encodeValue));
        if (stmt.want_rows === false) rows = [];
      } else {
        prepared.run(args);
      }
      const [changes, rowid, totalAfter] = this.counters.get([]) as bigint[];
      // changes() keeps the count of the last INSERT/UPDATE/DELETE: only report it when this statement changed rows.
      return { cols, rows, affected_row_count: totalAfter === totalBefore ? 0 : Number(changes), last_insert_rowid: String(rowid) };
    });
  }

  async batch(steps: { condition?: Cond | null; stmt: Stmt }[]) {
    const step_results: (StmtResult | null)[] = [];
    const step_errors: (ErrorJson | null)[] = [];
    const holds = (cond: Cond): boolean => {
      switch (cond.type) {
        case "ok":
          return step_results[cond.step] != null;
        case "error":
          return step_errors[cond.step] != null;
        case "not":
          return !holds(cond.cond);
        case "and":
          return cond.conds.every(holds);
        case "or":
          return cond.conds.some(holds);
        case "is_autocommit":
          return !this.db.inTransaction;
      }
    };
    for (const [index, step] of steps.entries()) {
      step_results.push(null);
      step_errors.push(null);
      if (step.condition && !holds(step.condition)) continue;
      try {
        step_results[index] = await this.execute(step.stmt);
      } catch (error) {
        step_errors[index] = errorJson(error);
      }
    }
    return { step_results, step_errors };
  }

  /** The `response` for one stream request. */
  async handle(request: StreamRequest): Promise<object> {
    switch (request.type) {
      case "execute":
        return { type: "execute", result: await this.execute(request.stmt) };
      case "batch":
        return { type: "batch", result: await this.batch(request.batch.steps) };
      case "sequence": {
        const sql = this.sqlOf(request);
        await waitingWhileBusy(() => this.db.exec(sql));
        return { type: "sequence" };
      }
      case "store_sql":
        this.sqls.set(request.sql_id, request.sql);
        return { type: "store_sql" };
      case "close_sql":
        this.sqls.delete(request.sql_id);
        return { type: "close_sql" };
      case "get_autocommit":
        return { type: "get_autocommit", is_autocommit: !this.db.inTransaction };
      case "close":
        this.db.close(); // rolls back a transaction left open, as sqld does with the stream's connection
        return { type: "close" };
      case "describe":
        throw new HranaError("describe is not implemented by this test double", "PROTOCOL");
      default:
        throw new HranaError(`unknown request type ${JSON.stringify((request as { type: unknown }).type)}`, "PROTOCOL");
    }
  }
}

/** Starts the server on 127.0.0.1 on a free port, with an empty database. */
export async function startLibsqlServer(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "ownbase-sqld-"));
  const path = join(dir, "data.db");
  const setup = new Database(path);
  setup.exec("PRAGMA journal_mode = WAL"); // as sqld: readers do not wait for a writer
  setup.close();

  const batons = new Map<string, Stream>();
  const streams = new Set<Stream>();
  let url = "";

  async function pipeline(body: { baton?: string | null; requests: StreamRequest[] }) {
    let stream: Stream;
    if (body.baton == null) {
      stream = new Stream(path);
      streams.add(stream);
    } else {
      const found = batons.get(body.baton);
      if (!found) throw new HranaError("unknown or spent baton", "STREAM_EXPIRED");
      batons.delete(body.baton); // a baton is good for one request
      stream = found;
    }
    const results = [];
    for (const request of body.requests) {
      try {
        if (!stream.db.open) throw new HranaError("the stream is closed", "STREAM_CLOSED");
        results.push({ type: "ok", response: await stream.handle(request) });
      } catch (error) {
        results.push({ type: "error", error: errorJson(error) });
      }
    }
    if (!stream.db.open) {
      streams.delete(stream);
      return { baton: null, base_url: null, results };
    }
    const baton = randomBytes(16).toString("base64url");
    batons.set(baton, stream);
    return { baton, base_url: url, results };
  }

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const route = `${request.method} ${new URL(request.url ?? "/", "http://x").pathname}`;
    if (route === "GET /v2" || route === "GET /v3") return send(200, {});
    if (route !== "POST /v2/pipeline" && route !== "POST /v3/pipeline") {
      return response.writeHead(404, { "content-type": "text/plain" }).end(`no route for ${route}`);
    }
    let text = "";
    for await (const chunk of request) text += chunk;
    try {
      send(200, await pipeline(JSON.parse(text)));
    } catch (error) {
      send(400, errorJson(error));
    }
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((error: Error) => response.writeHead(500, { "content-type": "text/plain" }).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      for (const stream of streams) if (stream.db.open) stream.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
