import { inUserSchema, isUserSchema, statementOfThisDatabase } from "../../db/catalog-fragments.sql";
import { sql, type Sql } from "../../db/sql";

/** Who we are talking to, how long statistics have been collecting, whether standbys exist. */
export const indexContext = sql`
  SELECT current_database() AS database,
         current_setting('block_size')::int AS block_size,
         (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset,
         (SELECT extract(epoch FROM now() - stats_reset)::float8 FROM pg_stat_database WHERE datname = current_database()) AS stats_age,
         (SELECT count(*) FROM pg_stat_replication)::int AS standbys`;

/** Every user index; `lastScan` is s.last_idx_scan where the server tracks it (16+). */
const inventory = (lastScan: Sql) => sql`
  SELECT i.indexrelid::int8 AS oid, i.indrelid::int8 AS table_oid,
         n.nspname AS schema, t.relname AS table, c.relname AS name,
         pg_get_indexdef(i.indexrelid) AS definition,
         am.amname AS method,
         i.indnkeyatts AS key_count,
         ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) AS k ORDER BY k) AS elements,
         ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS key_attnames,
         i.indkey::text AS indkey, i.indclass::text AS indclass, i.indcollation::text AS indcollation, i.indoption::text AS indoption,
         pg_get_expr(i.indexprs, i.indrelid) AS expressions,
         pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
         pg_relation_size(i.indexrelid)::float8 AS size_bytes,
         coalesce(s.idx_scan, 0)::float8 AS scans,
         coalesce(s.idx_tup_read, 0)::float8 AS tuples_read,
         coalesce(s.idx_tup_fetch, 0)::float8 AS tuples_fetched,
         ${lastScan} AS last_scan,
         i.indisunique AS is_unique, i.indisprimary AS is_primary,
         con.conname AS constraint_name, con.contype AS constraint_type,
         i.indisvalid AS valid, i.indisready AS ready, c.relkind = 'I' AS is_partitioned
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_am am ON am.oid = c.relam
  LEFT JOIN pg_stat_all_indexes s ON s.indexrelid = i.indexrelid
  LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
  WHERE t.relkind IN ('r', 'm', 'p') AND ${inUserSchema}`;

/** Every user index (PostgreSQL 15: no last_idx_scan). */
export const indexInventory15 = inventory(sql`NULL::timestamptz`);
/** Every user index (PostgreSQL 16+ tracks last_idx_scan). */
export const indexInventory16 = inventory(sql`s.last_idx_scan`);

/** Every user table with its scan counters (section 9's seq vs index scans). */
export const tableInventory = sql`
  SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name,
         coalesce(s.seq_scan, 0)::float8 AS seq_scans,
         coalesce(s.seq_tup_read, 0)::float8 AS seq_tup_read,
         coalesce(s.idx_scan, 0)::float8 AS idx_scans,
         coalesce(s.n_live_tup, 0)::float8 AS live_rows,
         pg_relation_size(c.oid)::float8 AS size_bytes,
         (SELECT count(*) FROM pg_index x WHERE x.indrelid = c.oid)::int AS index_count
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
  WHERE c.relkind IN ('r', 'm', 'p') AND ${inUserSchema}`;

/**
 * What the statistics-based btree bloat estimate (ioguix's btree_bloat.sql) needs, one
 * row per btree index: the relation and column whose pg_stats describe each index column
 * (the table's column, or the index's own for expressions). The estimate itself is
 * computed in bloat-estimate.ts: joining pg_stats by name inside one query lets the
 * planner pick nested loops that take minutes on thousands of indexes.
 */
export const btreeBloatInputs = sql`
  SELECT i.indexrelid::int8 AS oid, n.nspname AS schema, ct.relname AS table, ci.relname AS name,
         ci.reltuples::float8 AS reltuples, ci.relpages::float8 AS relpages,
         coalesce(substring(array_to_string(ci.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int, 90) AS fillfactor,
         ARRAY(SELECT CASE WHEN k.attnum <> 0 THEN ct.relname ELSE ci.relname END::text
               FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, pos) ORDER BY k.pos) AS stat_rels,
         ARRAY(SELECT a.attname::text
               FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, pos)
               JOIN pg_attribute a ON a.attrelid = CASE WHEN k.attnum <> 0 THEN i.indrelid ELSE i.indexrelid END
                                  AND a.attnum = CASE WHEN k.attnum <> 0 THEN k.attnum ELSE k.pos::int2 END
               ORDER BY k.pos) AS stat_atts,
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
                 AND a.atttypid = 'pg_catalog.name'::regtype) AS has_name
  FROM pg_index i
  JOIN pg_class ci ON ci.oid = i.indexrelid
  JOIN pg_class ct ON ct.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = ct.relnamespace
  WHERE ci.relam = (SELECT oid FROM pg_am WHERE amname = 'btree') AND ci.relpages > 0 AND ${inUserSchema}`;

/** What the table bloat estimate (ioguix's table_bloat.sql) needs, one row per table. */
export const tableBloatInputs = sql`
  SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS table,
         c.reltuples::float8 AS reltuples, c.relpages::float8 AS relpages,
         coalesce(t.relpages, 0)::float8 AS toast_pages, coalesce(t.reltuples, 0)::float8 AS toast_tuples,
         coalesce(substring(array_to_string(c.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int, 100) AS fillfactor,
         ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS atts,
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 AND a.atttypid = 'pg_catalog.name'::regtype) AS has_name
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
  WHERE c.relkind IN ('r', 'm') AND c.relpages > 0 AND ${inUserSchema}`;

/** Column statistics of user relations (tables and expression indexes) for the bloat estimates. */
export const columnWidths = sql`
  SELECT n.schemaname::text AS schema, n.tablename::text AS rel, n.attname::text AS att,
         n.null_frac::float8 AS null_frac, n.avg_width::float8 AS avg_width
  FROM pg_stats n
  WHERE NOT n.inherited AND ${isUserSchema(sql`n.schemaname`)}`;

/**
 * (Backslashes are doubled: sql`` joins the cooked template strings.)
 * The statements of this database that cost the most, from pg_stat_statements. Fails
 * with 42P01 when the extension is not installed in this database.
 */
export const topStatements = sql`
  SELECT queryid::text AS query_id, query, calls::float8 AS calls,
         total_exec_time::float8 AS total_ms, mean_exec_time::float8 AS mean_ms
  FROM pg_stat_statements
  WHERE ${statementOfThisDatabase}
    AND query ~* '^\\s*(select|with|update|delete)\\M'
    AND query !~* '\\m(pg_catalog|pg_stat_statements|hypopg)\\M'
  ORDER BY total_exec_time DESC
  LIMIT 300`;

/** Per-column selectivity for the tables the statements touch ($1 = table oids). */
export const columnStats = sql`
  SELECT c.oid::int8 AS table_oid, a.attname AS column, t.typname AS type,
         s.n_distinct::float8 AS n_distinct, s.null_frac::float8 AS null_frac,
         (SELECT min(f) FROM unnest(s.most_common_freqs) AS f)::float8 AS min_mcv_freq
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname AND NOT s.inherited
  WHERE c.oid = ANY($1::oid[])`;
