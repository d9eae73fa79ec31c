import { z } from "zod";
import { channel, event } from "./channel";
import { ProfileId } from "./common";

export const CheckStatus = z.enum(["pass", "warn", "fail", "error"]);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** A small table of evidence behind a check (offending tables, sessions, statements). */
export const CheckDetails = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type CheckDetails = z.infer<typeof CheckDetails>;

/** One health check: status, what was measured, against what, and what to do about it. */
export const HealthCheck = z.object({
  id: z.string(),
  title: z.string(),
  status: CheckStatus,
  value: z.string(),
  threshold: z.string(),
  message: z.string(),
  /** What to do next (a command or a setting), empty when nothing is needed. */
  action: z.string(),
  details: CheckDetails.optional(),
  /** Machine-readable figures for charts and tests. */
  metrics: z.record(z.string(), z.number()).optional(),
  durationMs: z.number(),
});
export type HealthCheck = z.infer<typeof HealthCheck>;

export const HealthReport = z.object({
  /** healthy: all pass; degraded: some warn; unhealthy: some fail. Checks that could not run are counted apart. */
  status: z.enum(["healthy", "degraded", "unhealthy"]),
  generatedAt: z.string(),
  durationMs: z.number(),
  database: z.string().nullable(),
  serverVersionNum: z.number().int().nullable(),
  role: z.enum(["primary", "standby", "unknown"]),
  errorCount: z.number().int(),
  checks: z.array(HealthCheck),
});
export type HealthReport = z.infer<typeof HealthReport>;

/**
 * Thresholds of every check. Defaults: reference section 17 (RTT 50/200 ms, connections
 * 70/90 %, size 10/50 GB, cache hit 99/95 %), section 16 (replica lag 10 s) and PgHero
 * (long-running 60 s, slow query 20 ms x 100 calls, 500 connections, sequences 90 %,
 * 10 M transactions left before wraparound).
 */
export const HealthThresholds = z.object({
  statementTimeoutMs: z.number().int().min(100).max(600_000),
  rttWarnMs: z.number().min(0),
  rttFailMs: z.number().min(0),
  connectionsWarnPct: z.number().min(0).max(100),
  connectionsFailPct: z.number().min(0).max(100),
  totalConnectionsWarn: z.number().int().min(0),
  idleInTransactionSec: z.number().min(0),
  databaseSizeWarnGb: z.number().min(0),
  databaseSizeFailGb: z.number().min(0),
  cacheHitWarnPct: z.number().min(0).max(100),
  cacheHitFailPct: z.number().min(0).max(100),
  /** Fewer block accesses than this are too few to judge a ratio (a fresh or idle database). */
  cacheHitMinBlocks: z.number().int().min(0),
  longRunningSec: z.number().min(0),
  longRunningFailCount: z.number().int().min(1),
  lockWaitSec: z.number().min(0),
  xidWarnAge: z.number().int().min(0),
  xidFailRemaining: z.number().int().min(0),
  sequenceWarnPct: z.number().min(0).max(100),
  sequenceFailPct: z.number().min(0).max(100),
  checkpointRequestedWarnPct: z.number().min(0).max(100),
  replicationLagWarnSec: z.number().min(0),
  replicationLagFailSec: z.number().min(0),
  replicationLagWarnBytes: z.number().min(0),
  slotRetainedWarnBytes: z.number().min(0),
  slowQueryMs: z.number().min(0),
  slowQueryCalls: z.number().int().min(0),
  /** WAL segments waiting while nothing is archived for this long: warn, then fail. */
  archiveStallWarnSec: z.number().min(1),
  archiveStallFailSec: z.number().min(1),
});
export type HealthThresholds = z.infer<typeof HealthThresholds>;

