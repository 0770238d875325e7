import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_MODEL, loadEmbedder, modelSettings, ModelUnavailableError, type Embedder, type ModelSettings } from "./embedder.js";
import { buildOfflineModel, OFFLINE_MODEL, WORD_VECTORS_PACKAGE, wordVectorsPath } from "./offline-model/word-vectors.js";

/**
 * Where the model comes from: the folder `OWNBASE_MODEL_DIR`, the Hugging Face hub (downloaded
 * into the data folder), or the offline word-vector model built from an npm package.
 */
export type ModelSource = "folder" | "hub" | "offline";

export interface ModelChoice {
  settings: ModelSettings;
  source: ModelSource;
  /** For status lines: which model, from where. */
  description: string;
}

/**
 * The model meaning search uses, the first of:
 * 1. `OWNBASE_MODEL_DIR`: the model named by `OWNBASE_MODEL` (MiniLM by default) in that folder;
 * 2. a hub model downloaded before (`ownbase models pull`): `OWNBASE_MODEL`, or MiniLM; a model
 *    named by `OWNBASE_MODEL` is chosen even before it is downloaded, as the user asked for it;
 * 3. the offline word-vector model, when its npm package is installed or it was built before;
 * and null, with the reason, when there is none. Looks at files only: loads nothing.
 * `wordVectors` is the offline model's source file, null when its package is not installed.
 */
export function chooseModel(
  env: NodeJS.ProcessEnv = process.env,
  wordVectors: string | null = wordVectorsPath(),
): { choice: ModelChoice; reason?: undefined } | { choice: null; reason: string } {
  const settings = modelSettings(env);
  if (settings.modelDir !== null) return { choice: { settings, source: "folder", description: `${settings.model} from OWNBASE_MODEL_DIR ${settings.modelDir}` } };
  const offline = offlineChoice(settings.cacheDir);
  if (settings.model === OFFLINE_MODEL) return { choice: offline };
  if (env.OWNBASE_MODEL || existsSync(join(settings.cacheDir, settings.model, "config.json"))) {
    return { choice: { settings, source: "hub", description: `${settings.model} (${settings.dtype}), downloaded into ${settings.cacheDir}` } };
  }
  if (wordVectors !== null || offlineModelBuilt(settings.cacheDir)) return { choice: offline };
  return {
    choice: null,
    reason: `no model: ${DEFAULT_MODEL} is not downloaded (\`ownbase models pull\`) and the offline model needs the npm package ${WORD_VECTORS_PACKAGE}`,
  };
}

function offlineChoice(cacheDir: string): ModelChoice {
  return {
    settings: { model: OFFLINE_MODEL, dtype: "fp32", modelDir: null, cacheDir },
    source: "offline",
    description: `${OFFLINE_MODEL}, the offline word-vector model (built from the npm package ${WORD_VECTORS_PACKAGE})`,
  };
}

function offlineModelBuilt(cacheDir: string): boolean {
  return existsSync(join(cacheDir, OFFLINE_MODEL, "onnx", "model.onnx"));
}

/**
 * Loads the chosen model. The offline model is built into the model cache on first need (a few
 * seconds). Only with `download` may a hub model missing from the cache be fetched.
 */
export async function loadChosenModel(choice: ModelChoice, { download = false } = {}): Promise<Embedder> {
  if (choice.source === "offline" && !offlineModelBuilt(choice.settings.cacheDir)) {
    try {
      await buildOfflineModel(choice.settings.cacheDir);
    } catch (error) {
      throw new ModelUnavailableError(`model ${OFFLINE_MODEL} not available (${(error as Error).message})`);
    }
  }
  return loadEmbedder(choice.settings, { offline: !download });
}
