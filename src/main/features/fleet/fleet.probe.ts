import type { Socket } from "node:net";
import type pg from "pg";
import type { FleetRole, FleetState } from "../../../shared/contract/fleet";
import { connectOnce } from "../../db/connection-manager";
import { column, show } from "../../db/pgbouncer.console";
import type { ConnectionParams } from "../../db/connection-params";
import type { ProbeFacts } from "./fleet-checks";
import { fleetProbe, type FleetProbeRow } from "./fleet-probe.sql";
import { classifyFailure } from "./probe-state";

/** How the fleet's sessions show in pg_stat_activity (and how the tests count them). */
export const FLEET_APPLICATION_NAME = "pgdesk fleet";

export interface ProbeOutcome {
  state: FleetState;
  reason?: string;
  version?: string;
  role?: FleetRole;
  facts: ProbeFacts;
  probeMs: number;
}

/**
 * One short-lived connection to one server, one query, closed: never a pooled
 * connection. The whole probe (every host and TLS attempt, then the query) ends by
 * `timeoutMs`; a server that stops answering mid-query has its socket destroyed then.
 */
export async function probeServer(
  params: ConnectionParams,
  kind: "postgres" | "pgbouncer",
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  const { connectTimeoutSeconds: _own, ...rest } = params;
  const probeParams: ConnectionParams = { ...rest, applicationName: FLEET_APPLICATION_NAME };
  let session: Awaited<ReturnType<typeof connectOnce>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    session = await connectOnce(probeParams, { connectTimeoutMs: timeoutMs, deadline });
    const client = session.client;
    const left = Math.max(1, deadline - Date.now());
    // pg's query_timeout fails the query but leaves the socket; destroying it frees the slot at once
    timer = setTimeout(() => streamOf(client)?.destroy(), left);
    const result =
      kind === "pgbouncer" ? await bouncerFacts(client, left) : await postgresFacts(client, left);
    return { state: "up", ...result, probeMs: elapsed(started) };
  } catch (err) {
    // past the deadline whatever broke (our own socket destroy, pg's connect timeout) is a timeout
    const failed =
      Date.now() >= deadline
        ? { state: "timeout" as const, reason: `no answer within ${timeoutMs / 1000} s (${describe(err)})` }
        : classifyFailure(err, timeoutMs);
    return { ...failed, facts: {}, probeMs: elapsed(started) };
  } finally {
    clearTimeout(timer);
    if (session) await closeBefore(session, deadline);
  }
}

/**
 * Ends the session and waits for the server to close it (its backend has left
 * pg_stat_activity by then, so the slot is free for real); a server that stops
 * answering has the socket destroyed at the deadline (at least a second from now).
 */
async function closeBefore(
  session: { client: pg.Client; close(): Promise<void> },
  deadline: number,
): Promise<void> {
  const guard = setTimeout(() => streamOf(session.client)?.destroy(), Math.max(1_000, deadline - Date.now()));
  try {
    await session.close();
  } finally {
    clearTimeout(guard);
  }
}

async function postgresFacts(
  client: pg.Client,
  timeoutMs: number,
): Promise<Pick<ProbeOutcome, "version" | "role" | "facts">> {
  const { rows } = await client.query<FleetProbeRow>({
    text: fleetProbe,
    query_timeout: timeoutMs,
  } as pg.QueryConfig);
  const r = rows[0]!;
  return {
    version: r.version,
    role: r.in_recovery ? "standby" : "primary",
    facts: {
      connections: { used: r.connections, max: r.max_connections },
      longestTransactionSeconds: r.longest_xact_seconds,
      ...(r.xid_age !== null ? { xidAge: r.xid_age } : {}),
      lagSeconds: r.lag_seconds,
      lagBytes: r.lag_bytes,
      inRecovery: r.in_recovery,
      inactiveSlots: r.inactive_slots,
    },
  };
}

/** PgBouncer's console: its version and how many clients wait, over every pool. */
async function bouncerFacts(
  client: pg.Client,
  timeoutMs: number,
): Promise<Pick<ProbeOutcome, "version" | "role" | "facts">> {
  const version = (await show(client, "VERSION", timeoutMs)).rows[0]?.[0] ?? "PgBouncer";
  const pools = await show(client, "POOLS", timeoutMs);
  const waitingAt = column(pools, "cl_waiting");
  const clientsWaiting =
    waitingAt === undefined ? 0 : pools.rows.reduce((sum, r) => sum + Number(r[waitingAt] ?? 0), 0);
  return { version, role: "pooler", facts: { clientsWaiting } };
}

function streamOf(client: pg.Client): Socket | undefined {
  return (client as unknown as { connection?: { stream?: Socket } }).connection?.stream;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
