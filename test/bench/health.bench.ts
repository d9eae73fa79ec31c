// bench health: the full health report through the service (checks concurrent on a pool of 3,
// each in a timed READ ONLY transaction) vs the same statements run one after another by psql,
// on a database with 1,000 tables (--scale=N tables). Also prints the report's own server cost.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultHealthThresholds } from "../../src/shared/contract/health";
import { quoteLiteral } from "../../src/main/db/sql";
import { HealthMemory } from "../../src/main/features/health/health.memory";
import { buildHealthReport } from "../../src/main/features/health/health.service";
import { alternate, benchScenario, median, psql, report, scaleArg } from "./support";

const tables = scaleArg(1_000);
const runs = 7;
const { server, setup, pool, tmp, close } = await benchScenario("bench_health", "pgdesk");
const memory = new HealthMemory();
const run = (trace?: (text: string, values: unknown[]) => void) =>
  buildHealthReport({
    pool: async () => pool,
    thresholds: defaultHealthThresholds,
    memory,
    memoryKey: "bench",
    trace,
  });
try {
  console.log(`building ${tables} tables…`);
  await setup.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  for (let from = 0; from < tables; from += 200) {
    await setup.query(
      `DO $$ BEGIN
         FOR i IN ${from}..${Math.min(from + 200, tables) - 1} LOOP
           EXECUTE format('CREATE TABLE t%s (id serial PRIMARY KEY, v int NOT NULL, note text)', i);
           EXECUTE format('INSERT INTO t%s (v, note) SELECT g, md5(g::text) FROM generate_series(1, 20) g', i);
           EXECUTE format('UPDATE t%s SET v = v + 1 WHERE id <= 5', i);
         END LOOP;
       END $$`,
    );
  }
  await setup.query("ANALYZE");

  // the statements one report runs, with their parameters written in as literals for psql
  const statements: string[] = [];
  const first = await run((text, values) => {
    statements.push(
      text.replace(/\$(\d+)/g, (_, n: string) => {
        const v = values[Number(n) - 1];
        return typeof v === "number" ? String(v) : quoteLiteral(String(v));
      }),
    );
  });
  const errors = first.checks.filter((c) => c.status === "error").map((c) => `${c.id}: ${c.message}`);
  if (errors.length) throw new Error(`checks failed: ${errors.join("; ")}`);
  console.log(
    `report: ${first.checks.length} checks, status ${first.status}, ${statements.length} statements`,
  );
  for (const c of first.checks.filter((x) => x.status !== "pass"))
    console.log(`  ${c.id} ${c.status}: ${c.value}`);
  const baselineFile = join(tmp, "baseline.sql");
  writeFileSync(baselineFile, statements.map((s) => `${s};`).join("\n"));

  const m = await alternate(
    runs,
    () => run(),
    async () => psql(server, "bench_health", ["-A", "-t", "-o", "/dev/null", "-f", baselineFile]),
  );
  report(`health/report-${tables}`, median(m.app), median(m.baseline), "ms", "<= 1.0", runs);

  // the report's cost on the server: execution time of its own (marked) statements, per report
  await setup.query("SELECT pg_stat_statements_reset()");
  const reports = 3;
  for (let i = 0; i < reports; i++) await run();
  const cost = await setup.query<{ ms: number; calls: number }>(
    "SELECT coalesce(sum(total_exec_time), 0)::float8 AS ms, coalesce(sum(calls), 0)::float8 AS calls FROM pg_stat_statements WHERE query LIKE '/* pgdesk:health */%'",
  );
  const { ms, calls } = cost.rows[0]!;
  const heaviest = await setup.query<{ ms: number; q: string }>(
    "SELECT (total_exec_time / $1)::float8 AS ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q FROM pg_stat_statements WHERE query LIKE '/* pgdesk:health */%' ORDER BY total_exec_time DESC LIMIT 3",
    [reports],
  );
  for (const h of heaviest.rows) console.log(`  ${h.ms.toFixed(1)} ms  ${h.q}`);
  console.log(
    `bench health/server-cost-${tables}: ${(ms / reports).toFixed(1)} ms of statement execution per report (${calls / reports} statements), wall ${median(m.app).toFixed(1)} ms`,
  );
} finally {
  await close();
}
