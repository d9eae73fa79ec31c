import type { CheckDefinition } from "../check.types";
import { details, pct, seconds, statusAbove } from "../check.types";
import {
  connectionGroups,
  connectionLimits,
  idleInTransaction,
  lockWaiters,
  longRunning,
} from "../health-sessions.sql";

interface GroupRow {
  state: string;
  datname: string | null;
  usename: string | null;
  application_name: string;
  client: string | null;
  n: number;
  own: boolean;
}

function tally(rows: GroupRow[], key: (r: GroupRow) => string): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

export const connectionsCheck: CheckDefinition = {
  id: "connections",
  title: "Connections",
  async run({ query, thresholds: t }) {
    const [groups, [limits]] = await Promise.all([
      query<GroupRow>(connectionGroups),
      query<{ max_connections: number; reserved: number }>(connectionLimits),
    ]);
    const total = groups.reduce((s, r) => s + r.n, 0);
    const own = groups.filter((r) => r.own).reduce((s, r) => s + r.n, 0);
    const max = limits!.max_connections;
    const usedPct = (total / max) * 100;
    let status = statusAbove(usedPct, t.connectionsWarnPct, t.connectionsFailPct);
    if (status === "pass" && total >= t.totalConnectionsWarn) status = "warn";
    const byState = tally(groups, (r) => r.state);
    const rows: Array<[string, string, number]> = [
      ...byState.map(([k, n]) => ["state", k, n] as [string, string, number]),
      ...tally(groups, (r) => r.datname ?? "—").map(
        ([k, n]) => ["database", k, n] as [string, string, number],
      ),
      ...tally(groups, (r) => r.usename ?? "—").map(([k, n]) => ["user", k, n] as [string, string, number]),
      ...tally(groups, (r) => r.application_name || "—").map(
        ([k, n]) => ["application", k, n] as [string, string, number],
      ),
      ...tally(groups, (r) => r.client ?? "local socket").map(
        ([k, n]) => ["client", k, n] as [string, string, number],
      ),
    ];
    return {
      status,
      value: `${total} of ${max} (${pct(usedPct)})`,
      threshold: `warn ${t.connectionsWarnPct} %, fail ${t.connectionsFailPct} %, or ${t.totalConnectionsWarn} connections`,
      message:
        `${total} client connections of max_connections ${max} (${limits!.reserved} reserved for superusers), ` +
        `${own} of them pgdesk's own; ` +
        byState.map(([k, n]) => `${n} ${k}`).join(", "),
      action:
        status === "pass"
          ? ""
          : "Put a connection pooler (PgBouncer) in front of the server or close idle clients; raising max_connections costs memory per connection.",
      details: details(["by", "name", "connections"], rows),
      metrics: {
        total,
        max,
        usedPct,
        own,
        ...Object.fromEntries(byState.map(([k, n]) => [`state:${k}`, n])),
      },
    };
  },
};

interface IdleRow {
  pid: number;
  datname: string | null;
  usename: string | null;
  application_name: string;
  state: string;
  idle_seconds: number;
  xact_seconds: number;
  query: string;
}

export const idleInTransactionCheck: CheckDefinition = {
  id: "idleInTransaction",
  title: "Idle in transaction",
  async run({ query, thresholds: t }) {
    const rows = await query<IdleRow>(idleInTransaction);
    const old = rows.filter((r) => r.idle_seconds >= t.idleInTransactionSec);
    const oldest = rows.reduce((m, r) => Math.max(m, r.idle_seconds), 0);
    return {
      status: old.length > 0 ? "warn" : "pass",
      value: rows.length ? `${rows.length} sessions, oldest idle ${seconds(oldest)}` : "none",
      threshold: `idle in a transaction longer than ${seconds(t.idleInTransactionSec)}`,
      message: old.length
        ? `${old.length} sessions have held a transaction open without running anything for over ${seconds(t.idleInTransactionSec)}; they hold locks and stop VACUUM from removing dead rows.`
        : rows.length
          ? `${rows.length} sessions idle in a transaction, none for long.`
          : "No session is idle in a transaction.",
      action: old.length
        ? `Fix the client that leaves transactions open, or set idle_in_transaction_session_timeout; end one now with SELECT pg_terminate_backend(${old[0]!.pid});`
        : "",
      details: details(
        ["pid", "database", "user", "application", "state", "idle s", "transaction s", "query"],
        rows.map((r) => [
          r.pid,
          r.datname,
          r.usename,
          r.application_name,
          r.state,
          Math.round(r.idle_seconds),
          Math.round(r.xact_seconds),
          r.query,
        ]),
      ),
      metrics: { count: rows.length, overThreshold: old.length, oldestSeconds: oldest },
    };
  },
};

