import { randomUUID } from "node:crypto";
import { AppError, type ApiErrorData } from "../../../shared/contract";
import type { Job, JobProgress } from "../../../shared/contract/backup";
import type { Emit } from "../handler-types";
import { toApiError } from "../../db/to-api-error";
import type { Logger } from "../../logger";

const MAX_LOG_LINES = 400;
const MAX_JOBS_KEPT = 100;

/** What a running job can do to its own record. */
export interface JobHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(update: Partial<JobProgress>): void;
  state(state: "running" | "verifying"): void;
  log(line: string): void;
}

type Work = (job: JobHandle) => Promise<void>;

interface Entry {
  job: Job;
  abort: AbortController;
  work: Work;
  lastEmit: number;
  done: Promise<void>;
  resolveDone: () => void;
  /** Cleanup for a job cancelled before it started (e.g. its reserved output). */
  discard?: (() => Promise<void>) | undefined;
}

/**
 * Background jobs of the backup area: at most `concurrency` run at once, the rest wait
 * in order. Each change is pushed as backup:didProgress (progress at most every 250 ms).
 */
export class JobQueue {
  private readonly jobs = new Map<string, Entry>();
  private running = 0;
  private readonly waiting: string[] = [];

  constructor(
    private readonly emit: Emit,
    private readonly logger: Logger,
    private readonly concurrency = 2,
  ) {}

  add(
    meta: Pick<Job, "kind" | "profileId" | "database" | "folder" | "file">,
    work: Work,
    discard?: () => Promise<void>,
  ): Job {
    const job: Job = {
      ...meta,
      id: randomUUID(),
      state: "queued",
      progress: { phase: "queued", tablesDone: 0, tablesTotal: 0, bytes: 0, elapsedMs: 0, etaMs: null },
      startedAt: new Date().toISOString(),
      log: [],
    };
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    this.jobs.set(job.id, {
      job,
      abort: new AbortController(),
      work,
      lastEmit: 0,
      done,
      resolveDone,
      discard,
    });
    this.waiting.push(job.id);
    this.prune();
    this.publish(job.id, true);
    this.pump();
    return structuredClone(job);
  }

  list(): Job[] {
    return [...this.jobs.values()].map((j) => structuredClone(j.job)).reverse();
  }

  get(id: string): Job {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError("NOT_FOUND", `No job with id ${id}`);
    return structuredClone(entry.job);
  }

  /** Resolves when the job has finished, whatever its outcome. */
  async settled(id: string): Promise<Job> {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError("NOT_FOUND", `No job with id ${id}`);
    await entry.done;
    return structuredClone(entry.job);
  }

  cancel(id: string): void {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError("NOT_FOUND", `No job with id ${id}`);
    if (["succeeded", "failed", "cancelled"].includes(entry.job.state)) return;
    entry.abort.abort();
    const at = this.waiting.indexOf(id);
    if (at >= 0) {
      this.waiting.splice(at, 1);
      const finish = () =>
        this.finish(id, "cancelled", { code: "CANCELLED", message: "Cancelled before it started" });
      if (entry.discard) {
        entry.discard().then(finish, (err: Error) => {
          this.logger.warn(`cleanup of cancelled job ${id} failed`, err.message);
          finish();
        });
      } else finish();
    }
  }

  /** Stops every job and waits for their cleanup (app shutdown). */
  async cancelAll(): Promise<void> {
    for (const id of this.jobs.keys()) this.cancel(id);
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length) {
      const id = this.waiting.shift()!;
      this.running++;
      void this.run(id).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(id: string): Promise<void> {
    const entry = this.jobs.get(id)!;
    const started = Date.now();
    entry.job.state = "running";
    entry.job.startedAt = new Date(started).toISOString();
    const handle: JobHandle = {
      id,
      signal: entry.abort.signal,
      progress: (update) => {
        Object.assign(entry.job.progress, update, { elapsedMs: Date.now() - started });
        this.publish(id, false);
      },
      state: (state) => {
        entry.job.state = state;
        this.publish(id, true);
      },
      log: (line) => {
        entry.job.log.push(line);
        if (entry.job.log.length > MAX_LOG_LINES)
          entry.job.log.splice(0, entry.job.log.length - MAX_LOG_LINES);
        this.publish(id, false);
      },
    };
    this.publish(id, true);
    try {
      await entry.work(handle);
      entry.job.progress.elapsedMs = Date.now() - started;
      this.finish(id, "succeeded");
    } catch (err) {
      entry.job.progress.elapsedMs = Date.now() - started;
      const error = entry.abort.signal.aborted
        ? { code: "CANCELLED" as const, message: "Cancelled; nothing was left behind." }
        : toApiError(err);
      if (error.code === "INTERNAL") this.logger.error(`backup job ${id} failed`, err);
      this.finish(id, entry.abort.signal.aborted ? "cancelled" : "failed", error);
    }
  }

  private finish(id: string, state: "succeeded" | "failed" | "cancelled", error?: ApiErrorData): void {
    const entry = this.jobs.get(id)!;
    entry.job.state = state;
    entry.job.finishedAt = new Date().toISOString();
    entry.job.progress.etaMs = state === "succeeded" ? 0 : null;
    entry.job.progress.phase = state;
    if (error) {
      entry.job.error = error;
      entry.job.log.push(`${state}: ${error.message}`);
    }
    this.publish(id, true);
    entry.resolveDone();
  }

  private publish(id: string, force: boolean): void {
    const entry = this.jobs.get(id)!;
    const now = Date.now();
    if (!force && now - entry.lastEmit < 250) return;
    entry.lastEmit = now;
    this.emit("backup:didProgress", structuredClone(entry.job));
  }

  private prune(): void {
    for (const [id, entry] of this.jobs) {
      if (this.jobs.size <= MAX_JOBS_KEPT) break;
      if (["succeeded", "failed", "cancelled"].includes(entry.job.state)) this.jobs.delete(id);
    }
  }
}
