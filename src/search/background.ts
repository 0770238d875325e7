import { VaultLocked } from "../db/encryption.js";
import type { Vault } from "../db/open.js";
import type { Embedder } from "./embedder.js";
import { chooseModel, loadChosenModel, type ModelSource } from "./models.js";
import { indexVault, vectorStatus, type IndexProgress } from "./vectors.js";

/** What the server's Settings page shows about meaning search. */
export interface IndexStatus {
  /** The model in use, or null when there is none (`note` says why). */
  model: string | null;
  source: ModelSource | null;
  /** Which model, from where, in words. */
  description: string | null;
  model_dir: string | null;
  note: string | null;
  /** Records with a vector from the model. */
  indexed: number;
  total: number;
  /** The run in progress, if any. */
  indexing: { done: number; total: number; per_second: number; seconds_left: number | null } | null;
  /** Why the last run stopped short, if it did. */
  error: string | null;
}

/**
 * Indexing in the background of the server: started after each import (and when the server
 * starts, to finish an interrupted run; an encrypted vault's, at its first import after it is
 * unlocked), one run at a time. A start while a run goes on makes it
 * go once more at its end, for the records imported meanwhile. It never downloads: the model is
 * the one `chooseModel` finds on this machine.
 */
export class BackgroundIndexer {
  private running: Promise<void> | null = null;
  private again = false;
  private progress: IndexProgress | null = null;
  private error: string | null = null;
  private embedder: Embedder | null = null;

  constructor(
    private readonly vault: Vault,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  start(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      this.progress = null;
    });
  }

  /** Resolves once no run is going on. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async status(): Promise<IndexStatus> {
    const { choice, reason } = chooseModel(this.env);
    const model = choice?.settings.model ?? null;
    const counts = model === null ? { indexed: 0, total: 0 } : await vectorStatus(this.vault, model);
    const progress = this.progress;
    return {
      model,
      source: choice?.source ?? null,
      description: choice?.description ?? null,
      model_dir: choice?.settings.modelDir ?? null,
      note: reason ?? null,
      ...counts,
      indexing: progress && { done: progress.done, total: progress.total, per_second: Math.round(progress.perSecond), seconds_left: progress.secondsLeft === null ? null : Math.ceil(progress.secondsLeft) },
      error: this.error,
    };
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        const { choice } = chooseModel(this.env);
        if (!choice) return;
        // Loading a model costs seconds (building the offline one, the first time): only for records to embed.
        const { indexed, total } = await vectorStatus(this.vault, choice.settings.model);
        if (indexed >= total) continue;
        if (this.embedder?.model !== choice.settings.model) this.embedder = await loadChosenModel(choice);
        await indexVault(this.vault, this.embedder, { onProgress: (progress) => (this.progress = progress) });
        this.error = null;
      } catch (error) {
        // A vault closed under the run ends it too; the next start goes on where it stopped. A
        // vault still locked (the server started before its passphrase was typed) is no fault.
        if (!(error instanceof VaultLocked)) this.error = (error as Error).message;
        return;
      }
    } while (this.again);
  }
}
