import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "../../src/main/db/embedded-postgres";
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
  const port = await freePort();
  const admin = { user: "pgdesk_admin", password: "pgdesk-bouncer-admin" };
  const userlist = [...options.users, admin]
    .map((u) => `"${u.user}" "${u.password.replace(/"/g, '""')}"`)
    .join("\n");
  const databases = Object.entries(options.databases).map(
    ([name, d]) =>
      `${name} = host=${options.backend.host} port=${options.backend.port} dbname=${d.dbname}` +
      (d.poolSize ? ` pool_size=${d.poolSize}` : ""),
  );
  const ini = [
    "[databases]",
    ...databases,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = scram-sha-256",
    `auth_file = ${join(root, "userlist.txt")}`,
    `admin_users = ${admin.user}`,
    `pool_mode = ${options.poolMode ?? "transaction"}`,
    `default_pool_size = ${options.defaultPoolSize ?? 5}`,
    "max_client_conn = 500",
    "ignore_startup_parameters = extra_float_digits",
    `logfile = ${join(root, "pgbouncer.log")}`,
    `pidfile = ${join(root, "pgbouncer.pid")}`,
  ].join("\n");
  for (const [file, text] of [
    ["userlist.txt", userlist],
    ["pgbouncer.ini", ini],
  ] as const) {
    await writeFile(join(root, file), `${text}\n`, { mode: 0o600 });
    if (as) await chown(join(root, file), as.uid, as.gid);
  }
  const daemon = startDaemon("pgbouncer", PGBOUNCER, [join(root, "pgbouncer.ini")], { asPostgres: true });
  const stop = async () => {
    await daemon.stop();
    await rm(root, { recursive: true, force: true });
  };
  try {
    await waitForConsole(port, admin, daemon);
  } catch (err) {
    await stop();
    throw err;
  }
  return { host: "127.0.0.1", port, admin, daemon, stop };
}

async function waitForConsole(
  port: number,
  admin: { user: string; password: string },
  daemon: Daemon,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (daemon.exited()) throw new Error(`pgbouncer exited:\n${daemon.output()}`);
    const c = new pg.Client({ host: "127.0.0.1", port, database: "pgbouncer", ...admin });
    c.on("error", () => undefined);
    try {
      await c.connect();
      await c.query("SHOW VERSION");
      await c.end();
      return;
    } catch {
      await c.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`pgbouncer did not answer:\n${daemon.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
