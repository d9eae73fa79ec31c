import type { BackendUse, PoolerCheck, PoolerOverview } from "../../../shared/contract/pooler";

type Rec = Record<string, string | null>;

export interface PoolRow {
  database: string;
  user: string;
  clActive: number;
  clWaiting: number;
  svActive: number;
  svIdle: number;
  svUsed: number;
  /** Longest wait of a queued client, seconds. */
  maxWait: number;
  poolMode: string;
}

export interface DatabaseRow {
  name: string;
  host: string | null;
  port: number;
  poolSize: number;
  reservePool: number;
  /** max_db_connections; 0 = no limit. */
  maxConnections: number;
  paused: boolean;
  disabled: boolean;
}

const num = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? 0 : Number(v));

/** SHOW POOLS rows, the admin console's own pool left out. */
export function poolRows(records: Rec[]): PoolRow[] {
  return records
    .filter((r) => r.database !== "pgbouncer")
    .map((r) => ({
      database: r.database ?? "",
      user: r.user ?? "",
      clActive: num(r.cl_active),
      clWaiting: num(r.cl_waiting),
      svActive: num(r.sv_active),
      svIdle: num(r.sv_idle),
      svUsed: num(r.sv_used),
      maxWait: num(r.maxwait) + num(r.maxwait_us) / 1e6,
      poolMode: r.pool_mode ?? "",
    }));
}

/** SHOW DATABASES rows that point at a server (the admin console has no host). */
export function databaseRows(records: Rec[]): DatabaseRow[] {
  return records
    .filter((r) => r.name !== "pgbouncer" || (r.host ?? null) !== null)
    .map((r) => ({
      name: r.name ?? "",
      host: r.host ?? null,
      port: num(r.port),
      poolSize: num(r.pool_size),
      reservePool: num(r.reserve_pool),
      maxConnections: num(r.max_connections),
      paused: num(r.paused) > 0,
      disabled: num(r.disabled) > 0,
    }));
}

/**
 * What PgBouncer may open on each backend: per database, its pool size plus reserve pool
 * for each user that has a pool there (at least one), capped by max_db_connections.
 */
export function backendLimits(pools: PoolRow[], dbs: DatabaseRow[]): BackendUse[] {
  const byBackend = new Map<string, BackendUse>();
  for (const d of dbs) {
    if (!d.host) continue;
    const users = Math.max(1, new Set(pools.filter((p) => p.database === d.name).map((p) => p.user)).size);
    const perDb = users * (d.poolSize + d.reservePool);
    const limit = d.maxConnections > 0 ? Math.min(perDb, d.maxConnections) : perDb;
    const key = `${d.host}:${d.port}`;
    const b = byBackend.get(key) ?? { host: d.host, port: d.port, databases: [], poolLimit: 0 };
    b.databases.push(d.name);
    b.poolLimit += limit;
    byBackend.set(key, b);
  }
  return [...byBackend.values()];
}

export function totals(pools: PoolRow[]): PoolerOverview["totals"] {
  return {
    clientsActive: pools.reduce((s, p) => s + p.clActive, 0),
    clientsWaiting: pools.reduce((s, p) => s + p.clWaiting, 0),
    serversActive: pools.reduce((s, p) => s + p.svActive, 0),
    serversIdle: pools.reduce((s, p) => s + p.svIdle, 0),
    maxWaitSeconds: pools.reduce((s, p) => Math.max(s, p.maxWait), 0),
  };
}

/** A client that waited this long means the pool is too small for the load. */
export const MAXWAIT_CRITICAL_SECONDS = 5;

/**
 * Saturation (clients queued for a server connection, and for how long), paused or
 * disabled databases, client slots against max_client_conn, and what the pools may
 * open against each backend's own limit. Each finding names its pool or backend.
 */
export function saturationChecks(
  pools: PoolRow[],
  dbs: DatabaseRow[],
  backends: BackendUse[],
  clients: { total: number; maxClientConn: number | undefined },
): PoolerCheck[] {
  const out: PoolerCheck[] = [];
  for (const p of pools.filter((x) => x.clWaiting > 0 || x.maxWait >= 1)) {
    out.push({
      id: "poolSaturation",
      severity: p.maxWait >= MAXWAIT_CRITICAL_SECONDS ? "critical" : "warn",
      subject: `${p.database}/${p.user}`,
      message: `${p.clWaiting} client${p.clWaiting === 1 ? "" : "s"} waiting for a server connection (longest ${p.maxWait.toFixed(1)} s); ${p.svActive} server connections busy`,
    });
  }
  if (!out.length)
    out.push({
      id: "poolSaturation",
      severity: "ok",
      message: "no client is waiting for a server connection",
    });
  for (const d of dbs.filter((x) => x.paused || x.disabled))
    out.push({
      id: "paused",
      severity: "warn",
      subject: d.name,
      message: d.paused
        ? `${d.name} is paused: its queries wait until RESUME`
        : `${d.name} is disabled: new clients are refused`,
    });
  if (clients.maxClientConn) {
    const pct = (clients.total / clients.maxClientConn) * 100;
    out.push({
      id: "clientSlots",
      severity: pct >= 90 ? "critical" : pct >= 75 ? "warn" : "ok",
      message: `${clients.total} of max_client_conn ${clients.maxClientConn} client connections in use`,
    });
  }
  out.push(...backends.map(backendCheck));
  return out;
}

function backendCheck(b: BackendUse): PoolerCheck {
  const subject = `${b.host}:${b.port}`;
  if (b.serverLimit === undefined)
    return {
      id: "serverLimit",
      severity: "unknown",
      subject,
      message: `pools may open up to ${b.poolLimit} connections here; not compared with max_connections: ${b.unknownReason ?? "unknown"}`,
    };
  if (b.poolLimit > b.serverLimit)
    return {
      id: "serverLimit",
      severity: "warn",
      subject,
      message: `pools may open up to ${b.poolLimit} connections, but the server accepts ${b.serverLimit} (max_connections minus superuser_reserved_connections): clients would get "too many clients" instead of waiting in PgBouncer`,
    };
  return {
    id: "serverLimit",
    severity: "ok",
    subject,
    message: `pools may open up to ${b.poolLimit} of the server's ${b.serverLimit} connections`,
  };
}
