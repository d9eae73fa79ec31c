// bench schema: introspect an N-table database (columns, indexes, FKs) through the service vs
// running the same bare catalog queries in psql; the whole-database DDL script (indexes,
// constraints, grants) vs pg_dump --schema-only of the same database; and the ELK layout
// time of a 500-table ER diagram.
// Default 10,000 tables (--scale=N); each table references t_(i/7), a wide FK tree.
import { spawnSync } from "node:child_process";
import ELK from "elkjs/lib/elk.bundled.js";
import { introspect } from "../../src/main/features/schema/catalog.introspect";
import { databaseScript } from "../../src/main/features/schema/dump/script";
import { allCatalogQueries } from "../../src/main/features/schema/catalog.sql";
import { buildErGraph } from "../../src/renderer/src/features/schema/er/er-graph";
import { layoutEr, type ElkLike } from "../../src/renderer/src/features/schema/er/er-layout";
import { alternate, benchScenario, median, psql, report, scaleArg, time } from "./support";

const tables = scaleArg(10_000);
const runs = 7;
const name = "bench_schema";
// the app's pool shape: 3 connections, as ConnectionManager gives every profile
const { server, setup: admin, pool, close } = await benchScenario(name);
try {
  console.log(`creating ${tables} tables…`);
  await admin.query(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bench_reader') THEN CREATE ROLE bench_reader; END IF;
  END $$`);
  // Batches keep each transaction's lock count under max_locks_per_transaction.
  for (let from = 1; from <= tables; from += 500) {
    await admin.query(`
      DO $$
      BEGIN
        FOR i IN ${from}..${Math.min(from + 499, tables)} LOOP
          EXECUTE format('CREATE TABLE %I (id bigint PRIMARY KEY, parent_id bigint %s, name text NOT NULL, amount numeric(12,2) DEFAULT 0,
                          created_at timestamptz NOT NULL DEFAULT now(), "deletedAt" timestamptz, payload jsonb)',
                         't_' || i, CASE WHEN i > 1 THEN format('REFERENCES %I (id) ON DELETE CASCADE', 't_' || greatest(1, i / 7)) ELSE '' END);
          EXECUTE format('CREATE INDEX %I ON %I (name)', 't_' || i || '_name', 't_' || i);
          EXECUTE format('CREATE INDEX %I ON %I (parent_id)', 't_' || i || '_parent', 't_' || i);
          EXECUTE format('GRANT SELECT, INSERT ON %I TO bench_reader', 't_' || i);
        END LOOP;
      END $$`);
  }
  await admin.query("ANALYZE");

  const script = allCatalogQueries.map((q) => `${q.trim()};`).join("\n");
  let model = await introspect(pool);
  const m = await alternate(
    runs,
    async () => (model = await introspect(pool)),
    async () => psql(server, name, ["-A", "-t", "-c", script]),
  );
  console.log(
    `model: ${model.relations.length} relations, ${model.constraints.length} constraints, ${model.indexes.length} indexes, ${JSON.stringify(model).length} bytes as JSON`,
  );
  report(`schema/introspect-${tables}`, median(m.app), median(m.baseline), "ms", "<= 1.3", runs);

  // pg_dump --schema-only writes to stdout, as the app's script is returned whole
  const pgDump = () => {
    const r = spawnSync("pg_dump", ["--schema-only", "-d", name], {
      env: server.env,
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) throw new Error(`pg_dump failed: ${r.stderr}`);
    return r.stdout;
  };
  let entries = 0;
  const d = await alternate(
    5,
    async () => (entries = (await databaseScript(pool, { owners: true, grants: true })).entries.length),
    async () => pgDump(),
  );
  console.log(`script: ${entries} entries in dependency order`);
  report(`schema/script-${tables}`, median(d.app), median(d.baseline), "ms", "<= 1.0", 5);

  const subset = { ...model, relations: model.relations.filter((r) => Number(r.name.slice(2)) <= 500) };
  const graph = buildErGraph(subset, {});
  const elk = new ELK() as unknown as ElkLike;
  await layoutEr(elk, graph);
  const layouts: number[] = [];
  for (let i = 0; i < 3; i++) layouts.push(await time(() => layoutEr(elk, graph)));
  console.log(
    `bench schema/er-layout-${graph.nodes.length}: app ${Math.round(median(layouts))} ms, ${graph.edges.length} edges, runs ${layouts.length}`,
  );
} finally {
  await close();
}
