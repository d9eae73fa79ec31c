import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../../../shared/contract";
import { Schedule, type Job } from "../../../shared/contract/backup";
import { readJsonFile, writeJsonFileAtomic } from "../../json-file";
import type { Emit } from "../handler-types";
import type { Logger } from "../../logger";

const SchedulesFile = z.object({ version: z.literal(1), schedules: z.array(Schedule) });
type Draft = Omit<Schedule, "id" | "createdAt" | "lastRunAt" | "lastResult"> & { id?: string | undefined };

export interface SchedulerDeps {
  dataDir: string;
  log: Logger;
  emit: Emit;
  /** Starts the backup of a schedule and resolves when the job has finished. */
  run(schedule: Schedule): Promise<Job>;
  now?: () => Date;
}

/** The latest moment at or before `now` when the schedule was meant to run (local time). */
export function lastOccurrence(s: Pick<Schedule, "time" | "weekday">, now: Date): Date {
  const [h, m] = s.time.split(":").map(Number) as [number, number];
  const at = new Date(now);
  at.setHours(h, m, 0, 0);
  if (at > now) at.setDate(at.getDate() - 1);
  if (s.weekday !== undefined) while (at.getDay() !== s.weekday) at.setDate(at.getDate() - 1);
  return at;
}

/** Due when a scheduled moment passed since the last run (or since it was created): missed runs are caught up once. */
export function isDue(s: Schedule, now: Date): boolean {
  return lastOccurrence(s, now).getTime() > Date.parse(s.lastRunAt ?? s.createdAt);
}

/**
 * Daily or weekly backups while the app runs. Checks every 30 s and once when it starts,
 * so a run missed while the app was closed happens at the next start.
 */
export class BackupScheduler {
  private timer?: NodeJS.Timeout;
  private readonly running = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SchedulerDeps) {}

  private get file(): string {
    return join(this.deps.dataDir, "backup-schedules.json");
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), 30_000);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async list(): Promise<Schedule[]> {
    const parsed = SchedulesFile.safeParse(
      await readJsonFile<unknown>(this.file, { version: 1, schedules: [] }),
    );
    if (!parsed.success) throw new AppError("INTERNAL", `${this.file} is damaged; it was left as it is.`);
    return parsed.data.schedules;
  }

  save(draft: Draft): Promise<Schedule> {
    return this.exclusive(async () => {
      const all = await this.list();
      const existing = draft.id ? all.find((s) => s.id === draft.id) : undefined;
      if (draft.id && !existing) throw new AppError("NOT_FOUND", `No schedule with id ${draft.id}`);
      const { id: _id, ...fields } = draft;
      const saved: Schedule = {
        ...existing,
        ...fields,
        id: existing?.id ?? randomUUID(),
        createdAt: existing?.createdAt ?? this.now().toISOString(),
      };
      await this.write(existing ? all.map((s) => (s.id === saved.id ? saved : s)) : [...all, saved]);
      return saved;
    });
  }

  delete(id: string): Promise<void> {
    return this.exclusive(async () => {
      const all = await this.list();
      if (!all.some((s) => s.id === id)) throw new AppError("NOT_FOUND", `No schedule with id ${id}`);
      await this.write(all.filter((s) => s.id !== id));
    });
  }

  /** Runs every due schedule once; resolves when they have all finished. */
  async tick(): Promise<void> {
    let schedules: Schedule[];
    try {
      schedules = await this.list();
    } catch (err) {
      this.deps.log.warn("backup schedules unreadable", (err as Error).message);
      return;
    }
    const now = this.now();
    await Promise.all(
      schedules.filter((s) => isDue(s, now) && !this.running.has(s.id)).map((s) => this.runOne(s, now)),
    );
  }

  private async runOne(s: Schedule, now: Date): Promise<void> {
    this.running.add(s.id);
    let result: Schedule["lastResult"];
    try {
      const job = await this.deps.run(s);
      result = {
        state: job.state as "succeeded" | "failed" | "cancelled",
        jobId: job.id,
        ...(job.error ? { message: job.error.message } : {}),
      };
    } catch (err) {
      result = { state: "failed", jobId: "", message: (err as Error).message };
    } finally {
      this.running.delete(s.id);
    }
    if (result.state !== "succeeded")
      this.deps.log.warn(`scheduled backup of ${s.database} ${result.state}`, result.message ?? "");
    const updated = await this.exclusive(async () => {
      const all = await this.list();
      const current = all.find((x) => x.id === s.id);
      if (!current) return undefined;
      const next: Schedule = { ...current, lastRunAt: now.toISOString(), lastResult: result };
      await this.write(all.map((x) => (x.id === s.id ? next : x)));
      return next;
    });
    if (updated) this.deps.emit("backup:didRunSchedule", updated);
  }

  private async write(schedules: Schedule[]): Promise<void> {
    await writeJsonFileAtomic(this.file, { version: 1, schedules });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