export const defaultHealthThresholds: HealthThresholds = {
  statementTimeoutMs: 5_000,
  rttWarnMs: 50,
  rttFailMs: 200,
  connectionsWarnPct: 70,
  connectionsFailPct: 90,
  totalConnectionsWarn: 500,
  idleInTransactionSec: 60,
  databaseSizeWarnGb: 10,
  databaseSizeFailGb: 50,
  cacheHitWarnPct: 99,
  cacheHitFailPct: 95,
  cacheHitMinBlocks: 1000,
  longRunningSec: 60,
  longRunningFailCount: 5,
  lockWaitSec: 0,
  xidWarnAge: 1_000_000_000,
  xidFailRemaining: 10_000_000,
  sequenceWarnPct: 90,
  sequenceFailPct: 98,
  checkpointRequestedWarnPct: 20,
  replicationLagWarnSec: 10,
  replicationLagFailSec: 60,
  replicationLagWarnBytes: 16 * 1024 ** 2,
  slotRetainedWarnBytes: 1024 ** 3,
  slowQueryMs: 20,
  slowQueryCalls: 100,
  archiveStallWarnSec: 120,
  archiveStallFailSec: 600,
};

/** One point of the live charts: per-second rates from counter deltas, sessions as counts. */
export const HealthSample = z.object({
  at: z.string(),
  commitsPerSec: z.number(),
  rollbacksPerSec: z.number(),
  tuplesInPerSec: z.number(),
  tuplesOutPerSec: z.number(),
  blocksReadPerSec: z.number(),
  blocksHitPerSec: z.number(),
  sessions: z.object({
    active: z.number().int(),
    idle: z.number().int(),
    idleInTransaction: z.number().int(),
    waiting: z.number().int(),
    other: z.number().int(),
  }),
});
export type HealthSample = z.infer<typeof HealthSample>;

const Target = { profileId: ProfileId, database: z.string().min(1).optional() };

export const healthChannels = {
  /** Full health report for one database: every check, run concurrently, each with a timeout. */
  "health:report": channel({ input: z.object(Target).strict(), output: HealthReport }),
  /** The profile's thresholds (defaults merged with the user's edits). */
  "health:getThresholds": channel({
    input: z.object({ profileId: ProfileId }).strict(),
    output: z.object({ thresholds: HealthThresholds, defaults: HealthThresholds }),
  }),
  /** Saves some thresholds for a profile; `reset` goes back to the defaults first. */
  "health:setThresholds": channel({
    input: z
      .object({
        profileId: ProfileId,
        thresholds: HealthThresholds.partial().strict(),
        reset: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ thresholds: HealthThresholds }),
  }),
  /** The samples kept in memory for a database, downsampled to at most `maxPoints` (<= 600). */
  "health:sample": channel({
    input: z.object({ ...Target, maxPoints: z.number().int().min(2).max(600).optional() }).strict(),
    output: z.object({ intervalMs: z.number().int(), samples: z.array(HealthSample) }),
  }),
  /**
   * Starts sampling a database every `intervalMs` (default 5 s) while anyone watches; returns a
   * watch id. A watch lasts 3 minutes unless renewed by calling again with its `watchId`.
   */
  "health:watch": channel({
    input: z
      .object({
        ...Target,
        intervalMs: z.number().int().min(250).max(600_000).optional(),
        watchId: z.string().min(1).max(64).optional(),
      })
      .strict(),
    output: z.object({ watchId: z.string() }),
  }),
  /**
   * The one-click guide of the statements check: CREATE EXTENSION IF NOT EXISTS pg_stat_statements
   * in the database. Fails with the server's own words (no privilege, read-only profile).
   */
  "health:installStatements": channel({
    input: z.object(Target).strict(),
    output: z.object({ version: z.string(), preloaded: z.boolean() }),
  }),
  /** Stops one watch; sampling stops when nobody watches. */
  "health:unwatch": channel({
    input: z.object({ watchId: z.string().min(1).max(64) }).strict(),
    output: z.object({}),
  }),
} as const;

export const healthEvents = {
  /** A new live-chart point for a watched database. */
  "health:didSample": event({
    payload: z.object({ profileId: ProfileId, database: z.string().nullable(), sample: HealthSample }),
  }),
} as const;
