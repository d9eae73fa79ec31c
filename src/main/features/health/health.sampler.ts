import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { HealthSample } from "../../../shared/contract/health";
import type { Emit } from "../handler-types";
import type { Logger } from "../../logger";
import { downsample } from "./downsample";
import { sampleCounters } from "./sampler.sql";

interface Counters {
  commits: number;
  rollbacks: number;
  tuples_in: number;
  tuples_out: number;
  blocks_read: number;
  blocks_hit: number;
}
interface Row extends Counters {
  active: number;
  idle: number;
  idle_in_transaction: number;
  waiting: number;
  other: number;
}

interface Target {
  profileId: string;
  database: string | null;
  intervalMs: number;
  timer?: NodeJS.Timeout;
  running: boolean;
  /** Bumped when sampling stops, so a sample in flight is dropped instead of emitted. */
  generation: number;
  previous?: { at: number; counters: Counters };
  samples: HealthSample[];
  watchers: Set<string>;
}

interface Watch {
  key: string;
  expiresAt: number;
}

/** Samples kept per database: a day at the default 5 s interval. */
const MAX_KEPT = 17_280;
/** A watch not renewed within this time ends (a window that vanished without unwatching). */
export const WATCH_LEASE_MS = 180_000;

/**
 * The live-chart sampler: one timer per watched database while anyone watches,
 * per-second rates from counter deltas, samples kept in memory for the session.
 */
export class HealthSampler {
  private readonly targets = new Map<string, Target>();
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly deps: {
      pool(profileId: string, database?: string): Promise<pg.Pool>;
      emit: Emit;
      log: Logger;
      now?: () => number;
    },
  ) {}

  watch(profileId: string, database: string | undefined, intervalMs = 5_000, renewId?: string): string {
    const now = this.now();
    this.expire(now);
    const renewed = renewId ? this.watches.get(renewId) : undefined;
    if (renewed && renewId) {
      renewed.expiresAt = now + WATCH_LEASE_MS;
      return renewId;
    }
    const key = `${profileId}\u0000${database ?? ""}`;
    let target = this.targets.get(key);
    if (!target) {
      target = {
        profileId,
        database: database ?? null,
        intervalMs,
        running: false,
        generation: 0,
        samples: [],
        watchers: new Set(),
      };
      this.targets.set(key, target);
    }
    const watchId = randomBytes(8).toString("hex");
    this.watches.set(watchId, { key, expiresAt: now + WATCH_LEASE_MS });
    target.watchers.add(watchId);
    if (!target.timer || target.intervalMs !== intervalMs) this.start(target, intervalMs);
    return watchId;
  }

  unwatch(watchId: string): void {
    const w = this.watches.get(watchId);
    if (!w) return;
    this.watches.delete(watchId);
    const target = this.targets.get(w.key);
    if (!target) return;
    target.watchers.delete(watchId);
    if (target.watchers.size === 0) this.stop(target);
  }

  samples(
    profileId: string,
    database: string | undefined,
    maxPoints: number,
  ): { intervalMs: number; samples: HealthSample[] } {
    const target = this.targets.get(`${profileId}\u0000${database ?? ""}`);
    return { intervalMs: target?.intervalMs ?? 5_000, samples: downsample(target?.samples ?? [], maxPoints) };
  }

  stopAll(): void {
    for (const t of this.targets.values()) this.stop(t);
    this.watches.clear();
  }

  /** Takes one sample now (tests and the first point after a watch starts). */
  async tick(target: Target): Promise<void> {
    if (target.running) return;
    target.running = true;
    const generation = target.generation;
    try {
      const pool = await this.deps.pool(target.profileId, target.database ?? undefined);
      const row = (await pool.query<Row>(sampleCounters)).rows[0];
      if (!row || generation !== target.generation) return;
      const at = this.now();
      const prev = target.previous;
      target.previous = { at, counters: row };
      if (!prev) return;
      const secs = Math.max(0.001, (at - prev.at) / 1000);
      const rate = (k: keyof Counters) => Math.max(0, row[k] - prev.counters[k]) / secs;
      const sample: HealthSample = {
        at: new Date(at).toISOString(),
        commitsPerSec: rate("commits"),
        rollbacksPerSec: rate("rollbacks"),
        tuplesInPerSec: rate("tuples_in"),
        tuplesOutPerSec: rate("tuples_out"),
        blocksReadPerSec: rate("blocks_read"),
        blocksHitPerSec: rate("blocks_hit"),
        sessions: {
          active: row.active,
          idle: row.idle,
          idleInTransaction: row.idle_in_transaction,
          waiting: row.waiting,
          other: row.other,
        },
      };
      target.samples.push(sample);
      if (target.samples.length > MAX_KEPT) target.samples.splice(0, target.samples.length - MAX_KEPT);
      this.deps.emit("health:didSample", { profileId: target.profileId, database: target.database, sample });
    } catch (err) {
      // a server that went away: keep the timer, the pool reconnects when it is back
      target.previous = undefined;
      this.deps.log.warn(
        `health sample of profile ${target.profileId} failed`,
        err instanceof Error ? err.message : String(err),
      );
    } finally {
      target.running = false;
    }
  }

  private start(target: Target, intervalMs: number): void {
    if (target.timer) clearInterval(target.timer);
    target.intervalMs = intervalMs;
    void this.tick(target);
    target.timer = setInterval(() => {
      this.expire(this.now());
      if (target.watchers.size > 0) void this.tick(target);
    }, intervalMs);
    target.timer.unref?.();
  }

  private stop(target: Target): void {
    if (target.timer) clearInterval(target.timer);
    target.timer = undefined;
    target.previous = undefined;
    target.generation++;
  }

  private expire(now: number): void {
    for (const [id, w] of this.watches) if (w.expiresAt < now) this.unwatch(id);
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }
}
