import type { AppContext } from "../handler-types";
import type { NewHistoryEntry } from "../../store/history.repo";

/**
 * Writes runs to history in the background, in order, so a run's answer never waits on
 * the disk (nor on the store's first open); readers of history wait for what is queued,
 * so a history search right after a run finds it. A failed write is logged, not thrown:
 * the run itself succeeded.
 */
export class HistoryRecorder {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {
    // the app's shutdown closes the store after this
    ctx.onShutdown(() => this.flushed());
  }

  record(entries: NewHistoryEntry[]): void {
    if (entries.length === 0) return;
    this.queue = this.queue.then(async () => {
      try {
        await (await this.ctx.store()).history.add(entries);
      } catch (err) {
        this.ctx.log.warn("could not record query history", err);
      }
    });
  }

  /** Resolves once every run recorded so far is written (or failed and was logged). */
  flushed(): Promise<void> {
    return this.queue;
  }
}
