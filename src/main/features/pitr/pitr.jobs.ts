import { randomUUID } from "node:crypto";
import { AppError, type ApiErrorData } from "../../../shared/contract";
import type { PitrJob } from "../../../shared/contract/pitr";
import type { AppContext } from "../handler-types";

const MAX_LOG_LINES = 300;
const MAX_JOBS_KEPT = 50;

/** What running work may do to its own job record. */
export interface PitrJobHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  phase(phase: string, percent?: number | null): void;
  log(line: string): void;
  update(change: Pick<PitrJob, "backup" | "restore">): void;
}

type Work = (job: PitrJobHandle) => Promise<void>;

/** What a cancel leaves behind, per kind: pgBackRest keeps a stopped backup's files for the next one. */
const CANCELLED: Record<PitrJob["kind"], string> = {
  backup:
    "Cancelled: pgbackrest was stopped. The partial backup set stays in the repository; the next backup resumes it (same type) or removes it.",
  restore: "Cancelled: pgbackrest was stopped and the new copy was removed.",
};

interface Entry {
  job: PitrJob;
  abort: AbortController;
  done: Promise<void>;
  lastEmit: number;
}

/**
 * pgBackRest jobs of this app run. Work with the same `lane` (the stanza, for backups)
 * runs one at a time in order; each change is pushed as pitr:didProgress.
 */
export class PitrJobs {
  private readonly jobs = new Map<string, Entry>();
  private readonly lanes = new Map<string, Promise<void>>();

  constructor(
    private readonly emit: AppContext["emit"],
    private readonly onInternalError: (id: string, err: unknown) => void,
  ) {}

  add(
    meta: Pick<PitrJob, "kind" | "profileId" | "stanza" | "backup" | "restore">,
    lane: string | null,
    work: Work,
  ): PitrJob {
    const job: PitrJob = {
      ...meta,
      id: randomUUID(),
      state: "queued",
      phase: "queued",
      percent: null,
      startedAt: new Date().toISOString(),
      log: [],
    };
    const abort = new AbortController();
    const before = lane ? (this.lanes.get(lane) ?? Promise.resolve()) : Promise.resolve();
    const entry: Entry = { job, abort, lastEmit: 0, done: before.then(() => this.run(entry, work)) };
    if (lane) this.lanes.set(lane, entry.done);
    this.jobs.set(job.id, entry);
    this.prune();
    this.publish(entry, true);
    return structuredClone(job);
  }

  list(): PitrJob[] {
    return [...this.jobs.values()].map((e) => structuredClone(e.job)).reverse();
  }

  async settled(id: string): Promise<PitrJob> {
    const entry = this.entry(id);
    await entry.done;
    return structuredClone(entry.job);
  }

  cancel(id: string): void {
    const entry = this.entry(id);
    if (["succeeded", "failed", "cancelled"].includes(entry.job.state)) return;
    entry.abort.abort();
    // a queued job is over at once; its turn in the lane then finds it cancelled
    if (entry.job.state === "queued")
      this.finish(entry, "cancelled", { code: "CANCELLED", message: "Cancelled before it started" });
  }

  async cancelAll(): Promise<void> {
    for (const e of this.jobs.values())
      if (e.job.state === "queued" || e.job.state === "running") e.abort.abort();
    await Promise.all([...this.jobs.values()].map((e) => e.done));
  }

  private entry(id: string): Entry {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError("NOT_FOUND", `No job with id ${id}`);
    return entry;
  }

  private async run(entry: Entry, work: Work): Promise<void> {
    const { job, abort } = entry;
    if (job.state === "cancelled") return;
    job.state = "running";
    job.phase = "starting";
    this.publish(entry, true);
    const handle: PitrJobHandle = {
      id: job.id,
      signal: abort.signal,
      phase: (phase, percent) => {
        job.phase = phase;
        if (percent !== undefined) job.percent = percent;
        this.publish(entry, false);
      },
      log: (line) => {
        job.log.push(line);
        if (job.log.length > MAX_LOG_LINES) job.log.splice(0, job.log.length - MAX_LOG_LINES);
        this.publish(entry, false);
      },
      update: (change) => {
        Object.assign(job, change);
        this.publish(entry, true);
      },
    };
    try {
      await work(handle);
      this.finish(entry, "succeeded");
    } catch (err) {
      if (abort.signal.aborted)
        return this.finish(entry, "cancelled", { code: "CANCELLED", message: CANCELLED[job.kind] });
      const error =
        err instanceof AppError
          ? err.toData()
          : { code: "INTERNAL" as const, message: (err as Error).message ?? String(err) };
      if (error.code === "INTERNAL") this.onInternalError(job.id, err);
      this.finish(entry, "failed", error);
    }
  }

  private finish(entry: Entry, state: "succeeded" | "failed" | "cancelled", error?: ApiErrorData): void {
    const { job } = entry;
    job.state = state;
    job.phase = state;
    job.finishedAt = new Date().toISOString();
    if (state === "succeeded") job.percent = 100;
    if (error) {
      job.error = error;
      job.log.push(`${state}: ${error.message}`);
    }
    this.publish(entry, true);
  }

  private publish(entry: Entry, force: boolean): void {
    const now = Date.now();
    if (!force && now - entry.lastEmit < 250) return;
    entry.lastEmit = now;
    this.emit("pitr:didProgress", structuredClone(entry.job));
  }

  private prune(): void {
    for (const [id, e] of this.jobs) {
      if (this.jobs.size <= MAX_JOBS_KEPT) break;
      if (["succeeded", "failed", "cancelled"].includes(e.job.state)) this.jobs.delete(id);
    }
  }
}
