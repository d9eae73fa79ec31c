import { existsSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startOnFreePort } from "../harness/ports";
import { until } from "../harness/until";
import { alive, postgresUser, startDaemon, type Daemon } from "./daemon";
import { SYSTEM_PG_BIN } from "./system-pg";

const PATRONI = "/usr/bin/patroni";
const ETCD = "/usr/bin/etcd";

export interface PatroniMember {
  name: string;
  /** Patroni's REST API, e.g. http://127.0.0.1:8008 */
  apiUrl: string;
  pgPort: number;
  dataDir: string;
  daemon: Daemon;
}

export interface PatroniCluster {
  scope: string;
  root: string;
  etcdUrl: string;
  members: PatroniMember[];
  superuser: { user: string; password: string };
  /** The member holding the leader key with PostgreSQL running, as /cluster reports it. */
  leader(): Promise<string>;
  /** /cluster of any member that answers. */
  cluster(): Promise<ClusterJson>;
  /** The postmaster PID from the member's postmaster.pid. */
  postmasterPid(member: string): Promise<number>;
  /** Stops every Patroni (each stops its PostgreSQL), then etcd, by PID, and removes the folder. */
  stop(): Promise<void>;
}

export interface ClusterJson {
  members: Array<{ name: string; role: string; state: string; lag?: number | string; timeline?: number }>;
}

export interface PatroniClusterOptions {
  members?: number;
  /** restapi.authentication: Patroni then wants basic auth on its unsafe endpoints (switchover). */
  restApiAuth?: { username: string; password: string };
  /** Printed progress (the sandbox script shows it); tests leave it off. */
  log?: (line: string) => void;
}

const SUPERUSER = { user: "postgres", password: "pgdesk-patroni-superuser" };
const REPLICATOR = { username: "replicator", password: "pgdesk-patroni-replicator" };

export function patroniAvailable(): boolean {
  return existsSync(PATRONI) && existsSync(ETCD) && existsSync(join(SYSTEM_PG_BIN, "postgres"));
}

/**
 * A real high-availability cluster on loopback: one etcd, N Patroni members managing
 * Debian's PostgreSQL 15 (as the postgres OS user), in a fresh temp folder. Timings are
 * short (loop_wait 1 s, ttl 20 s, primary_start_timeout 0: a crashed primary fails over
 * at once) so failover tests settle in seconds. Resolves when one leader and every
 * replica stream.
 */
