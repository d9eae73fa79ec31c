import { sql } from "../../db/sql";

/** Schemas whose objects are the server's own, never the user's (n = pg_namespace). */
const USER_SCHEMAS = sql`
  n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast' AND n.nspname !~ '^pg_temp'`;

/** Who we are talking to, how long statistics have been collecting, whether standbys exist. */
export const indexContext = sql`
  SELECT current_database() AS database,
         current_setting('server_version_num')::int AS version_num,
         (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset,
         (SELECT extract(epoch FROM now() - stats_reset)::float8 FROM pg_stat_database WHERE datname = current_database()) AS stats_age,
         (SELECT count(*) FROM pg_stat_replication)::int AS standbys`;

const inventoryColumns = sql`
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
         coalesce(s.idx_tup_fetch, 0)::float8 AS tuples_fetched,`;

const inventoryFrom = sql`
         i.indisunique AS is_unique, i.indisprimary AS is_primary,
         con.conname AS constraint_name, con.contype AS constraint_type,
         i.indisvalid AS valid, i.indisready AS ready
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_am am ON am.oid = c.relam
  LEFT JOIN pg_stat_all_indexes s ON s.indexrelid = i.indexrelid
  LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
  WHERE t.relkind IN ('r', 'm', 'p') AND`;

/** Every user index (PostgreSQL 15: no last_idx_scan). */
export const indexInventory15 = [inventoryColumns, sql`NULL::timestamptz AS last_scan,`, inventoryFrom, USER_SCHEMAS].join("\n");
/** Every user index (PostgreSQL 16+ tracks last_idx_scan). */
export const indexInventory16 = [inventoryColumns, sql`s.last_idx_scan AS last_scan,`, inventoryFrom, USER_SCHEMAS].join("\n");

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
  WHERE c.relkind IN ('r', 'm', 'p') AND` + USER_SCHEMAS;

/**
 * Btree index bloat, the statistics-based estimate widely used by DBAs (ioguix's
 * btree_bloat.sql): expected pages from reltuples and average key width in pg_stats,
 * against relpages. Indexes whose columns have no statistics yet are absent.
 */
export const btreeBloat = sql`
  SELECT idxoid::int8 AS oid, nspname AS schema, tblname AS table, idxname AS index,
         (bs * relpages)::float8 AS real_bytes,
         CASE WHEN relpages > est_pages_ff THEN (bs * (relpages - est_pages_ff))::float8 ELSE 0 END AS bloat_bytes,
         CASE WHEN relpages > 0 AND relpages > est_pages_ff THEN 100 * (relpages - est_pages_ff)::float8 / relpages ELSE 0 END AS bloat_pct,
         is_na
  FROM (
    SELECT coalesce(1 + ceil(reltuples / floor((bs - pageopqdata - pagehdr) * fillfactor / (100 * (4 + nulldatahdrwidth)::float))), 0) AS est_pages_ff,
           bs, nspname, tblname, idxname, idxoid, relpages, is_na
    FROM (
      SELECT maxalign, bs, nspname, tblname, idxname, idxoid, reltuples, relpages, fillfactor,
             (index_tuple_hdr_bm + maxalign
               - CASE WHEN index_tuple_hdr_bm % maxalign = 0 THEN maxalign ELSE index_tuple_hdr_bm % maxalign END
               + nulldatawidth + maxalign
               - CASE WHEN nulldatawidth = 0 THEN 0
                      WHEN nulldatawidth::integer % maxalign = 0 THEN maxalign
                      ELSE nulldatawidth::integer % maxalign END
             )::numeric AS nulldatahdrwidth,
             pagehdr, pageopqdata, is_na
      FROM (
        SELECT n.nspname, i.tblname, i.idxname, i.idxoid, i.reltuples, i.relpages, i.fillfactor,
               current_setting('block_size')::numeric AS bs,
               CASE WHEN version() ~ 'mingw32' OR version() ~ '64-bit|x86_64|ppc64|ia64|amd64|aarch64|arm64' THEN 8 ELSE 4 END AS maxalign,
               24 AS pagehdr, 16 AS pageopqdata,
               CASE WHEN max(coalesce(s.null_frac, 0)) = 0 THEN 8 ELSE 8 + ((32 + 8 - 1) / 8) END AS index_tuple_hdr_bm,
               sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 1024)) AS nulldatawidth,
               max(CASE WHEN i.atttypid = 'pg_catalog.name'::regtype THEN 1 ELSE 0 END) > 0 AS is_na
        FROM (
          SELECT ct.relname AS tblname, ct.relnamespace, ic.idxname, ic.attpos, ic.reltuples, ic.relpages, ic.tbloid, ic.idxoid, ic.fillfactor,
                 coalesce(a1.attnum, a2.attnum) AS attnum, coalesce(a1.attname, a2.attname) AS attname,
                 coalesce(a1.atttypid, a2.atttypid) AS atttypid,
                 CASE WHEN a1.attnum IS NULL THEN ic.idxname ELSE ct.relname END AS attrelname
          FROM (
            SELECT idxname, reltuples, relpages, tbloid, idxoid, fillfactor, indkey, generate_series(1, indnatts) AS attpos
            FROM (
              SELECT ci.relname AS idxname, ci.reltuples, ci.relpages, i.indrelid AS tbloid, i.indexrelid AS idxoid,
                     coalesce(substring(array_to_string(ci.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::smallint, 90) AS fillfactor,
                     i.indnatts, string_to_array(i.indkey::text, ' ')::int[] AS indkey
              FROM pg_index i
              JOIN pg_class ci ON ci.oid = i.indexrelid
              WHERE ci.relam = (SELECT oid FROM pg_am WHERE amname = 'btree') AND ci.relpages > 0
            ) AS idx_data
          ) AS ic
          JOIN pg_class ct ON ct.oid = ic.tbloid
          LEFT JOIN pg_attribute a1 ON ic.indkey[ic.attpos] <> 0 AND a1.attrelid = ic.tbloid AND a1.attnum = ic.indkey[ic.attpos]
          LEFT JOIN pg_attribute a2 ON ic.indkey[ic.attpos] = 0 AND a2.attrelid = ic.idxoid AND a2.attnum = ic.attpos
        ) i
        JOIN pg_namespace n ON n.oid = i.relnamespace
        JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = i.attrelname AND s.attname = i.attname
        WHERE` + USER_SCHEMAS + sql`
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
      ) AS rows_data_stats
    ) AS rows_hdr_pdata_stats
  ) AS relation_stats`;

/**
 * Table bloat, the companion statistics-based estimate (ioguix's table_bloat.sql):
 * expected heap pages from reltuples and the average row width, against relpages.
 */
export const tableBloat = sql`
  SELECT tblid::int8 AS oid, schemaname AS schema, tblname AS table,
         (bs * tblpages)::float8 AS real_bytes,
         CASE WHEN tblpages - est_tblpages_ff > 0 THEN ((tblpages - est_tblpages_ff) * bs)::float8 ELSE 0 END AS bloat_bytes,
         CASE WHEN tblpages > 0 AND tblpages - est_tblpages_ff > 0 THEN 100 * (tblpages - est_tblpages_ff) / tblpages::float8 ELSE 0 END AS bloat_pct,
         is_na
  FROM (
    SELECT ceil(reltuples / ((bs - page_hdr) * fillfactor / (tpl_size * 100))) + ceil(toasttuples / 4) AS est_tblpages_ff,
           tblpages, bs, tblid, schemaname, tblname, is_na
    FROM (
      SELECT (4 + tpl_hdr_size + tpl_data_size + (2 * ma)
               - CASE WHEN tpl_hdr_size % ma = 0 THEN ma ELSE tpl_hdr_size % ma END
               - CASE WHEN ceil(tpl_data_size)::int % ma = 0 THEN ma ELSE ceil(tpl_data_size)::int % ma END
             ) AS tpl_size,
             (heappages + toastpages) AS tblpages, reltuples, toasttuples, bs, page_hdr, tblid, schemaname, tblname, fillfactor, is_na
      FROM (
        SELECT tbl.oid AS tblid, n.nspname AS schemaname, tbl.relname AS tblname, tbl.reltuples,
               tbl.relpages AS heappages, coalesce(toast.relpages, 0) AS toastpages, coalesce(toast.reltuples, 0) AS toasttuples,
               coalesce(substring(array_to_string(tbl.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::smallint, 100) AS fillfactor,
               current_setting('block_size')::numeric AS bs,
               CASE WHEN version() ~ 'mingw32' OR version() ~ '64-bit|x86_64|ppc64|ia64|amd64|aarch64|arm64' THEN 8 ELSE 4 END AS ma,
               24 AS page_hdr,
               23 + CASE WHEN max(coalesce(s.null_frac, 0)) > 0 THEN (7 + count(s.attname)) / 8 ELSE 0::int END AS tpl_hdr_size,
               sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 0)) AS tpl_data_size,
               bool_or(att.atttypid = 'pg_catalog.name'::regtype)
                 OR sum(CASE WHEN att.attnum > 0 THEN 1 ELSE 0 END) <> count(s.attname) AS is_na
        FROM pg_attribute AS att
        JOIN pg_class AS tbl ON att.attrelid = tbl.oid
        JOIN pg_namespace AS n ON n.oid = tbl.relnamespace
        LEFT JOIN pg_stats AS s ON s.schemaname = n.nspname AND s.tablename = tbl.relname AND s.inherited = false AND s.attname = att.attname
        LEFT JOIN pg_class AS toast ON tbl.reltoastrelid = toast.oid
        WHERE NOT att.attisdropped AND att.attnum > 0 AND tbl.relkind IN ('r', 'm') AND tbl.relpages > 0 AND` + USER_SCHEMAS + sql`
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      ) AS s
    ) AS s2
  ) AS s3`;

/**
 * (Backslashes are doubled: sql`` joins the cooked template strings.)
 * The statements of this database that cost the most, from pg_stat_statements. Fails
 * with 42P01 when the extension is not installed in this database.
 */
export const topStatements = sql`
  SELECT queryid::text AS query_id, query, calls::float8 AS calls,
         total_exec_time::float8 AS total_ms, mean_exec_time::float8 AS mean_ms
  FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND query ~* '^\\s*(select|with|update|delete)\\M'
    AND query !~* '\\m(pg_catalog|pg_stat_statements|hypopg)\\M'
  ORDER BY total_exec_time DESC
  LIMIT 300`;

/** Per-column selectivity for the tables the statements touch ($1 = table oids). */
export const columnStats = sql`
  SELECT c.oid::int8 AS table_oid, a.attname AS column, t.typname AS type,
         s.n_distinct::float8 AS n_distinct, s.null_frac::float8 AS null_frac
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname AND NOT s.inherited
  WHERE c.oid = ANY($1::oid[])`;

/** Extensions the advice depends on. */
export const extensionState = sql`
  SELECT name, installed_version IS NOT NULL AS installed
  FROM pg_available_extensions WHERE name IN ('hypopg', 'pg_trgm', 'pg_stat_statements')`;
