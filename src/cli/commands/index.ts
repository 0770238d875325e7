import { Command } from "commander";
import { openVault } from "../../db/open.js";
import { DEFAULT_MODEL, loadEmbedder, modelSettings, ModelUnavailableError, type Embedder } from "../../search/embedder.js";
import { chooseModel, loadChosenModel, type ModelChoice } from "../../search/models.js";
import { buildOfflineModel, OFFLINE_MODEL, OFFLINE_MODEL_WORDS } from "../../search/offline-model/word-vectors.js";
import { indexVault, type IndexProgress } from "../../search/vectors.js";
import { positiveInteger, progressLine, writeJson, type CliIo, type CommonOptions } from "../io.js";

interface IndexOptions extends CommonOptions {
  batchSize: number;
  progress?: boolean;
}

/** `ownbase index`: embeds the records that have no vector from the current model yet. */
export function indexCommand(io: CliIo): Command {
  return new Command("index")
    .description("index records for meaning search (only those not indexed yet; Ctrl-C stops, the next run goes on)")
    .option("--batch-size <n>", "records embedded and stored at a time", positiveInteger, 64)
    .option("--no-progress", "no progress line on stderr")
    .action(async (options: IndexOptions) => {
      // With no model on this machine, the hub's is fetched: a first run on a connected machine.
      const choice: ModelChoice = chooseModel().choice ?? { settings: modelSettings(), source: "hub", description: `${DEFAULT_MODEL}, from the Hugging Face hub` };
      const embedder = await explainUnavailable(io, () => loadChosenModel(choice, { download: true }));
      if (!embedder) return;
      const vault = await openVault(options.db);
      const stop = new AbortController();
      const interrupt = () => stop.abort();
      process.once("SIGINT", interrupt);
      try {
        const report = await indexVault(vault, embedder, {
          batchSize: options.batchSize,
          signal: stop.signal,
          onProgress: options.progress === false ? undefined : progressPrinter(io),
        });
        // A terminal's progress line ends with the last record; a stopped run must end it itself.
        if (report.interrupted && options.progress !== false && io.stderr.isTTY) io.stderr.write("\n");
        if (options.json) return writeJson(io, { ...report, source: choice.source, description: choice.description });
        io.stdout.write(`${report.embedded} records indexed with ${choice.description}; ${report.done} of ${report.total} have a vector\n`);
        if (report.interrupted) io.stdout.write("interrupted: run `ownbase index` again to go on\n");
      } finally {
        process.off("SIGINT", interrupt);
        vault.close();
      }
    });
}

/** `ownbase models pull` and `ownbase models build-offline`: the model ready before the first index needs it. */
export function modelsCommand(io: CliIo): Command {
  const models = new Command("models").description("the on-device model used for meaning search");
  models
    .command("pull")
    .description("download the embedding model into the data folder (OWNBASE_MODEL names another; OWNBASE_MODEL_DIR loads from a folder instead)")
    .action(async (_options: object, command: Command) => {
      const settings = modelSettings();
      const embedder = await explainUnavailable(io, () => loadEmbedder(settings));
      if (!embedder) return;
      const where = settings.modelDir ?? settings.cacheDir;
      if (command.optsWithGlobals<CommonOptions>().json) return writeJson(io, { model: embedder.model, dim: embedder.dim, folder: where });
      io.stdout.write(`${embedder.model} is ready (${embedder.dim} dimensions, in ${where})\n`);
    });
  models
    .command("build-offline")
    .description(`build ${OFFLINE_MODEL}, the offline model, from the word vectors of an npm package into the data folder (index builds it when first needed)`)
    .option("--words <n>", "the most frequent words to keep", positiveInteger, OFFLINE_MODEL_WORDS)
    .action(async (options: { words: number }, command: Command) => {
      const started = Date.now();
      const built = await buildOfflineModel(modelSettings().cacheDir, { words: options.words });
      const seconds = (Date.now() - started) / 1000;
      if (command.optsWithGlobals<CommonOptions>().json) return writeJson(io, { model: OFFLINE_MODEL, words: built.words, folder: built.dir, seconds });
      io.stdout.write(`${OFFLINE_MODEL} is ready (${built.words.toLocaleString("en")} words, in ${built.dir}, built in ${seconds.toFixed(1)} s)\n`);
    });
  return models;
}

/** The model `load` gives, or null after saying on stderr why there is none (exit code 1). */
async function explainUnavailable(io: CliIo, load: () => Promise<Embedder>): Promise<Embedder | null> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
    io.stderr.write(`ownbase: meaning search is off: ${error.message}\n`);
    process.exitCode = 1;
    return null;
  }
}

function progressPrinter(io: CliIo): (progress: IndexProgress) => void {
  const write = progressLine(io, { edges: true });
  return (progress) => {
    const left = progress.secondsLeft === null ? "" : ` · ${duration(progress.secondsLeft)} left`;
    const line = `${progress.done.toLocaleString("en")} / ${progress.total.toLocaleString("en")} records · ${progress.perSecond.toFixed(0)}/s${left}`;
    write(line, progress.elapsedMs, progress.done >= progress.total);
  };
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

