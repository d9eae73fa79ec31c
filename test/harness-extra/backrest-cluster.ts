import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startOnFreePort } from "../harness/ports";
import { until } from "../harness/until";
import { SYSTEM_PG_BIN, systemPgAvailable } from "./system-pg";

/** An S3 repository (repo2) for the cluster; keys reach pgBackRest only through environment variables. */
export interface S3RepoOptions {
  port: number;
  bucket: string;
  caFile: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface BackrestCluster {
  root: string;
  dataDir: string;
  port: number;
  password: string;
  stanza: string;
  config: string;
  /** The posix repository (repo1). */
  repo1: string;
  /** Where restored copies go (owned by postgres). */
  copies: string;
  serverLog: string;
  /** A pool on database `postgres` as the superuser. */
  pool: pg.Pool;
  connection: { host: string; port: number; database: string; user: string; password: string };
  /** Runs pgbackrest as postgres with --config and --stanza; rejects with its output on failure. */
  backrest(args: string[], env?: NodeJS.ProcessEnv): Promise<string>;
  /** Runs a command as the postgres OS user. */
  asPostgres(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string>;
  /** Writes something and switches WAL, then waits until that segment is archived. */
  archiveNow(): Promise<string>;
  stop(): Promise<void>;
}

export interface BackrestClusterOptions {
  s3?: S3RepoOptions;
  /** Extra [global] lines of pgbackrest.conf. */
  globalOptions?: string[];
  /** Extra server settings (postgresql.auto.conf). */
  settings?: Record<string, string>;
}

const isRoot = userInfo().uid === 0;

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * A Debian PostgreSQL 15 cluster archiving WAL through pgBackRest into a posix repository
 * (and an S3 one when asked), all in one temp folder owned by the postgres OS user, on a
 * free loopback port. Peer authentication on its socket (what pgBackRest uses), scram
 * over TCP (what pgdesk uses).
 */
export async function startBackrestCluster(options: BackrestClusterOptions = {}): Promise<BackrestCluster> {
  if (!systemPgAvailable()) throw new Error(`No PostgreSQL server binaries in ${SYSTEM_PG_BIN}`);
  const root = await mkdtemp(join(tmpdir(), "pgdesk-pitr-"));
  const ids = isRoot ? postgresIds() : undefined;
  const dirs = ["repo1", "log", "lock", "spool", "copies"].map((d) => join(root, d));
  for (const d of dirs) await mkdir(d, { mode: 0o700 });
  const [repo1, logPath, lockPath, spoolPath, copies] = dirs as [string, string, string, string, string];
  if (ids) for (const d of [root, ...dirs]) await chown(d, ids.uid, ids.gid);
  const dataDir = join(root, "data");
  const stanza = `pgdesk_${randomBytes(4).toString("hex")}`;
  const password = "pgdesk-pitr-test";
  const config = join(root, "pgbackrest.conf");
  const s3 = options.s3;
  const writeBackRestConfig = (port: number) =>
    writeFile(
      config,
      [
        "[global]",
        `repo1-path=${repo1}`,
        "repo1-retention-full=4",
        ...(s3
          ? [
              "repo2-type=s3",
              "repo2-path=/repo2",
              "repo2-s3-endpoint=localhost",
              `repo2-storage-port=${s3.port}`,
              `repo2-s3-bucket=${s3.bucket}`,
              "repo2-s3-region=us-east-1",
              "repo2-s3-uri-style=path",
              `repo2-storage-ca-file=${s3.caFile}`,
              "repo2-retention-full=4",
            ]
          : []),
        `log-path=${logPath}`,
        `lock-path=${lockPath}`,
        `spool-path=${spoolPath}`,
        "compress-type=zst",
        "start-fast=y",
        "log-level-console=warn",
        "log-level-file=info",
        "io-timeout=2",
        "db-timeout=10",
        "archive-timeout=30",
        ...(options.globalOptions ?? []),
        "",
        `[${stanza}]`,
        `pg1-path=${dataDir}`,
        `pg1-port=${port}`,
        `pg1-socket-path=${root}`,
        "",
      ].join("\n"),
      { mode: 0o644 },
    );
  // the archiver inherits the postmaster's environment: the S3 keys stay out of every file
  const serverEnv: NodeJS.ProcessEnv = s3
    ? { PGBACKREST_REPO2_S3_KEY: s3.accessKeyId, PGBACKREST_REPO2_S3_KEY_SECRET: s3.secretAccessKey }
    : {};
  const asPostgres = (file: string, args: string[], env: NodeJS.ProcessEnv = {}) => run(file, args, env);
  const pwfile = join(root, "pwfile");
  await writeFile(pwfile, `${password}\n`, { mode: 0o644 });
  const serverLog = join(root, "server.log");
  const settings = (port: number): Record<string, string> => ({
    listen_addresses: "127.0.0.1",
    port: String(port),
    unix_socket_directories: root,
    wal_level: "replica",
    archive_mode: "on",
    archive_command: `pgbackrest --config=${config} --stanza=${stanza} archive-push %p`,
    max_wal_senders: "3",
    fsync: "off",
    log_timezone: "UTC",
    timezone: "UTC",
    ...options.settings,
  });
  await asPostgres(join(SYSTEM_PG_BIN, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth-local=peer",
    "--auth-host=scram-sha-256",
    `--pwfile=${pwfile}`,
    "--encoding=UTF8",
    "--no-sync",
  ]);
  await rm(pwfile);
  const pgCtl = join(SYSTEM_PG_BIN, "pg_ctl");
  // the port goes into both configurations before the server binds it: taken meanwhile, start again on another
  const port = await startOnFreePort(async (port) => {
    await writeBackRestConfig(port);
    await writeFile(
      join(dataDir, "postgresql.auto.conf"),
      Object.entries(settings(port))
        .map(([k, v]) => `${k} = '${v.replaceAll("'", "''")}'`)
        .join("\n") + "\n",
    );
    if (ids) await chown(join(dataDir, "postgresql.auto.conf"), ids.uid, ids.gid);
    await asPostgres(pgCtl, ["start", "-D", dataDir, "-w", "-t", "60", "-l", serverLog], serverEnv).catch(
      async (err: Error) => {
        throw new Error(`${err.message}\n${await readFile(serverLog, "utf8").catch(() => "")}`);
      },
    );
    return port;
  });
  const connection = { host: "127.0.0.1", port, database: "postgres", user: "postgres", password };
  const pool = new pg.Pool({ ...connection, max: 3 });
  pool.on("error", () => undefined);
  const backrest = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    asPostgres("pgbackrest", [`--config=${config}`, `--stanza=${stanza}`, ...args], { ...serverEnv, ...env });
  const stop = async () => {
    await pool.end().catch(() => undefined);
    // restored copies left running (a failed test) are stopped before their folders go
    for (const copy of await readdir(copies).catch(() => [] as string[])) {
      const data = join(copies, copy, "data");
      if (existsSync(join(data, "postmaster.pid")))
        await asPostgres(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w"]).catch(() => undefined);
    }
    if (existsSync(join(dataDir, "postmaster.pid")))
      await asPostgres(pgCtl, ["stop", "-D", dataDir, "-m", "immediate", "-w"]).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  };
  try {
    await backrest(["stanza-create"]);
  } catch (err) {
    const log = await readFile(serverLog, "utf8").catch(() => "");
    await stop();
    throw new Error(`${(err as Error).message}\nserver log:\n${log}`);
  }
  return {
    root,
    dataDir,
    port,
    password,
    stanza,
    config,
    repo1,
    copies,
    serverLog,
    pool,
    connection,
    backrest,
    asPostgres,
    archiveNow: async () => {
      // pg_switch_wal() on an empty segment does nothing: write something first
      await pool.query(
        "CREATE TEMP TABLE IF NOT EXISTS pgdesk_wal_nudge(x int); DROP TABLE pgdesk_wal_nudge",
      );
      const { rows } = await pool.query<{ wal: string }>("SELECT pg_walfile_name(pg_switch_wal()) AS wal");
      const wal = rows[0]!.wal;
      await until(
        async () =>
          (
            await pool.query<{ done: boolean }>(
              "SELECT coalesce(last_archived_wal >= $1, false) AS done FROM pg_stat_archiver",
              [wal],
            )
          ).rows[0]!.done,
        `WAL ${wal} to be archived`,
        60_000,
        100,
      );
      return wal;
    },
    stop,
  };
}

/** Runs a binary as the postgres OS user (runuser when we are root), argument array, no shell. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: tmpdir(),
      env: { ...process.env, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${file} ${args.join(" ")} exited with ${code}: ${(err + out).trim()}`)),
    );
  });
}
