// `npm run sandbox:cluster`: a throwaway high-availability sandbox on this machine to try the
// Clusters, Fleet and Pooler pages: one etcd, three Patroni members of Debian's PostgreSQL 15
// and PgBouncer in front of the leader, on free loopback ports in a temp folder. Needs the
// Debian packages patroni, etcd-server, postgresql-15 and pgbouncer; as root, the servers run
// as the postgres user. Ctrl-C stops everything (by PID) and removes the folder.
import { startPatroniCluster } from "../test/harness-extra/patroni-cluster";
import { startPgBouncer } from "../test/harness-extra/pgbouncer";

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
const cluster = await startPatroniCluster({ log });
const leader = cluster.members.find((m) => m.name === "m1")!;
const su = cluster.superuser;
const bouncer = await startPgBouncer({
  backend: { host: "127.0.0.1", port: leader.pgPort },
  users: [{ user: su.user, password: su.password }],
  databases: { appdb: { dbname: "postgres", poolSize: 5 } },
});
const uri = (port: number, db: string, user = su.user, pw = su.password) =>
  `postgresql://${user}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${db}?sslmode=disable`;

console.log(`
Sandbox ready (${cluster.root}).

Clusters page → Discover…
  Patroni REST address  ${cluster.members[1]!.apiUrl}
  PostgreSQL user       ${su.user}
  password              ${su.password}

Fleet page → Import… (libpq URI list), one line each:
${cluster.members.map((m) => `  ${m.name} ${uri(m.pgPort, "postgres")}`).join("\n")}
  bouncer ${uri(bouncer.port, "pgbouncer", bouncer.admin.user, bouncer.admin.password)}

PgBouncer pools "appdb" (pool of 5) on the leader: ${uri(bouncer.port, "appdb")}

Try: a switchover from the Clusters page, or kill -9 the leader's postmaster
(head -1 ${leader.dataDir}/postmaster.pid) and watch the page elect a new one.
Ctrl-C stops the sandbox.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  log("stopping");
  await bouncer.stop();
  await cluster.stop();
  log("stopped");
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
