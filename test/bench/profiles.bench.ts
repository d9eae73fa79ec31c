// Connection handling: what pgdesk adds on top of bare node-postgres.
// connect: profiles:test through the registry (secret opened, TLS plan, pgpass, version query)
//          vs a bare pg.Client connect + the same query + end.
// multi-host-connect: the same with a down first host and target_session_attrs=read-write,
//          vs trying the down host, then connect + the read-only check + the query by hand.
// pooled:  N x ctx.db.query("SELECT 1") on a profile's pool vs N x pool.query on a bare pg.Pool.
import pg from "pg";
import { closedPort } from "../harness/ports";
import { createTestApp } from "../harness/app";
import { alternate, benchDatabase, benchServer, median, report, scaleArg } from "./support";

const queries = scaleArg(2000);
const runs = 7;
const server = await benchServer();
const bare = await benchDatabase(server, "bench_profiles");
// pool.end() resolves before its sockets close; the server stopping right after must not crash the run
bare.on("error", (err) => void err);
const app = await createTestApp();
try {
  const conn = {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: "bench_profiles",
  };
  const saved = await app.call("profiles:save", { draft: { name: "bench", ...conn, sslmode: "disable" } });

  const connect = await alternate(
    runs,
    () => app.call("profiles:test", { id: saved.id }),
    async () => {
      const c = new pg.Client(conn);
      await c.connect();
      await c.query(
        "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num",
      );
      await c.end();
    },
  );
  report("profiles/connect", median(connect.app), median(connect.baseline), "ms", "<= 1.5", runs);

  // multi-host: a down first host, then read-write on the second, vs the same steps by hand with pg
  const down = await closedPort();
  const multi = await app.call("profiles:save", {
    draft: {
      name: "bench multi",
      ...conn,
      port: down,
      additionalHosts: [{ host: server.host, port: server.port }],
      targetSessionAttrs: "read-write",
      sslmode: "disable",
    },
  });
  const failover = await alternate(
    runs,
    () => app.call("profiles:test", { id: multi.id }),
    async () => {
      const first = new pg.Client({ ...conn, port: down });
      await first.connect().then(
        () => first.end(),
        () => first.end().catch(() => undefined),
      );
      const c = new pg.Client(conn);
      await c.connect();
      await c.query(
        "SELECT pg_catalog.pg_is_in_recovery() AS recovery, pg_catalog.current_setting('transaction_read_only') AS read_only",
      );
      await c.query(
        "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num",
      );
      await c.end();
    },
  );
  report(
    "profiles/multi-host-connect",
    median(failover.app),
    median(failover.baseline),
    "ms",
    "<= 1.5",
    runs,
  );

  const pooled = await alternate(
    runs,
    async () => {
      for (let i = 0; i < queries; i++) await app.ctx.db.query(saved.id, "SELECT 1");
    },
    async () => {
      for (let i = 0; i < queries; i++) await bare.query("SELECT 1");
    },
  );
  const rate = (ms: number) => (queries / ms) * 1000;
  report(
    `profiles/pooled-${queries}`,
    rate(median(pooled.app)),
    rate(median(pooled.baseline)),
    "queries/s",
    ">= 0.8",
    runs,
  );
} finally {
  await app.close();
  await bare.end();
  await server.stop();
}
