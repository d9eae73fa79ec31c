// Fleet overview: one snapshot of N profiles (default 120, spread over six databases).
// app:      fleet:refresh through the registry, until every row has answered (bounded
//           concurrency, default 16 at once, one short-lived connection per probe).
// baseline: the same probe query for each profile, run one after another by psql.
// peak:     most fleet sessions seen at once in pg_stat_activity during the app's runs.
import pg from "pg";
import { fleetMonitor } from "../../src/main/features/fleet/fleet.handlers";
import { FLEET_APPLICATION_NAME } from "../../src/main/features/fleet/fleet.probe";
import { fleetProbe } from "../../src/main/features/fleet/fleet-probe.sql";
import { createTestApp } from "../harness/app";
import { alternate, benchDatabase, benchServer, median, psql, report, scaleArg } from "./support";

const profiles = scaleArg(120);
const runs = 5;
const server = await benchServer();
const databases = ["a", "b", "c", "d", "e", "f"].map((x) => `bench_fleet_${x}`);
const pools = await Promise.all(databases.map((d) => benchDatabase(server, d)));
await Promise.all(pools.map((p) => p.end()));
const app = await createTestApp();
const watcher = new pg.Client({ ...conn(), database: "postgres" });
await watcher.connect();
try {
  const lines = Array.from(
    { length: profiles },
    (_, i) =>
      `p${i} postgresql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/${databases[i % databases.length]}?sslmode=disable`,
  );
  const imported = await app.call("inventory:import", { source: "uriList", text: lines.join("\n") });
  if (imported.created.length !== profiles)
    throw new Error(`imported ${imported.created.length} of ${profiles}`);
  let peak = 0;
  const measured = await alternate(
    runs,
    async () => {
      const sampling = sample((n) => (peak = Math.max(peak, n)));
      await app.call("fleet:refresh", {});
      const done = await fleetMonitor(app.ctx).settled();
      await sampling.stop();
      if (done.counts.up !== profiles) throw new Error(`only ${done.counts.up} of ${profiles} answered`);
    },
    async () => {
      for (let i = 0; i < profiles; i++)
        psql(server, databases[i % databases.length]!, ["-At", "-c", fleetProbe]);
    },
  );
  report(`fleet/snapshot-${profiles}`, median(measured.app), median(measured.baseline), "ms", "<= 0.2", runs);
  const { concurrency } = await app.call("fleet:settings", {});
  console.log(
    `bench fleet/peak-connections-${profiles}: app ${peak} connections, baseline 1 connections, ratio ${peak.toFixed(2)}, target <= ${concurrency}, runs ${runs}`,
  );
} finally {
  await watcher.end();
  await app.close();
  await server.stop();
}

function conn() {
  return { host: server.host, port: server.port, user: server.user, password: server.password };
}

/** Counts fleet sessions in pg_stat_activity, over and over, until stopped. */
function sample(onCount: (n: number) => void): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await watcher.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
        [FLEET_APPLICATION_NAME],
      );
      onCount(rows[0]!.n);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
