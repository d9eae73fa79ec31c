import { AppError } from "../../../shared/contract";
import type { Profile } from "../../../shared/contract/profiles";
import type { BackendUse, PoolerCommand, PoolerOverview } from "../../../shared/contract/pooler";
import { connectOnce, type ConnectionManager } from "../../db/connection-manager";
import { command, records, show, type TextTable } from "../../db/pgbouncer.console";
import { sql } from "../../db/sql";
import type { ProfileStore } from "../profiles/profile.store";
import { backendLimits, databaseRows, poolRows, saturationChecks, totals } from "./pool-saturation";

export interface PoolerDeps {
  profiles: ProfileStore;
  db: ConnectionManager;
  timeoutMs?: number;
}

const serverLimit = sql`
  SELECT current_setting('max_connections')::int
         - current_setting('superuser_reserved_connections')::int AS n`;

/** One short-lived admin-console session (never pooled: PgBouncer counts every console client). */
async function withConsole<T>(
  profileId: string,
  deps: PoolerDeps,
  work: (c: Awaited<ReturnType<typeof connectOnce>>["client"]) => Promise<T>,
): Promise<T> {
  const profile = await deps.profiles.get(profileId);
  if (profile.kind !== "pgbouncer")
    throw new AppError("VALIDATION", `"${profile.name}" is not a PgBouncer profile (kind pgbouncer)`, {
      field: "profileId",
    });
  const params = await deps.profiles.connectionParams(profileId);
  const session = await connectOnce(params, { connectTimeoutMs: deps.timeoutMs ?? 10_000 });
  try {
    return await work(session.client);
  } finally {
    await session.close();
  }
}

/** Every SHOW the page shows, then the checks; the backends' limits come from saved profiles. */
export async function poolerOverview(profileId: string, deps: PoolerDeps): Promise<PoolerOverview> {
  const t = deps.timeoutMs ?? 10_000;
  const tables = await withConsole(profileId, deps, async (c) => {
    const out = {} as Record<
      "VERSION" | "POOLS" | "CLIENTS" | "SERVERS" | "STATS" | "CONFIG" | "DATABASES",
      TextTable
    >;
    // one session answers one query at a time: these go in sequence
    for (const topic of ["VERSION", "POOLS", "CLIENTS", "SERVERS", "STATS", "CONFIG", "DATABASES"] as const)
      out[topic] = await show(c, topic, t);
    return out;
  });
  const pools = poolRows(records(tables.POOLS));
  const dbs = databaseRows(records(tables.DATABASES));
  const config = new Map(records(tables.CONFIG).map((r) => [r.key ?? "", r.value]));
  const backends = await withServerLimits(backendLimits(pools, dbs), deps);
  const maxClientConn = Number(config.get("max_client_conn"));
  return {
    version: tables.VERSION.rows[0]?.[0] ?? "PgBouncer",
    fetchedAt: new Date().toISOString(),
    pools: tables.POOLS,
    clients: tables.CLIENTS,
    servers: tables.SERVERS,
    stats: tables.STATS,
    databases: tables.DATABASES,
    config: tables.CONFIG,
    checks: saturationChecks(pools, dbs, backends, {
      total: tables.CLIENTS.rows.length,
      maxClientConn: Number.isFinite(maxClientConn) && maxClientConn > 0 ? maxClientConn : undefined,
    }),
    backends,
    totals: totals(pools),
  };
}

/** Each backend's max_connections through a saved PostgreSQL profile for that host and port. */
async function withServerLimits(backends: BackendUse[], deps: PoolerDeps): Promise<BackendUse[]> {
  const profiles = (await deps.profiles.list()).filter((p) => (p.kind ?? "postgres") === "postgres");
  return Promise.all(
    backends.map(async (b): Promise<BackendUse> => {
      const profile = profiles.find((p) => reaches(p, b.host, b.port));
      if (!profile)
        return {
          ...b,
          unknownReason: `no saved PostgreSQL profile for ${b.host}:${b.port} to read max_connections with`,
        };
      try {
        const { rows } = await deps.db.query<{ n: number }>(profile.id, serverLimit);
        return { ...b, serverLimit: rows[0]!.n, profileId: profile.id };
      } catch (err) {
        return {
          ...b,
          profileId: profile.id,
          unknownReason: `profile "${profile.name}": ${(err as Error).message}`,
        };
      }
    }),
  );
}

function reaches(p: Profile, host: string, port: number): boolean {
  return (
    (p.host === host && p.port === port) ||
    (p.additionalHosts ?? []).some((h) => h.host === host && h.port === port)
  );
}

/** PAUSE / RESUME / RELOAD, after the user typed the command to confirm it. */
export async function poolerCommand(
  input: { profileId: string; command: PoolerCommand; database?: string | undefined; confirm: string },
  deps: PoolerDeps,
): Promise<{ command: string; message: string }> {
  if (input.confirm !== input.command)
    throw new AppError("VALIDATION", `confirm: type ${input.command} to confirm`, { field: "confirm" });
  // PAUSE answers once every server connection is released (transactions finish first)
  const timeoutMs = input.command === "PAUSE" ? 30_000 : (deps.timeoutMs ?? 10_000);
  const done = await withConsole(input.profileId, deps, (c) =>
    command(c, input.command, input.database, timeoutMs),
  );
  const target = input.database ? ` ${input.database}` : "";
  const message =
    input.command === "PAUSE"
      ? `Paused${target || " every database"}: queries wait for RESUME; running transactions finished first.`
      : input.command === "RESUME"
        ? `Resumed${target || " every database"}.`
        : "Configuration reloaded.";
  return { command: done, message };
}
