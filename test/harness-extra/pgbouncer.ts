import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startOnFreePort } from "../harness/ports";
import { until } from "../harness/until";
import { postgresUser, startDaemon, type Daemon } from "./daemon";

const PGBOUNCER = "/usr/sbin/pgbouncer";

export interface PgBouncerOptions {
  /** The PostgreSQL server behind it. */
  backend: { host: string; port: number };
  /** Users it lets in (and logs in to the backend as), with their passwords. */
  users: Array<{ user: string; password: string }>;
  /** Pooled databases: name → backend database and pool size. */
  databases: Record<string, { dbname: string; poolSize?: number }>;
  poolMode?: "session" | "transaction" | "statement";
  defaultPoolSize?: number;
}

export interface RunningPgBouncer {
  host: string;
  port: number;
  /** The admin console's user (admin_users) and password. */
  admin: { user: string; password: string };
  daemon: Daemon;
  stop(): Promise<void>;
}

export function pgbouncerAvailable(): boolean {
  return existsSync(PGBOUNCER);
}

/**
 * Debian's PgBouncer on a free loopback port, as the postgres OS user (it refuses root),
 * with a SCRAM auth file in a 0700 temp folder; stopped by its PID.
 */
export async function startPgBouncer(options: PgBouncerOptions): Promise<RunningPgBouncer> {
  if (!pgbouncerAvailable()) throw new Error("pgbouncer is needed (apt-get install pgbouncer)");
  const root = await mkdtemp(join(tmpdir(), "pgdesk-pgbouncer-"));
  const as = postgresUser();
  if (as) await chown(root, as.uid, as.gid);
  await chmod(root, 0o700);
  const admin = { user: "pgdesk_admin", password: "pgdesk-bouncer-admin" };
  const userlist = [...options.users, admin]
    .map((u) => `"${u.user}" "${u.password.replace(/"/g, '""')}"`)
    .join("\n");
  await writeOwned(root, "userlist.txt", userlist);
  try {
    const { port, daemon } = await startOnFreePort(async (port) => {
      await writeOwned(root, "pgbouncer.ini", iniText(options, root, admin.user, port));
      const daemon = startDaemon("pgbouncer", PGBOUNCER, [join(root, "pgbouncer.ini")], {
        asPostgres: true,
      });
      try {
        await waitForConsole(port, admin, daemon, join(root, "pgbouncer.log"));
      } catch (err) {
        await daemon.stop();
        throw err;
      }
      return { port, daemon };
    });
    const stop = async () => {
      await daemon.stop();
      await rm(root, { recursive: true, force: true });
    };
    return { host: "127.0.0.1", port, admin, daemon, stop };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}

function iniText(options: PgBouncerOptions, root: string, adminUser: string, port: number): string {
  const databases = Object.entries(options.databases).map(
    ([name, d]) =>
      `${name} = host=${options.backend.host} port=${options.backend.port} dbname=${d.dbname}` +
      (d.poolSize ? ` pool_size=${d.poolSize}` : ""),
  );
  return [
    "[databases]",
    ...databases,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = scram-sha-256",
    `auth_file = ${join(root, "userlist.txt")}`,
    `admin_users = ${adminUser}`,
    `pool_mode = ${options.poolMode ?? "transaction"}`,
    `default_pool_size = ${options.defaultPoolSize ?? 5}`,
    "max_client_conn = 500",
    "ignore_startup_parameters = extra_float_digits",
    `logfile = ${join(root, "pgbouncer.log")}`,
    `pidfile = ${join(root, "pgbouncer.pid")}`,
  ].join("\n");
}

/** A file only the postgres user (PgBouncer's) may read: it holds passwords. */
async function writeOwned(root: string, file: string, text: string): Promise<void> {
  await writeFile(join(root, file), `${text}\n`, { mode: 0o600 });
  const as = postgresUser();
  if (as) await chown(join(root, file), as.uid, as.gid);
}

/** Resolves when the admin console answers; fails with PgBouncer's own words (a taken port reads as such) if it exits. */
async function waitForConsole(
  port: number,
  admin: { user: string; password: string },
  daemon: Daemon,
  logFile: string,
): Promise<void> {
  const log = async () => `${daemon.output()}${await readFile(logFile, "utf8").catch(() => "")}`;
  await until(
    async () => {
      if (daemon.exited()) throw new Error(`pgbouncer exited:\n${await log()}`);
      const c = new pg.Client({ host: "127.0.0.1", port, database: "pgbouncer", ...admin });
      c.on("error", () => undefined);
      try {
        await c.connect();
        await c.query("SHOW VERSION");
        return true;
      } catch {
        return false; // not listening yet
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    () => `pgbouncer to answer on port ${port}:\n${daemon.output()}`,
    30_000,
    200,
  );
}
