import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedServer, type EmbeddedServer } from "../../../src/main/db/embedded-postgres";
import { startOnFreePort } from "../../harness/ports";
import { until } from "../../harness/until";

const BIN = "/usr/lib/postgresql/15/bin";
const PASSWORD = "pgdesk-replication-test";

export interface Replicated {
  primary: EmbeddedServer;
  standbyPort: number;
  connection(port: number): { host: string; port: number; user: string; password: string; database: string };
  startStandby(): Promise<void>;
  stopStandby(): Promise<void>;
  close(): Promise<void>;
}

/** As root, the server and its tools run as `postgres` (initdb and postgres refuse root). */
function runAs(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) =>
    Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * A real streaming pair: an embedded PostgreSQL 15 primary (wal_level=replica) and a
 * standby cloned from it with Debian's pg_basebackup 15 and started (streaming) with Debian's
 * postgres 15.
 */
export async function startReplicatedPair(): Promise<Replicated> {
  const root = await mkdtemp(join(tmpdir(), "pgdesk-repl-"));
  await chmod(root, 0o777);
  const primary = await startEmbeddedServer({
    dataDir: join(root, "primary"),
    password: PASSWORD,
    settings: {
      wal_level: "replica",
      max_wal_senders: "5",
      max_replication_slots: "5",
      hot_standby_feedback: "on",
      fsync: "off",
    },
  });
  const standbyDir = join(root, "standby");
  let standbyPort = 0;
  const as = runAs();
  const env = { ...process.env, PGPASSWORD: PASSWORD };
  const base = spawnSync(
    join(BIN, "pg_basebackup"),
    [
      "-h",
      "127.0.0.1",
      "-p",
      String(primary.port),
      "-U",
      primary.user,
      "-D",
      standbyDir,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
    ],
    { env, encoding: "utf8", ...as },
  );
  if (base.status !== 0) throw new Error(`pg_basebackup failed: ${base.stderr}`);
  let standby: ChildProcess | undefined;
  let standbyLog = "";

  const connection = (port: number) => ({
    host: "127.0.0.1",
    port,
    user: primary.user,
    password: PASSWORD,
    database: "postgres",
  });

  const startStandby = async () => {
    standbyLog = "";
    standby = spawn(
      join(BIN, "postgres"),
      [
        "-D",
        standbyDir,
        "-p",
        String(standbyPort),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
        "-c",
        "hot_standby=on",
      ],
      { env: process.env, stdio: ["ignore", "pipe", "pipe"], ...as },
    );
    standby.stderr!.on("data", (d: Buffer) => {
      standbyLog += d.toString();
    });
    await until(
      async () => {
        const c = new pg.Client(connection(standbyPort));
        c.on("error", () => undefined);
        try {
          await c.connect();
          const { rows } = await c.query<{ status: string | null }>(
            "SELECT (SELECT status FROM pg_stat_wal_receiver) AS status",
          );
          return rows[0]!.status === "streaming";
        } catch (err) {
          if (standby?.exitCode !== null) throw new Error(`standby exited: ${standbyLog}`, { cause: err });
          return false;
        } finally {
          await c.end().catch(() => undefined);
        }
      },
      () => `the standby to stream: ${standbyLog}`,
      30_000,
      200,
    );
  };

  const stopStandby = async () => {
    const p = standby;
    standby = undefined;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once("exit", r));
    p.kill("SIGINT"); // fast shutdown of the server this fixture started
    await exited;
  };

  // its first start picks the port; stopStandby/startStandby keep it
  try {
    await startOnFreePort(async (port) => {
      standbyPort = port;
      await startStandby();
    });
  } catch (err) {
    await primary.stop();
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  return {
    primary,
    standbyPort,
    connection,
    startStandby,
    stopStandby,
    async close() {
      await stopStandby();
      await primary.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
