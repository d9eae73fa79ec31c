import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Profile } from "../../../src/shared/contract/profiles";
import type { TestApp } from "../../harness/app";
import type { TestServer } from "../../harness/pg-servers";
import { until } from "../../harness/until";
import type { BlackHole } from "../../harness-extra/black-hole";
import type { PatroniCluster } from "../../harness-extra/patroni-cluster";
import type { RunningPgBouncer } from "../../harness-extra/pgbouncer";

export interface FleetTargets {
  byName(name: string): Profile;
  /** The profile whose threshold makes a held-open transaction fail its check. */
  longTransactionProfile: string;
  /** Counts sessions with this application_name on every server, in parallel, until stopped. */
  sampleActivity(applicationName: string, onCount: (n: number) => void): { stop(): Promise<void> };
  close(): Promise<void>;
}

interface Server {
  host: string;
  port: number;
  user: string;
  password: string;
}

const uri = (s: Server, database: string, password = s.password) =>
  `postgresql://${encodeURIComponent(s.user)}:${encodeURIComponent(password)}@${s.host}:${s.port}/${database}`;

/**
 * 120 profiles, imported the way a user would (a URI list, and Patroni discovery):
 * 40 on the 15.x server and 40 on the 18.x server (three databases each), 20 on the
 * Patroni members directly, the 4 discovered cluster profiles, one PgBouncer console,
 * 10 on a black-holed port and 5 with a wrong password.
 */
export async function fleetTargets(
  app: TestApp,
  env: { cluster: PatroniCluster; hole: BlackHole; bouncer: RunningPgBouncer; servers: TestServer[] },
): Promise<FleetTargets> {
  const suffix = randomBytes(4).toString("hex");
  const created: Array<{ server: Server; name: string }> = [];
  const lines: string[] = [];
  for (const s of env.servers) {
    const names = [0, 1, 2].map((i) => `fleet_${suffix}_${i}`);
    await admin(s, async (c) => {
      for (const n of names) await c.query(`CREATE DATABASE "${n}"`);
    });
    created.push(...names.map((name) => ({ server: s, name })));
    for (let i = 1; i <= 40; i++)
      lines.push(
        `pg${s.major}-db${(i - 1) % 3}-${String(i).padStart(2, "0")} ${uri(s, names[(i - 1) % 3]!)}`,
      );
  }
  const members = env.cluster.members.map((m) => ({
    host: "127.0.0.1",
    port: m.pgPort,
    ...env.cluster.superuser,
  }));
  for (let i = 1; i <= 20; i++)
    lines.push(`member-${String(i).padStart(2, "0")} ${uri(members[i % 3]!, "postgres")}`);
  const b = env.bouncer;
  lines.push(
    `bouncer postgresql://${b.admin.user}:${b.admin.password}@${b.host}:${b.port}/pgbouncer?sslmode=disable`,
  );
  const pg15 = env.servers.find((s) => s.major === 15)!;
  for (let i = 1; i <= 10; i++)
    lines.push(
      `black-hole-${String(i).padStart(2, "0")} ${uri({ ...pg15, port: env.hole.port }, "postgres")}`,
    );
  for (let i = 1; i <= 5; i++)
    lines.push(
      `wrong-password-${String(i).padStart(2, "0")} ${uri(pg15, created[0]!.name, "not-the-password")}`,
    );
  const imported = await app.call("inventory:import", {
    source: "uriList",
    text: lines.join("\n"),
    group: "fleet",
  });
  if (imported.skipped.length) throw new Error(`import skipped ${JSON.stringify(imported.skipped)}`);
  await app.call("cluster:discover", {
    apiUrl: env.cluster.members[1]!.apiUrl,
    user: env.cluster.superuser.user,
    password: env.cluster.superuser.password,
    name: "fleet-ha",
  });
  const profiles = await app.call("profiles:list", {});
  const byName = (name: string) => {
    const p = profiles.find((x) => x.name === name);
    if (!p) throw new Error(`no profile ${name}`);
    return p;
  };
  const longTransactionProfile = "pg15-db2-03";
  await app.call("health:setThresholds", {
    profileId: byName(longTransactionProfile).id,
    thresholds: { longRunningSec: 1 },
  });
  const holder = await holdTransaction(pg15, created[0]!.name);
  const samplers = await Promise.all([...env.servers, ...members].map((s) => connect(s, "postgres")));
  return {
    byName,
    longTransactionProfile,
    sampleActivity: (applicationName, onCount) => sample(samplers, applicationName, onCount),
    close: async () => {
      await holder.end();
      await Promise.all(samplers.map((c) => c.end()));
      for (const c of created)
        await admin(c.server, (a) => a.query(`DROP DATABASE IF EXISTS "${c.name}" WITH (FORCE)`));
    },
  };
}

/** A transaction left open (as an idle-in-transaction session would), at least 1.5 s old when this returns. */
async function holdTransaction(s: Server, database: string): Promise<pg.Client> {
  const c = await connect(s, database);
  await c.query("BEGIN");
  const { rows } = await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid, txid_current()");
  await admin(s, (watcher) =>
    until(async () => {
      const r = await watcher.query<{ age: number }>(
        "SELECT extract(epoch FROM clock_timestamp() - xact_start)::float8 AS age FROM pg_stat_activity WHERE pid = $1",
        [rows[0]!.pid],
      );
      return (r.rows[0]?.age ?? 0) >= 1.5;
    }, "the open transaction to be 1.5 s old"),
  );
  return c;
}

function sample(
  clients: pg.Client[],
  applicationName: string,
  onCount: (n: number) => void,
): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const counts = await Promise.all(
        clients.map((c) =>
          c
            .query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
              [applicationName],
            )
            .then((r) => r.rows[0]!.n),
        ),
      );
      onCount(counts.reduce((a, b) => a + b, 0));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

async function connect(s: Server, database: string): Promise<pg.Client> {
  const c = new pg.Client({ host: s.host, port: s.port, user: s.user, password: s.password, database });
  c.on("error", () => undefined);
  await c.connect();
  return c;
}

async function admin<T>(s: Server, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = await connect(s, "postgres");
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}