export async function startPatroniCluster(options: PatroniClusterOptions = {}): Promise<PatroniCluster> {
  if (!patroniAvailable())
    throw new Error(
      "patroni, etcd-server and postgresql-15 are needed (apt-get install patroni etcd-server)",
    );
  const log = options.log ?? (() => undefined);
  const root = await mkdtemp(join(tmpdir(), "pgdesk-patroni-"));
  await chmod(root, 0o777);
  const scope = `pgdesk-${root
    .slice(-6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}`;
  const daemons: Daemon[] = [];
  const members: PatroniMember[] = [];
  const stop = async () => {
    await Promise.all(members.map((m) => m.daemon.stop()));
    await Promise.all(members.map((m) => killLeftoverPostmaster(m.dataDir)));
    await Promise.all(daemons.map((d) => d.stop()));
    await rm(root, { recursive: true, force: true });
  };
  try {
    const etcdUrl = await startEtcd(root, daemons);
    log(`etcd ready at ${etcdUrl}`);
    for (let i = 1; i <= (options.members ?? 3); i++) {
      members.push(await startMember(root, scope, `m${i}`, etcdUrl, options.restApiAuth));
      // the first member bootstraps alone, so it is the leader the others clone from
      if (i === 1) await waitFor(() => leaderOf(members), "the first member to become leader", 90_000);
      log(`member m${i} started (REST ${members[i - 1]!.apiUrl}, PostgreSQL port ${members[i - 1]!.pgPort})`);
    }
    await waitFor(
      async () => allStreaming(await clusterOf(members), members.length),
      "replicas to stream",
      120_000,
    );
    log("cluster ready");
    return {
      scope,
      root,
      etcdUrl,
      members,
      superuser: SUPERUSER,
      leader: async () => (await leaderOf(members)) ?? Promise.reject(new Error("no leader")),
      cluster: () => clusterOf(members),
      postmasterPid: async (name) => {
        const m = members.find((x) => x.name === name)!;
        return Number((await readFile(join(m.dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
      },
      stop,
    };
  } catch (err) {
    const logs = [...daemons, ...members.map((m) => m.daemon)]
      .map((d) => `--- ${d.name}:\n${d.output().slice(-3000)}`)
      .join("\n");
    await stop();
    throw new Error(`${(err as Error).message}\n${logs}`);
  }
}

async function startEtcd(root: string, daemons: Daemon[]): Promise<string> {
  return startOnFreePort(async (client) => {
    const peer = await freePort();
    const etcd = startDaemon("etcd", ETCD, [
      "--name=e0",
      `--data-dir=${join(root, "etcd")}`,
      `--listen-client-urls=http://127.0.0.1:${client}`,
      `--advertise-client-urls=http://127.0.0.1:${client}`,
      `--listen-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-cluster=e0=http://127.0.0.1:${peer}`,
      "--initial-cluster-state=new",
      "--log-level=warn",
    ]);
    const url = `http://127.0.0.1:${client}`;
    await waitFor(async () => {
      // its own words, "address already in use", let startOnFreePort try new ports
      if (etcd.exited()) throw new Error(`etcd exited:\n${etcd.output()}`);
      const res = await fetch(`${url}/health`).catch(() => undefined);
      return res?.ok === true;
    }, "etcd to answer /health").catch(async (err: Error) => {
      await etcd.stop();
      await rm(join(root, "etcd"), { recursive: true, force: true });
      throw err;
    });
    daemons.push(etcd);
    return url;
  });
}

async function startMember(
  root: string,
  scope: string,
  name: string,
  etcdUrl: string,
  restApiAuth: PatroniClusterOptions["restApiAuth"],
): Promise<PatroniMember> {
  // the REST port is the one a taken port fails loudly on (Patroni exits); PostgreSQL's is asked for alongside
  return startOnFreePort(async (apiPort) => {
    const pgPort = await freePort();
    const dir = join(root, name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { mode: 0o777 });
    await chmod(dir, 0o777);
    const dataDir = join(dir, "data");
    const config = memberConfig({ scope, name, etcdUrl, apiPort, pgPort, dir, dataDir, restApiAuth });
    const file = join(dir, "patroni.yml");
    // JSON is YAML; the file holds passwords, so only its owner (postgres) may read it
    await writeFile(file, JSON.stringify(config, null, 2), { mode: 0o600 });
    const as = postgresUser();
    if (as) await chown(file, as.uid, as.gid);
    const daemon = startDaemon(`patroni ${name}`, PATRONI, [file], {
      asPostgres: true,
      cwd: dir,
      env: { HOME: dir, PGPASSFILE: join(dir, "pgpass") },
    });
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor(async () => {
      if (daemon.exited()) throw new Error(`patroni ${name} exited:\n${daemon.output()}`);
      const res = await fetch(`${apiUrl}/patroni`, { signal: AbortSignal.timeout(3000) }).catch(
        () => undefined,
      );
      return res !== undefined;
    }, `patroni ${name}'s REST API`).catch(async (err: Error) => {
      await daemon.stop();
      throw err;
    });
    return { name, apiUrl, pgPort, dataDir, daemon };
  });
}

function memberConfig(m: {
  scope: string;
  name: string;
  etcdUrl: string;
  apiPort: number;
  pgPort: number;
  dir: string;
  dataDir: string;
  restApiAuth: PatroniClusterOptions["restApiAuth"];
}): Record<string, unknown> {
  return {
    scope: m.scope,
    namespace: "/pgdesk-test/",
    name: m.name,
    log: { level: "WARNING" },
    restapi: {
      listen: `127.0.0.1:${m.apiPort}`,
      connect_address: `127.0.0.1:${m.apiPort}`,
      ...(m.restApiAuth ? { authentication: m.restApiAuth } : {}),
    },
    etcd3: { hosts: [m.etcdUrl.replace("http://", "")] },
    bootstrap: {
      dcs: {
        ttl: 20,
        loop_wait: 1,
        retry_timeout: 5,
        maximum_lag_on_failover: 16 * 1024 * 1024,
        primary_start_timeout: 0,
        postgresql: {
          use_pg_rewind: true,
          use_slots: true,
          parameters: {
            wal_level: "replica",
            hot_standby: "on",
            wal_log_hints: "on",
            max_wal_senders: 10,
            max_replication_slots: 10,
            max_connections: 100,
            wal_keep_size: "64MB",
          },
        },
      },
      initdb: [{ encoding: "UTF8" }, { locale: "C" }],
    },
    postgresql: {
      listen: `127.0.0.1:${m.pgPort}`,
      connect_address: `127.0.0.1:${m.pgPort}`,
      data_dir: m.dataDir,
      bin_dir: SYSTEM_PG_BIN,
      pgpass: join(m.dir, "pgpass"),
      authentication: {
        superuser: { username: SUPERUSER.user, password: SUPERUSER.password },
        replication: REPLICATOR,
        rewind: { username: SUPERUSER.user, password: SUPERUSER.password },
      },
      parameters: { unix_socket_directories: m.dir, fsync: "off", synchronous_commit: "off" },
      pg_hba: [
        "local all all trust",
        `host replication ${REPLICATOR.username} 127.0.0.1/32 scram-sha-256`,
        "host all all 127.0.0.1/32 scram-sha-256",
      ],
    },
    tags: { nofailover: false, noloadbalance: false, clonefrom: false, nosync: false },
  };
}

async function clusterOf(members: PatroniMember[]): Promise<ClusterJson> {
  for (const m of members) {
    const res = await fetch(`${m.apiUrl}/cluster`, { signal: AbortSignal.timeout(3000) }).catch(
      () => undefined,
    );
    if (res?.ok) return (await res.json()) as ClusterJson;
  }
  throw new Error("no Patroni member answers /cluster");
}

async function leaderOf(members: PatroniMember[]): Promise<string | undefined> {
  const c = await clusterOf(members).catch(() => undefined);
  return c?.members.find((m) => m.role === "leader" && m.state === "running")?.name;
}

function allStreaming(c: ClusterJson, count: number): boolean {
  const replicas = c.members.filter((m) => m.role !== "leader");
  return (
    c.members.length === count &&
    c.members.some((m) => m.role === "leader" && m.state === "running") &&
    replicas.every((m) => (m.state === "running" || m.state === "streaming") && typeof m.lag === "number")
  );
}

/** A postmaster whose Patroni is gone (killed) is stopped by its own PID. */
async function killLeftoverPostmaster(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).split("\n")[0]);
  if (!pid || !alive(pid)) return;
  process.kill(pid, "SIGQUIT");
  await waitFor(async () => !alive(pid), `postmaster ${pid} to exit`, 15_000).catch(() =>
    process.kill(pid, "SIGKILL"),
  );
}

function waitFor(cond: () => Promise<unknown>, what: string, timeoutMs = 60_000): Promise<unknown> {
  return until(cond, what, timeoutMs, 250);
}
