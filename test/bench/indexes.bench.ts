// bench indexes: the full index report through the service vs its bare catalog queries run by psql,
// on a database with 10,000 indexes (--scale=N indexes; 4 per table: primary key + 3).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildIndexReport } from "../../src/main/features/indexes/indexes.service";
import {
  btreeBloatInputs,
  columnStats,
  columnWidths,
  indexContext,
  indexInventory15,
  tableBloatInputs,
  tableInventory,
  topStatements,
} from "../../src/main/features/indexes/indexes.sql";
import { alternate, benchScenario, median, psql, report, scaleArg } from "./support";

const indexes = scaleArg(10_000);
const tables = Math.max(1, Math.ceil(indexes / 4));
const runs = 5;
const { server, setup, pool, tmp, close } = await benchScenario("bench_indexes");
try {
  console.log(`building ${tables} tables with ${tables * 4} indexes…`);
  await setup.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  // Batches keep each transaction's lock count under max_locks_per_transaction.
  for (let from = 0; from < tables; from += 200) {
    await setup.query(
      `DO $$ BEGIN
         FOR i IN ${from}..${Math.min(from + 200, tables) - 1} LOOP
           EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL, c text)', i);
           EXECUTE format('INSERT INTO t%s SELECT g, g %% 7, g %% 13, md5(g::text) FROM generate_series(1, 20) g', i);
           EXECUTE format('CREATE INDEX t%s_a_idx ON t%s (a)', i, i);
           EXECUTE format('CREATE INDEX t%s_a_b_idx ON t%s (a, b)', i, i);
           EXECUTE format('CREATE INDEX t%s_c_idx ON t%s (c)', i, i);
         END LOOP;
       END $$`,
    );
  }
  await setup.query("ANALYZE");
  for (let i = 0; i < Math.min(tables, 50); i++) {
    await setup.query(`SELECT * FROM t${i} WHERE b = $1`, [i]);
    await setup.query(`SELECT * FROM t${i} WHERE c LIKE $1`, [`%${i}%`]);
  }
  const touched = (
    await setup.query<{ oid: string }>(
      "SELECT oid::int8::text AS oid FROM pg_class WHERE relname ~ '^t[0-9]+$' AND relname::text IN (SELECT 't' || g FROM generate_series(0, 49) g)",
    )
  ).rows.map((r) => r.oid);

  const baselineFile = join(tmp, "baseline.sql");
  const statements = [
    indexContext,
    indexInventory15,
    tableInventory,
    btreeBloatInputs,
    tableBloatInputs,
    columnWidths,
    topStatements,
    columnStats.replace("$1::oid[]", `'{${touched.join(",")}}'::oid[]`),
  ];
  writeFileSync(baselineFile, statements.map((s) => `${s};`).join("\n"));

  const check = await buildIndexReport(pool);
  console.log(
    `report: ${check.indexes.length} indexes, ${check.duplicates.length} duplicates, ${check.missing.suggestions.length} suggestions`,
  );

  const m = await alternate(
    runs,
    () => buildIndexReport(pool),
    async () => psql(server, "bench_indexes", ["-A", "-t", "-o", "/dev/null", "-f", baselineFile]),
  );
  report(`indexes/report-${check.indexes.length}`, median(m.app), median(m.baseline), "ms", "<= 1.3", runs);
} finally {
  await close();
}