interface LongRow {
  pid: number;
  datname: string | null;
  usename: string | null;
  application_name: string;
  wait_event_type: string | null;
  wait_event: string | null;
  seconds: number;
  query: string;
}

export const longRunningCheck: CheckDefinition = {
  id: "longRunning",
  title: "Long-running queries",
  async run({ query, thresholds: t }) {
    const rows = await query<LongRow>(longRunning, [t.longRunningSec]);
    const status = rows.length === 0 ? "pass" : rows.length >= t.longRunningFailCount ? "fail" : "warn";
    return {
      status,
      value: rows.length ? `${rows.length} running, longest ${seconds(rows[0]!.seconds)}` : "none",
      threshold: `running longer than ${seconds(t.longRunningSec)} (fail at ${t.longRunningFailCount})`,
      message: rows.length
        ? `${rows.length} queries have been running for more than ${seconds(t.longRunningSec)}.`
        : `No query has been running for more than ${seconds(t.longRunningSec)}.`,
      action: rows.length
        ? `Look at the plan of the slowest one; cancel it from Activity (SELECT pg_cancel_backend(${rows[0]!.pid});) if it should not run.`
        : "",
      details: details(
        ["pid", "database", "user", "application", "seconds", "waiting on", "query"],
        rows.map((r) => [
          r.pid,
          r.datname,
          r.usename,
          r.application_name,
          Math.round(r.seconds),
          r.wait_event ? `${r.wait_event_type}:${r.wait_event}` : null,
          r.query,
        ]),
      ),
      metrics: { count: rows.length },
    };
  },
};

interface WaiterRow {
  pid: number;
  datname: string | null;
  usename: string | null;
  application_name: string;
  blocked_by: number[];
  seconds: number;
  wait_event: string | null;
  query: string;
}

export const lockWaitersCheck: CheckDefinition = {
  id: "lockWaiters",
  title: "Queries waiting on locks",
  async run({ query, thresholds: t }) {
    const rows = await query<WaiterRow>(lockWaiters);
    const over = rows.filter((r) => r.seconds >= t.lockWaitSec);
    const blockers = [...new Set(rows.flatMap((r) => r.blocked_by))];
    return {
      status: over.length ? "warn" : "pass",
      value: rows.length ? `${rows.length} waiting, blocked by ${blockers.length}` : "none",
      threshold: `waiting on a lock for ${seconds(t.lockWaitSec)} or more`,
      message: rows.length
        ? `${rows.length} sessions wait for locks held by sessions ${blockers.join(", ")}.`
        : "No session is waiting on a lock.",
      action: rows.length
        ? `Open Activity to see the blocking tree; the root blocker is usually a long or idle transaction (SELECT pg_cancel_backend(${blockers[0]});).`
        : "",
      details: details(
        ["pid", "blocked by", "database", "user", "application", "seconds", "lock", "query"],
        rows.map((r) => [
          r.pid,
          r.blocked_by.join(", "),
          r.datname,
          r.usename,
          r.application_name,
          Math.round(r.seconds),
          r.wait_event,
          r.query,
        ]),
      ),
      metrics: { count: rows.length, blockers: blockers.length },
    };
  },
};
