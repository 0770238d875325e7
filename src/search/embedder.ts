import { join } from "node:path";
import { dataFolder } from "../paths.js";

/**
 * all-MiniLM-L6-v2: 384 dimensions, mean pooling, 23 MB quantized, trained for sentence
 * similarity. bge-small-en-v1.5 scores a little higher on retrieval benchmarks but pools the CLS
 * token and wants a query prefix; MiniLM is the one that mean pooling was made for, and the
 * quicker of the two on a laptop's CPU.
 */
export const DEFAULT_MODEL = "Xenova/all-MiniLM-L6-v2";

/** Where the model comes from and in what precision. */
export interface ModelSettings {
  /** A model id on the Hugging Face hub, or a folder name under `modelDir`. */
  model: string;
  /** Weights variant: `q8` is the quantized file (onnx/model_quantized.onnx), `fp32` onnx/model.onnx. */
  dtype: "fp32" | "fp16" | "q8" | "int8" | "uint8" | "q4";
  /** A folder holding models, for machines that cannot reach the hub; nothing is downloaded then. */
  modelDir: string | null;
  /** Where downloaded models are kept. */
  cacheDir: string;
}

/** Settings from `OWNBASE_MODEL`, `OWNBASE_MODEL_DTYPE` and `OWNBASE_MODEL_DIR`; models cached in the data folder. */
export function modelSettings(env: NodeJS.ProcessEnv = process.env): ModelSettings {
  return {
    model: env.OWNBASE_MODEL || DEFAULT_MODEL,
    dtype: (env.OWNBASE_MODEL_DTYPE as ModelSettings["dtype"] | undefined) || "q8",
    modelDir: env.OWNBASE_MODEL_DIR || null,
    cacheDir: join(dataFolder(env), "models"),
  };
}

/** Turns texts into unit-length vectors; the same model name always means the same vector space. */
export interface Embedder {
  model: string;
  dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** A model that could not be loaded; the message says which and why, for the user to read. */
export class ModelUnavailableError extends Error {}

/**
 * Loads the sentence-embedding model. With `offline`, only the cache and the model folder are
 * looked at, so a search never waits on the network; otherwise a model missing from both is
 * fetched from the hub and cached.
 */
export function loadEmbedder(settings: ModelSettings = modelSettings(), { offline = false } = {}): Promise<Embedder> {
  const key = JSON.stringify([settings.model, settings.dtype, settings.modelDir, settings.cacheDir, offline]);
  let embedder = loaded.get(key);
  if (!embedder) {
    embedder = loadModel(settings, offline);
    loaded.set(key, embedder);
    // A model that could not be had may be there later (pulled, built, copied in).
    embedder.catch(() => loaded.delete(key));
  }
  return embedder;
}

/**
 * Models loaded in this process, by their settings: the web server's search and its background
 * indexer share one copy rather than each loading the weights.
 */
const loaded = new Map<string, Promise<Embedder>>();

async function loadModel(settings: ModelSettings, offline: boolean): Promise<Embedder> {
  // Loaded here rather than at the top: it brings ONNX Runtime, which full-text search never needs.
  const { env, pipeline, LogLevel } = await import("@huggingface/transformers");
  env.cacheDir = settings.cacheDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = settings.modelDir === null;
  if (settings.modelDir !== null) env.localModelPath = settings.modelDir.endsWith("/") ? settings.modelDir : `${settings.modelDir}/`;
  // Failures become one clear status line; the library's own warnings would only repeat it.
  env.logLevel = LogLevel.ERROR;
  let extractor;
  try {
    extractor = await pipeline("feature-extraction", settings.model, { dtype: settings.dtype, local_files_only: offline });
  } catch (error) {
    throw new ModelUnavailableError(`model ${settings.model} not available (${reasonOf(error, settings, offline)})`);
  }
  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const output = await extractor(texts, { pooling: "mean", normalize: true });
    const [rows, dim] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, row) => data.slice(row * dim, (row + 1) * dim));
  };
  const [probe] = await embed(["probe"]);
  return { model: settings.model, dim: probe!.length, embed };
}

function reasonOf(error: unknown, settings: ModelSettings, offline: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  if (settings.modelDir !== null) return `not found in OWNBASE_MODEL_DIR ${settings.modelDir}: ${firstLine(message)}`;
  if (offline) return "not downloaded yet: run `ownbase models pull` or `ownbase index`";
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|network/i.test(message)) {
    return "cannot reach the Hugging Face hub; put the model in a folder and set OWNBASE_MODEL_DIR to it";
  }
  return firstLine(message);
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.slice(0, 300);
}
