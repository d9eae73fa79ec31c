// bench query: stream a rows x 10-column mixed result through the query service (registry,
// session, pg-cursor batches, packing) into the renderer's batch decoder, vs psql's
// `\copy (query) to /dev/null`. Default 1,000,000 rows (--scale=N). Also peak RSS.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppContext } from "../../src/main/app-context";
import { KeyFileSecretStore } from "../../src/main/features/profiles/secret-store";
import { dispatch } from "../../src/main/ipc/dispatch";
import type { Emit } from "../../src/main/features/handler-types";
import { registry } from "../../src/main/ipc/registry";
import { createMemoryLogger } from "../../src/main/logger";
import type { PayloadOf } from "../../src/shared/contract";
import { ResultData } from "../../src/shared/query/result-data";
import { alternate, benchDatabase, benchServer, median, psql, report, scaleArg } from "./support";

const rows = scaleArg(1_000_000);
const runs = 5;
const server = await benchServer();
const database = "bench_query";
const pool = await benchDatabase(server, database);
const dataDir = await mkdtemp(join(tmpdir(), "pgdesk-bench-query-"));
let decoded = 0;
let peakRss = 0;
let sample = 0;
const emit: Emit = (event, payload) => {
  if (event !== "query:didReceiveRows") return;
  const p = payload as PayloadOf<"query:didReceiveRows">;
  // what the renderer does with each batch; kept only for the length of one batch here
  const data = new ResultData(new Array(p.batch.columnCount).fill({ name: "", typeOid: 0, typeName: "" }));
  data.append(p.batch);
  decoded += data.rowCount;
  if (++sample % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const ctx = createAppContext({
  host: "web",
  version: "bench",
  dataDir,
  log: createMemoryLogger(),
  secrets: new KeyFileSecretStore(join(dataDir, "k")),
  emit,
});
// the hosts open the store at start; a run reads the profile's safeguards from it
await ctx.store();
const call = async <T>(channel: string, input: unknown): Promise<T> => {
  const r = await dispatch(registry, { ...ctx, signal: new AbortController().signal }, channel, input, {
    validateOutput: false,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
};
try {
  console.log(`building bench_rows with ${rows} rows x 10 columns…`);
  await pool.query(
    `
    CREATE TABLE bench_rows AS
    SELECT g AS id, g * 1000000007::bigint AS big, (g / 7.0)::numeric(20,6) AS ratio, md5(g::text) AS label,
           timestamptz '2025-01-01 00:00:00+00' + g * interval '1 second' AS at, (g % 3 = 0) AS flag,
           CASE WHEN g % 5 = 0 THEN NULL ELSE 'note ' || g END AS note, (g % 1000) / 3.0::float8 AS score,
           jsonb_build_object('g', g, 'k', 'v') AS doc, date '2020-01-01' + (g % 3650) AS day
    FROM generate_series(1, $1) g`,
    [rows],
  );
  await pool.query("VACUUM ANALYZE bench_rows");
  const sql = "SELECT * FROM bench_rows";
  const profile = await call<{ id: string }>("profiles:save", {
    draft: {
      name: "bench",
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database,
    },
  });
  const { sessionId } = await call<{ sessionId: string }>("query:openSession", { profileId: profile.id });
  let run = 0;
  const before = process.memoryUsage().rss;
  const m = await alternate(
    runs,
    async () => {
      decoded = 0;
      await call("query:run", { sessionId, runId: `r${++run}`, sql, rowCap: null });
      if (decoded !== rows) throw new Error(`decoded ${decoded} rows, expected ${rows}`);
    },
    async () => {
      psql(server, database, ["-c", `\\copy (${sql}) to /dev/null`]);
    },
  );
  const toRate = (ms: number) => rows / (ms / 1000);
  // psql's own peak memory for the same copy, as a reference for the RSS line
  const timed = spawnSync(
    "/usr/bin/time",
    ["-f", "%M", "psql", "-X", "-q", "-d", database, "-c", `\\copy (${sql}) to /dev/null`],
    { env: server.env, encoding: "utf8" },
  );
  const psqlKb = Number(timed.stderr.trim().split("\n").pop());
  report(
    `query/stream-${rows === 1_000_000 ? "1m" : rows}`,
    toRate(median(m.app)),
    toRate(median(m.baseline)),
    "rows/s",
    ">= 0.5",
    runs,
  );
  console.log(
    `(app process RSS before streaming ${Math.round(before / 1048576)} MB; peak RSS is the whole Node process, main side only)`,
  );
  report(
    `query/stream-${rows === 1_000_000 ? "1m" : rows}-rss`,
    peakRss / 1048576,
    psqlKb / 1024,
    "MB",
    "bounded (not growing with rows)",
    runs,
  );
} finally {
  await ctx.shutdown();
  await pool.end();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
