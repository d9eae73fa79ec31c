/**
 * Statements that between them make the planner produce every node type it has, with
 * the properties each one prints. `set` runs as SET LOCAL before the EXPLAIN, `before`
 * runs inside the same transaction first; every run is rolled back.
 */
export interface CorpusStatement {
  name: string;
  sql: string;
  set?: Record<string, string>;
  before?: string[];
  minMajor?: number;
  maxMajor?: number;
  /** The EXPLAIN runs inside a trigger, on its transition table (Named Tuplestore Scan). */
  inTrigger?: boolean;
  /** EXPLAIN EXECUTE of this prepared statement (PREPARE runs first, DEALLOCATE after). */
  prepare?: { name: string; sql: string };
}

const noHashMerge = { enable_hashjoin: "off", enable_mergejoin: "off" };
const parallel = {
  parallel_setup_cost: "0",
  parallel_tuple_cost: "0",
  min_parallel_table_scan_size: "0",
  min_parallel_index_scan_size: "0",
  max_parallel_workers_per_gather: "2",
};

export const catalogue: CorpusStatement[] = [
  // scans
  { name: "seq-filter", sql: "SELECT id, note FROM t WHERE v = 3 AND note LIKE '%7'" },
  { name: "index-scan", sql: "SELECT * FROM t WHERE id = 42" },
  { name: "index-backward-limit", sql: "SELECT id, k FROM t ORDER BY id DESC LIMIT 5" },
  {
    name: "index-only-heap-fetches",
    sql: "SELECT k, v FROM t WHERE k BETWEEN 10 AND 12",
    set: { enable_bitmapscan: "off" },
  },
  { name: "index-knn", sql: "SELECT id FROM t ORDER BY p <-> point(1, 1) LIMIT 3" },
  {
    name: "bitmap-or",
    sql: "SELECT count(*) FROM t WHERE (k = 5 OR v = 6) AND id < 5000",
    set: { enable_seqscan: "off" },
  },
  {
    name: "bitmap-and",
    sql: "SELECT count(*) FROM t WHERE k = 5 AND v = 3",
    set: { enable_indexscan: "off", enable_seqscan: "off" },
    before: ["DROP INDEX t_k_v"],
  },
  {
    name: "bitmap-lossy",
    sql: "SELECT count(note) FROM t WHERE v = 1",
    set: { work_mem: "64kB", enable_seqscan: "off", enable_indexscan: "off" },
  },
  { name: "tid-scan", sql: "SELECT * FROM t WHERE ctid = '(0,1)' OR ctid = '(1,2)'" },
  { name: "tid-range-scan", sql: "SELECT count(*) FROM t WHERE ctid < '(5,0)'" },
  { name: "sample-bernoulli", sql: "SELECT count(*) FROM t TABLESAMPLE BERNOULLI (10) REPEATABLE (42)" },
  { name: "sample-system-rows", sql: "SELECT id FROM t TABLESAMPLE system_rows (20)" },
  { name: "function-scan", sql: "SELECT * FROM generate_series(1, 10) g WHERE g % 2 = 0" },
  {
    name: "function-rows-from",
    sql: "SELECT * FROM ROWS FROM (generate_series(1, 3), unnest(ARRAY['a', 'b'])) WITH ORDINALITY AS f (a, b, n)",
  },
  {
    name: "table-function-xml",
    sql: `SELECT * FROM XMLTABLE('/r/x' PASSING xml '<r><x a="1"/><x a="2"/></r>' COLUMNS a int PATH '@a') x WHERE a > 0`,
  },
  {
    name: "table-function-json",
    sql: `SELECT * FROM JSON_TABLE(jsonb '[{"a":1},{"a":2}]', '$[*]' COLUMNS (a int PATH '$.a')) j`,
    minMajor: 17,
  },
  { name: "values-scan", sql: "SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) v (n, s) WHERE n > 1" },
  {
    name: "cte-scan",
    sql: "WITH w AS MATERIALIZED (SELECT k, count(*) n FROM t GROUP BY k) SELECT * FROM w a JOIN w b ON a.k = b.k + 1",
  },
  {
    name: "recursive-union",
    sql: "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 100) SELECT sum(n) FROM r",
  },
  {
    name: "subquery-scan",
    sql: "SELECT * FROM (SELECT DISTINCT ON (k) k, id FROM t ORDER BY k, id DESC) s WHERE s.id % 2 = 0",
  },
  { name: "initplan", sql: "SELECT id, note FROM t WHERE id = (SELECT max(id) FROM t)" },
  {
    name: "initplan-row",
    sql: "SELECT count(*) FROM t WHERE (k, v) = (SELECT k, v FROM t WHERE id = 5) AND id > (SELECT min(id) FROM c)",
  },
  {
    name: "subplan-correlated",
    sql: "SELECT c.id, (SELECT count(*) FROM child ch WHERE ch.c_id = c.id) FROM c WHERE c.id < 40",
  },
  { name: "subplan-hashed", sql: "SELECT count(*) FROM t WHERE id NOT IN (SELECT c_id FROM child)" },
  {
    name: "semi-join-exists",
    sql: "SELECT * FROM c WHERE EXISTS (SELECT 1 FROM child WHERE child.c_id = c.id AND child.id % 7 = 0)",
  },
  {
    name: "anti-join",
    sql: "SELECT * FROM c WHERE NOT EXISTS (SELECT 1 FROM child WHERE child.c_id = c.id AND child.id > 2990)",
  },
  {
    name: "right-anti-join",
    sql: "SELECT count(*) FROM t WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.id = t.k)",
    minMajor: 16,
  },
  {
    name: "right-semi-join",
    sql: "SELECT count(*) FROM c WHERE c.id IN (SELECT k FROM t WHERE v = 2)",
    set: { enable_hashagg: "off", enable_sort: "off", enable_nestloop: "off" },
    minMajor: 18,
  },
  { name: "hash-join", sql: "SELECT c.name, t.note FROM t JOIN c ON c.id = t.k WHERE t.v = 2" },
  {
    name: "hash-join-spill",
    sql: "SELECT count(*) FROM t JOIN child ON child.id = t.id",
    set: { work_mem: "64kB", enable_mergejoin: "off" },
  },
  {
    name: "hash-buckets-grow",
    sql: "SELECT count(*) FROM t JOIN unnest(ARRAY(SELECT g FROM generate_series(1, 5000) g)) u (x) ON u.x = t.id",
    set: { enable_mergejoin: "off", enable_nestloop: "off" },
  },
  {
    name: "merge-join",
    sql: "SELECT t.id, child.note FROM t JOIN child ON child.id = t.id ORDER BY t.id",
    set: { enable_hashjoin: "off" },
  },
  {
    name: "merge-full-join",
    sql: "SELECT count(*) FROM c FULL JOIN child ON child.c_id = c.id",
    set: { enable_hashjoin: "off" },
  },
  {
    name: "hash-left-join",
    sql: "SELECT c.id, child.id FROM c LEFT JOIN child ON child.c_id = c.id AND child.id < 10",
  },
  { name: "hash-right-join", sql: "SELECT count(*) FROM child RIGHT JOIN t ON t.id = child.id" },
  {
    name: "nested-loop-index",
    sql: "SELECT c.name, t.id FROM c JOIN t ON t.k = c.id WHERE c.grp = 3 AND t.v = 1",
    set: noHashMerge,
  },
  {
    name: "nested-loop-join-filter",
    sql: "SELECT count(*) FROM c a JOIN c b ON a.id < b.id AND a.grp = b.grp",
  },
  {
    name: "memoize",
    sql: "SELECT count(*) FROM child ch JOIN c ON c.id = ch.c_id",
    set: noHashMerge,
  },
  {
    name: "materialize",
    sql: "SELECT count(*) FROM c a JOIN child b ON b.note = a.name || 'x'",
    set: { ...noHashMerge, enable_memoize: "off" },
  },
  {
    name: "nested-loop-semi",
    sql: "SELECT * FROM c WHERE EXISTS (SELECT 1 FROM t WHERE t.id = c.id * 100)",
    set: noHashMerge,
  },
  {
    name: "nested-loop-anti-left",
    sql: "SELECT c.id, x.id FROM c LEFT JOIN t x ON x.id = c.id WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.id = c.id * 300)",
    set: noHashMerge,
  },
  {
    name: "merge-left-anti",
    sql: "SELECT c.id, child.id FROM c LEFT JOIN child ON child.id = c.id WHERE NOT EXISTS (SELECT 1 FROM child x WHERE x.id = c.id + 1000)",
    set: { enable_hashjoin: "off", enable_nestloop: "off" },
  },
  {
    name: "merge-semi",
    sql: "SELECT count(*) FROM c WHERE EXISTS (SELECT 1 FROM child WHERE child.id = c.id)",
    set: { enable_hashjoin: "off", enable_nestloop: "off" },
  },
  {
    name: "hash-full-join",
    sql: "SELECT count(*) FROM c FULL JOIN child ON child.c_id = c.id",
    set: { enable_mergejoin: "off" },
  },
  // aggregates, windows, set operations
  { name: "agg-plain", sql: "SELECT count(*), sum(v) FILTER (WHERE k > 10) FROM t" },
  {
    name: "agg-sorted",
    sql: "SELECT k, count(*) FROM t GROUP BY k ORDER BY k",
    set: { enable_hashagg: "off" },
  },
  { name: "agg-hashed", sql: "SELECT v, count(*) FROM t GROUP BY v HAVING count(*) > 1" },
  {
    name: "agg-hash-spill",
    sql: "SELECT id % 5000, count(*) FROM t GROUP BY 1",
    set: { work_mem: "64kB" },
  },
  {
    name: "agg-hashed-grouping-sets",
    sql: "SELECT k, v, created, count(*) FROM t GROUP BY GROUPING SETS ((k), (v), (created))",
  },
  {
    name: "agg-mixed-grouping-sets",
    sql: "SELECT k, v, count(*) FROM t GROUP BY GROUPING SETS ((k), (v), ())",
  },
  {
    name: "agg-rollup-sorted",
    sql: "SELECT k, v, count(*) FROM t WHERE k < 5 GROUP BY ROLLUP (k, v), ROLLUP (v)",
    set: { enable_hashagg: "off" },
  },
  { name: "group-node", sql: "SELECT k FROM t GROUP BY k", set: { enable_hashagg: "off" } },
  {
    name: "window",
    sql: "SELECT id, row_number() OVER (PARTITION BY k ORDER BY id), sum(v) OVER w FROM t WHERE k < 3 WINDOW w AS (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)",
  },
  {
    name: "window-run-condition",
    sql: "SELECT * FROM (SELECT id, row_number() OVER (ORDER BY id) rn FROM t) s WHERE rn <= 3",
  },
  { name: "unique", sql: "SELECT DISTINCT k FROM t ORDER BY k", set: { enable_hashagg: "off" } },
  { name: "setop-hashed", sql: "SELECT k FROM t INTERSECT SELECT grp FROM c" },
  {
    name: "setop-sorted",
    sql: "SELECT k FROM t EXCEPT ALL SELECT grp FROM c",
    set: { enable_hashagg: "off" },
  },
  { name: "union", sql: "SELECT k FROM t WHERE id < 100 UNION SELECT id FROM c" },
  { name: "union-all", sql: "SELECT id FROM c UNION ALL SELECT id FROM child WHERE id < 10" },
  // partitions
  { name: "merge-append", sql: "SELECT * FROM parted ORDER BY id LIMIT 10", set: { enable_sort: "off" } },
  { name: "append-pruned", sql: "SELECT count(*) FROM parted WHERE k IN (1, 60)" },
  { name: "append-runtime-pruning", sql: "SELECT count(*) FROM parted WHERE k = (SELECT 5)" },
  {
    name: "append-subplans-removed",
    sql: "EXECUTE corpus_pruned(5)",
    prepare: {
      name: "corpus_pruned",
      sql: "PREPARE corpus_pruned (int) AS SELECT count(*) FROM parted WHERE k = $1",
    },
    set: { plan_cache_mode: "force_generic_plan" },
  },
  {
    name: "partitionwise",
    sql: "SELECT p.k, count(*) FROM parted p JOIN parted2 q ON q.k = p.k AND q.w = p.id GROUP BY p.k",
    set: { enable_partitionwise_join: "on", enable_partitionwise_aggregate: "on" },
  },
  // parallel
  { name: "parallel-agg", sql: "SELECT count(*), avg(v) FROM t WHERE note <> 'x'", set: parallel },
  {
    name: "gather-merge-sort",
    sql: "SELECT id, note FROM t WHERE v < 3 ORDER BY note LIMIT 100",
    set: parallel,
  },
  {
    name: "parallel-hash-join",
    sql: "SELECT count(*) FROM t a JOIN t b ON b.id = a.id + 1",
    set: { ...parallel, enable_mergejoin: "off" },
  },
  {
    name: "parallel-index",
    sql: "SELECT count(*) FROM t WHERE id > 10",
    set: { ...parallel, enable_seqscan: "off", enable_bitmapscan: "off" },
  },
  {
    name: "parallel-bitmap",
    sql: "SELECT count(*) FROM t WHERE v = 4",
    set: { ...parallel, enable_seqscan: "off", enable_indexscan: "off" },
  },
  { name: "parallel-append", sql: "SELECT count(*) FROM parted WHERE id % 3 = 0", set: parallel },
  {
    name: "parallel-hashagg",
    sql: "SELECT k, count(*) FROM t GROUP BY k",
    set: { ...parallel, enable_sort: "off" },
  },
  {
    name: "parallel-memoize",
    sql: "SELECT count(*) FROM t JOIN c ON c.id = t.v + 1",
    set: { ...parallel, ...noHashMerge },
  },
  {
    name: "parallel-incremental-sort",
    sql: "SELECT k, note FROM t WHERE k < 50 ORDER BY k, note LIMIT 500",
    set: { ...parallel, enable_seqscan: "off", enable_bitmapscan: "off" },
  },
  {
    name: "single-copy",
    sql: "SELECT id FROM c WHERE id < 3",
    set: { debug_parallel_query: "on" },
    minMajor: 16,
  },
  {
    name: "single-copy-15",
    sql: "SELECT id FROM c WHERE id < 3",
    set: { force_parallel_mode: "on" },
    maxMajor: 15,
  },
  // sorts
  {
    name: "sort-external",
    sql: "SELECT id, note FROM t ORDER BY note DESC NULLS LAST, id",
    set: { work_mem: "64kB" },
  },
  { name: "sort-collate", sql: `SELECT name FROM c ORDER BY name COLLATE "C" DESC, grp USING >` },
  { name: "incremental-sort", sql: "SELECT k, note FROM t WHERE k < 90 ORDER BY k, note LIMIT 1500" },
  // misc
  { name: "lock-rows", sql: "SELECT * FROM c WHERE id < 5 FOR UPDATE" },
  { name: "project-set", sql: "SELECT id, generate_series(1, 3) FROM c WHERE id < 5" },
  { name: "result-one-time", sql: "SELECT id FROM c WHERE current_setting('search_path') = 'x'" },
  { name: "result", sql: "SELECT 1 AS one" },
  { name: "limit-early-stop", sql: "SELECT * FROM t WHERE note LIKE 'note 1%' LIMIT 3" },
  {
    name: "quoted-names-unicode",
    sql: `SELECT * FROM "My Schema"."we.ird ""t""" AS "a b" WHERE "Note" <> 'it''s, "quoted" ☃日本語' AND "col x" > 10`,
  },
  {
    name: "long-filter",
    sql: `SELECT id FROM t WHERE note IN (${Array.from({ length: 40 }, (_, i) => `'note ${i * 37}'`).join(", ")})`,
  },
  { name: "disabled-seq-scan", sql: "SELECT count(*) FROM audit_log", set: { enable_seqscan: "off" } },
  // writes (rolled back)
  {
    name: "insert-select-wal",
    sql: "INSERT INTO child SELECT 10000 + g, 1, 'n' FROM generate_series(1, 200) g",
  },
  { name: "insert-fk-trigger", sql: "INSERT INTO child VALUES (20001, 5, 'fk')" },
  { name: "insert-triggers", sql: "INSERT INTO trig VALUES (1000, 1), (1001, 2)" },
  { name: "update-triggers", sql: "UPDATE trig SET v = v + 1 WHERE id < 10" },
  {
    name: "on-conflict-nothing",
    sql: "INSERT INTO c VALUES (1, 'dup', 1), (500, 'new', 1) ON CONFLICT DO NOTHING",
  },
  {
    name: "on-conflict-update",
    sql: "INSERT INTO c AS x VALUES (1, 'dup', 1), (2, 'dup2', 9) ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE x.grp <> 2",
  },
  {
    name: "update-join",
    sql: "UPDATE t SET v = t.v + 1 FROM c WHERE c.id = t.k AND c.grp = 4 AND t.id < 500",
  },
  { name: "delete-returning", sql: "DELETE FROM child WHERE id > 2990 RETURNING id" },
  { name: "update-partitioned", sql: "UPDATE parted SET note = 'u' WHERE id % 1000 = 0" },
  {
    name: "merge",
    sql: "MERGE INTO trig USING (SELECT g AS id FROM generate_series(45, 55) g) s ON trig.id = s.id WHEN MATCHED AND trig.id = 45 THEN DELETE WHEN MATCHED THEN UPDATE SET v = 0 WHEN NOT MATCHED THEN INSERT VALUES (s.id, 0)",
  },
  {
    name: "merge-by-source",
    sql: "MERGE INTO trig USING (SELECT g AS id FROM generate_series(1, 5) g) s ON trig.id = s.id WHEN MATCHED THEN UPDATE SET v = 1 WHEN NOT MATCHED BY SOURCE AND trig.id > 48 THEN DELETE",
    minMajor: 17,
  },
  { name: "create-table-as", sql: "CREATE TABLE corpus_ctas AS SELECT k, count(*) FROM t GROUP BY k" },
  { name: "rule-two-plans", sql: "INSERT INTO ruled VALUES (1), (2)" },
  // foreign tables through postgres_fdw
  { name: "foreign-scan", sql: "SELECT id, note FROM ft_t WHERE k = 1 AND note <> 'x'" },
  {
    name: "foreign-join-pushdown",
    sql: "SELECT ft_t.id, ft_c.name FROM ft_t JOIN ft_c ON ft_c.id = ft_t.k WHERE ft_t.v = 1",
  },
  { name: "foreign-async-append", sql: "SELECT count(*) FROM fparted WHERE id % 10 = 0" },
  { name: "foreign-direct-update", sql: "UPDATE ft_sink SET v = v + 1 WHERE id < 100" },
  { name: "foreign-insert-batch", sql: "INSERT INTO ft_sink SELECT id, v FROM t WHERE id < 25" },
  {
    name: "foreign-delete-local-join",
    sql: "DELETE FROM ft_sink USING c WHERE ft_sink.id = c.id AND c.grp = 3",
  },
  // local and temp buffers
  {
    name: "temp-table-local-buffers",
    sql: "SELECT count(*) FROM corpus_tmp WHERE x % 2 = 0",
    before: ["CREATE TEMP TABLE corpus_tmp ON COMMIT DROP AS SELECT g AS x FROM generate_series(1, 5000) g"],
  },
  {
    name: "temp-io-timing",
    sql: "SELECT id, note FROM t ORDER BY note, id",
    set: { work_mem: "64kB", track_io_timing: "on" },
  },
  {
    name: "shared-read-io-timing",
    sql: "SELECT count(*) FROM child",
    before: [
      "CREATE EXTENSION IF NOT EXISTS pg_buffercache",
      "SELECT pg_buffercache_evict_relation('child')",
    ],
    set: { track_io_timing: "on" },
    minMajor: 18,
  },
  // inside a trigger, on its transition table
  {
    name: "named-tuplestore",
    sql: "INSERT INTO tstore SELECT g, g % 4 FROM generate_series(1, 40) g",
    inTrigger: true,
  },
];

/** JIT for every query; inlining and optimization (slow to compile) only where asked. */
const jit = { jit: "on", jit_above_cost: "0", jit_inline_above_cost: "-1", jit_optimize_above_cost: "-1" };
const jitAll = { ...jit, jit_inline_above_cost: "0", jit_optimize_above_cost: "0" };

/** Run on Debian's PostgreSQL 15, the one server here built with LLVM: JIT forced on for every query. */
export const jitCatalogue: CorpusStatement[] = [
  {
    name: "jit-aggregate",
    sql: "SELECT sum(v), avg(k), count(*) FILTER (WHERE note LIKE '%1') FROM t",
    set: jitAll,
  },
  {
    name: "jit-parallel-workers",
    sql: "SELECT k, sum(v * 2 + k) FROM t WHERE note <> 'x' GROUP BY k",
    set: { ...jit, ...parallel },
  },
  {
    name: "jit-hash-join",
    sql: "SELECT c.grp, sum(t.v) FROM t JOIN c ON c.id = t.k GROUP BY c.grp",
    set: jit,
  },
  { name: "jit-triggers", sql: "INSERT INTO trig SELECT 2000 + g, g FROM generate_series(1, 5) g", set: jit },
];
