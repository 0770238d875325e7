import type { Vault } from "../db/open.js";
import { ModelUnavailableError, type Embedder } from "./embedder.js";
import { filterSql, type SearchFilters } from "./filters.js";
import { chooseModel, loadChosenModel } from "./models.js";
import { vectorIndexFor } from "./vector-index.js";
import { vectorStatus } from "./vectors.js";

export type { SearchFilters } from "./filters.js";

export interface SearchOptions extends SearchFilters {
  limit?: number;
  /** Meaning search joins full-text search when an embedder is given. */
  embedder?: Embedder;
}

export interface SearchResult {
  id: number;
  platform: string;
  kind: string;
  title: string | null;
  time: string | null;
  /** Reciprocal-rank-fusion score: higher is better; only the order means anything. */
  score: number;
  matched_by: ("text" | "meaning")[];
}

/**
 * The embedder for meaning search, or why there is none: no model (see `chooseModel`), no vectors
 * from the chosen model yet, or a model that cannot be loaded. Never touches the network: a
 * search must not wait on it. The note, when there is one, is for the user to read.
 */
export async function meaningSearch(vault: Vault, chosen: ReturnType<typeof chooseModel> = chooseModel()): Promise<{ embedder?: Embedder; note: string | null }> {
  if (!chosen.choice) return { note: `meaning search is off: ${chosen.reason}` };
  const { model } = chosen.choice.settings;
  const { indexed, total } = await vectorStatus(vault, model);
  if (indexed === 0) return { note: `meaning search is off: no record has a vector from ${model} yet (run \`ownbase index\`)` };
  try {
    const embedder = await loadChosenModel(chosen.choice);
    return { embedder, note: indexed < total ? `meaning search covers ${indexed} of ${total} records (run \`ownbase index\` for the rest)` : null };
  } catch (error) {
    if (error instanceof ModelUnavailableError) return { note: `meaning search is off: ${error.message}` };
    throw error;
  }
}

/**
 * Meaning search for a process that lives on (the web server, an MCP session): the model is
 * loaded once there are vectors to search, and the choice is looked at again on every use (files
 * only), so a model pulled while the process runs is taken up at once. `onUnindexed` is called
 * when the chosen model lacks vectors, for the server to embed them in the background.
 */
export function meaningSearchFor(vault: Vault, onUnindexed?: () => void): () => Promise<{ embedder?: Embedder; note: string | null }> {
  let loaded: Embedder | undefined;
  return async () => {
    const chosen = chooseModel();
    if (loaded && loaded.model === chosen.choice?.settings.model) return { embedder: loaded, note: null };
    const found = await meaningSearch(vault, chosen);
    if (found.note && chosen.choice) onUnindexed?.();
    // Kept once every record has its vector; until then each use says how far indexing got.
    loaded = found.note === null ? found.embedder : undefined;
    return found;
  };
}

/** RRF's damping constant: the usual 60 keeps one list's top hit from drowning the other list. */
const RRF_K = 60;

/**
 * Finds records by their words (FTS5, BM25) and, with an embedder, by meaning (cosine distance
 * to the query's vector), and merges both rankings by reciprocal rank fusion. The filters apply
 * to both, inside the queries, so a filter never empties a page that had matches further down.
 */
export async function searchVault(vault: Vault, query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
  const limit = options.limit ?? 20;
  // Each list contributes more candidates than shown: a record ranked low in both can win overall.
  const depth = Math.max(limit * 3, 50);
  const lists: [SearchResult["matched_by"][number], number[]][] = [["text", await textMatches(vault, query, options, depth)]];
  if (options.embedder && query.trim()) lists.push(["meaning", await meaningMatches(vault, options.embedder, query, options, depth)]);

  const fused = new Map<number, { score: number; matched_by: SearchResult["matched_by"] }>();
  for (const [source, ids] of lists) {
    ids.forEach((id, rank) => {
      const entry = fused.get(id) ?? { score: 0, matched_by: [] };
      entry.score += 1 / (RRF_K + rank + 1);
      entry.matched_by.push(source);
      fused.set(id, entry);
    });
  }
  const ranked = [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]).slice(0, limit);
  if (ranked.length === 0) return [];
  const rows = await vault.client.execute({
    sql: `SELECT id, platform, kind, title, occurred_at FROM records WHERE id IN (${ranked.map(() => "?").join(", ")})`,
    args: ranked.map(([id]) => id),
  });
  const byId = new Map(rows.rows.map((row) => [Number(row.id), row]));
  return ranked.map(([id, { score, matched_by }]) => {
    const row = byId.get(id)!;
    return {
      id,
      platform: String(row.platform),
      kind: String(row.kind),
      title: row.title === null ? null : String(row.title),
      time: row.occurred_at === null ? null : new Date(Number(row.occurred_at)).toISOString(),
      score: Number(score.toFixed(6)),
      matched_by,
    };
  });
}

/**
 * English words that say nothing of what a record is about. A record holding only "the" or "I"
 * of a query is no match: fused with meaning search, it would push down what meaning found
 * (bench/search-quality.ts: hybrid hit@1 0.81 with them, see README).
 */
const FUNCTION_WORDS = new Set(
  "a an the i me my we our you your he she it its they them is are was were be been am do did to of in on at for with about and or but not no that this those these from by as so if then than some what which who when where how into".split(" "),
);

/**
 * Records whose title or text hold the query's words: those holding all of them first, then
 * those holding some of its words that are not function words, each group by BM25 with the
 * title weighing double. A word of three letters or more also matches as a prefix ("climb" finds
 * "climbing").
 */
async function textMatches(vault: Vault, query: string, filters: SearchFilters, depth: number): Promise<number[]> {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return [];
  const term = (word: string) => `"${word}"${word.length >= 3 ? "*" : ""}`;
  const someOf = words.filter((word) => !FUNCTION_WORDS.has(word.toLowerCase())).map(term);
  const filter = filterSql(filters);
  const found = new Set<number>();
  for (const match of words.length > 1 ? [words.map(term).join(" "), someOf.join(" OR ")] : [term(words[0]!)]) {
    if (!match) continue;
    const rows = await vault.client.execute({
      sql: `SELECT r.id FROM records_fts JOIN records r ON r.id = records_fts.rowid
            WHERE records_fts MATCH ?${filter.sql} ORDER BY bm25(records_fts, 2.0, 1.0), r.id LIMIT ?`,
      args: [match, ...filter.args, depth],
    });
    for (const row of rows.rows) found.add(Number(row.id));
    if (found.size >= depth) break;
  }
  return [...found].slice(0, depth);
}

/**
 * Records whose vectors lie nearest the query's: an exact scan over the vault's vectors held in
 * memory as int8, the best candidates re-ranked by their float32 vectors (see vector-index.ts).
 */
async function meaningMatches(vault: Vault, embedder: Embedder, query: string, filters: SearchFilters, depth: number): Promise<number[]> {
  const [vector] = await embedder.embed([query]);
  return vectorIndexFor(vault, embedder.model).nearest(vault, vector!, depth, filters);
}
