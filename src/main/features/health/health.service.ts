import type pg from "pg";
import { AppError } from "../../../shared/contract/errors";
import type { HealthCheck, HealthReport, HealthThresholds } from "../../../shared/contract/health";
import { toApiError } from "../../db/to-api-error";
import { serverVersion, type ServerVersion } from "../../db/server-version";
import type { CheckDefinition, CheckEnv } from "./check.types";
import { seconds, statusAbove } from "./check.types";
import { checkErrorAction } from "./check-error";
import { identity } from "./health-sessions.sql";
import type { HealthMemory } from "./health.memory";
import { withMonitoredTransaction, type QueryTrace } from "./monitored-query";
import {
  checkpointsCheck,
  replicationCheck,
  replicationSlotsCheck,
  statementsCheck,
} from "./checks/server.checks";
import { invalidIndexesCheck, notValidConstraintsCheck, sequencesCheck } from "./checks/schema.checks";
import {
  connectionsCheck,
  idleInTransactionCheck,
  lockWaitersCheck,
  longRunningCheck,
} from "./checks/sessions.checks";
import { archivingCheck } from "./checks/archiving.checks";
import {
  cacheHitIndexesCheck,
  cacheHitTablesCheck,
  databaseSizeCheck,
  deadTuplesCheck,
  xidWraparoundCheck,
} from "./checks/storage.checks";

/** Every check after connectivity, in the order the dashboard shows them. */
export const checks: CheckDefinition[] = [
  connectionsCheck,
  idleInTransactionCheck,
  longRunningCheck,
  lockWaitersCheck,
  databaseSizeCheck,
  cacheHitTablesCheck,
  cacheHitIndexesCheck,
  xidWraparoundCheck,
  sequencesCheck,
  invalidIndexesCheck,
  notValidConstraintsCheck,
  deadTuplesCheck,
  checkpointsCheck,
  replicationCheck,
  replicationSlotsCheck,
  archivingCheck,
  statementsCheck,
];

export interface ReportOptions {
  /** The profile's pool; opening it may fail when the server is down (that is a finding, not an error). */
  pool: () => Promise<pg.Pool>;
  thresholds: HealthThresholds;
  memory: HealthMemory;
  memoryKey: string;
  trace?: QueryTrace;
}

interface IdentityRow {
  in_recovery: boolean;
  database: string;
}

/**
 * The full report: connectivity first (its round trip is the RTT figure and it tells
 * the version), then every other check concurrently on the pool, each in its own
 * READ ONLY transaction with a statement timeout. A check that fails becomes an
 * 'error' check with the server's message; the report itself never fails.
 */
export async function buildHealthReport(o: ReportOptions): Promise<HealthReport> {
  const started = performance.now();
  const now = new Date();
  const t = o.thresholds;
  let id: IdentityRow;
  let rttMs: number;
  let pool: pg.Pool;
  let version: ServerVersion;
  try {
    pool = await o.pool();
    version = await serverVersion(pool);
    const client = await pool.connect();
    try {
      const before = performance.now();
      o.trace?.(identity, []);
      id = (await client.query<IdentityRow>(identity)).rows[0]!;
      rttMs = performance.now() - before;
    } finally {
      client.release();
    }
  } catch (err) {
    // an unknown profile is the caller's mistake, not a finding about a server
    if (err instanceof AppError && err.code === "NOT_FOUND") throw err;
    return unreachable(err, now, started);
  }
  const connectivity: HealthCheck = {
    id: "connectivity",
    title: "Connectivity",
    status: statusAbove(rttMs, t.rttWarnMs, t.rttFailMs),
    value: `${rttMs.toFixed(1)} ms`,
    threshold: `warn ${t.rttWarnMs} ms, fail ${t.rttFailMs} ms round trip`,
    message: `Connected to ${id.database} (${id.in_recovery ? "standby" : "primary"}, server_version_num ${version.num}); one query took ${rttMs.toFixed(1)} ms.`,
    action:
      rttMs >= t.rttWarnMs ? "The network path to the server is slow: check latency, VPN or SSH tunnel." : "",
    metrics: { rttMs },
    durationMs: rttMs,
  };
  const env: Omit<CheckEnv, "query"> = {
    versionNum: version.num,
    inRecovery: id.in_recovery,
    thresholds: t,
    memory: o.memory,
    memoryKey: o.memoryKey,
    now,
  };
  const results = await Promise.all(checks.map((c) => runCheck(c, env, pool, o)));
  const all = [connectivity, ...results];
  return {
    status: rollUp(all),
    generatedAt: now.toISOString(),
    durationMs: performance.now() - started,
    database: id.database,
    serverVersionNum: version.num,
    role: id.in_recovery ? "standby" : "primary",
    errorCount: all.filter((c) => c.status === "error").length,
    checks: all,
  };
}

async function runCheck(
  c: CheckDefinition,
  env: Omit<CheckEnv, "query">,
  pool: pg.Pool,
  o: ReportOptions,
): Promise<HealthCheck> {
  const started = performance.now();
  try {
    const outcome = await withMonitoredTransaction(
      pool,
      o.thresholds.statementTimeoutMs,
      (query) => c.run({ ...env, query }),
      o.trace,
    );
    return { id: c.id, title: c.title, ...outcome, durationMs: performance.now() - started };
  } catch (err) {
    const e = toApiError(err);
    return {
      id: c.id,
      title: c.title,
      status: "error",
      value: "could not run",
      threshold: "",
      message: e.message + (e.sqlState ? ` (SQLSTATE ${e.sqlState})` : ""),
      action: checkErrorAction(e, o.thresholds.statementTimeoutMs),
      durationMs: performance.now() - started,
    };
  }
}

/** Worst status wins; checks that could not run do not make a database unhealthy. */
export function rollUp(all: HealthCheck[]): HealthReport["status"] {
  if (all.some((c) => c.status === "fail")) return "unhealthy";
  if (all.some((c) => c.status === "warn")) return "degraded";
  return "healthy";
}

function unreachable(err: unknown, now: Date, started: number): HealthReport {
  const e = toApiError(err);
  const message = e.message + (e.sqlState ? ` (SQLSTATE ${e.sqlState})` : "");
  const skipped = checks.map<HealthCheck>((c) => ({
    id: c.id,
    title: c.title,
    status: "error",
    value: "not run",
    threshold: "",
    message: "Skipped: the server could not be reached.",
    action: "",
    durationMs: 0,
  }));
  return {
    status: "unhealthy",
    generatedAt: now.toISOString(),
    durationMs: performance.now() - started,
    database: null,
    serverVersionNum: null,
    role: "unknown",
    errorCount: skipped.length,
    checks: [
      {
        id: "connectivity",
        title: "Connectivity",
        status: "fail",
        value: "unreachable",
        threshold: "the server answers",
        message,
        action: `Check that the server is running and reachable; pgdesk retries on the next report (every ${seconds(30)} on the dashboard).`,
        durationMs: performance.now() - started,
      },
      ...skipped,
    ],
  };
}
