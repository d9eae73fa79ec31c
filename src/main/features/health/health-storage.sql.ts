import { inUserSchema } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

export const databaseSize = sql`/* pgdesk:health */
  SELECT pg_database_size(current_database())::float8 AS bytes`;

/** Straight from the stats functions: pg_statio_user_tables also sums TOAST per table, which we do not show. */
export const cacheHits = sql`/* pgdesk:health */
  SELECT coalesce(sum(pg_stat_get_blocks_hit(c.oid)) FILTER (WHERE c.relkind IN ('r', 'm')), 0)::float8 AS heap_hit,
         coalesce(sum(pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid)) FILTER (WHERE c.relkind IN ('r', 'm')), 0)::float8 AS heap_read,
         coalesce(sum(pg_stat_get_blocks_hit(c.oid)) FILTER (WHERE c.relkind = 'i'), 0)::float8 AS idx_hit,
         coalesce(sum(pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid)) FILTER (WHERE c.relkind = 'i'), 0)::float8 AS idx_read
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'm', 'i')
    AND ${inUserSchema}`;

/** Oldest tables by relfrozenxid age, the database's age and the XID counter (no XID is assigned). */
export const xidAges = sql`/* pgdesk:health */
  SELECT oldest.oid::regclass::text AS relation, oldest.age
  FROM (
    -- name only the ten oldest: regclass::text for every table costs more than the scan
    SELECT c.oid, age(c.relfrozenxid)::float8 AS age
    FROM pg_class c
    WHERE c.relkind IN ('r', 'm', 't') AND c.relfrozenxid <> '0'::xid
    ORDER BY age(c.relfrozenxid) DESC
    LIMIT 10
  ) oldest
  ORDER BY oldest.age DESC`;

export const xidCounter = sql`/* pgdesk:health */
  SELECT txid_snapshot_xmax(txid_current_snapshot())::float8 AS xmax,
         (SELECT age(datfrozenxid)::float8 FROM pg_database WHERE datname = current_database()) AS database_age,
         current_setting('autovacuum_freeze_max_age')::float8 AS freeze_max_age`;

/**
 * Sequences with their owning column's type, which may be narrower than the sequence.
 * Reads pg_sequence directly: the pg_sequences view plus a per-row regclass lookup cost 3x.
 */
export const sequences = sql`/* pgdesk:health */
  SELECT * FROM (
    SELECT format('%I.%I', n.nspname, c.relname) AS sequence,
           format_type(s.seqtypid, NULL) AS data_type,
           CASE WHEN has_sequence_privilege(c.oid, 'SELECT,USAGE') THEN pg_sequence_last_value(c.oid) END::float8 AS last_value,
           s.seqmin::float8 AS min_value, s.seqmax::float8 AS max_value, s.seqincrement::float8 AS increment_by,
           format_type(a.atttypid, NULL) AS column_type,
           CASE WHEN a.attname IS NOT NULL THEN format('%s.%I', d.refobjid::regclass, a.attname) END AS owner
    FROM pg_sequence s
    JOIN pg_class c ON c.oid = s.seqrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  ) seqs
  WHERE last_value IS NOT NULL`;

export const invalidIndexes = sql`/* pgdesk:health */
  SELECT n.nspname AS schema, c.relname AS index, t.relname AS table,
         pg_get_indexdef(i.indexrelid) AS definition
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT i.indisvalid
  ORDER BY 1, 2`;

export const notValidConstraints = sql`/* pgdesk:health */
  SELECT n.nspname AS schema, t.relname AS table, c.conname AS constraint,
         pg_get_constraintdef(c.oid) AS definition, c.contype AS type,
         coalesce((to_jsonb(c) ->> 'conenforced')::boolean, true) AS enforced
  FROM pg_constraint c
  JOIN pg_class t ON t.oid = c.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE NOT c.convalidated
  ORDER BY 1, 2, 3`;

/**
 * Dead tuples against each table's own autovacuum trigger point:
 * threshold + scale_factor * reltuples (capped by autovacuum_vacuum_max_threshold from 18),
 * each taken from the table's reloptions when set, else from the server settings.
 */
export const deadTuples = sql`/* pgdesk:health */
  WITH settings AS (
    SELECT current_setting('autovacuum_vacuum_threshold')::float8 AS thr,
           current_setting('autovacuum_vacuum_scale_factor')::float8 AS sf,
           nullif(current_setting('autovacuum_vacuum_max_threshold', true), '')::float8 AS max_thr,
           current_setting('autovacuum')::bool AS autovacuum
  ), dead AS (
    -- the stats functions directly, and only for tables that have dead tuples at all:
    -- pg_stat_user_tables computes twenty counters for every table
    SELECT c.oid, c.relnamespace, c.relname, c.reltuples, c.reloptions, pg_stat_get_dead_tuples(c.oid)::float8 AS dead
    FROM pg_class c
    WHERE c.relkind IN ('r', 'm') AND pg_stat_get_dead_tuples(c.oid) > 0
  ), t AS (
    SELECT n.nspname AS schemaname, c.relname, pg_stat_get_live_tuples(c.oid)::float8 AS live, c.dead,
           greatest(c.reltuples, 0)::float8 AS reltuples,
           greatest(pg_stat_get_last_vacuum_time(c.oid), pg_stat_get_last_autovacuum_time(c.oid)) AS last_vacuum,
           greatest(pg_stat_get_last_analyze_time(c.oid), pg_stat_get_last_autoanalyze_time(c.oid)) AS last_analyze,
           opt.thr, opt.sf, opt.max_thr, opt.enabled
    FROM dead c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN LATERAL (
      SELECT max(CASE WHEN k = 'autovacuum_vacuum_threshold' THEN v END)::float8 AS thr,
             max(CASE WHEN k = 'autovacuum_vacuum_scale_factor' THEN v END)::float8 AS sf,
             max(CASE WHEN k = 'autovacuum_vacuum_max_threshold' THEN v END)::float8 AS max_thr,
             max(CASE WHEN k = 'autovacuum_enabled' THEN v END)::bool AS enabled
      FROM (SELECT split_part(o, '=', 1) AS k, substr(o, strpos(o, '=') + 1) AS v
            FROM unnest(c.reloptions) o) kv
    ) opt ON true
    WHERE ${inUserSchema}
  )
  SELECT t.schemaname, t.relname, t.live, t.dead, t.last_vacuum, t.last_analyze,
         coalesce(t.enabled, true) AND st.autovacuum AS autovacuum_on,
         least(coalesce(t.thr, st.thr) + coalesce(t.sf, st.sf) * t.reltuples,
               coalesce(nullif(coalesce(t.max_thr, st.max_thr), -1), 'infinity'::float8)) AS trigger_point
  FROM t CROSS JOIN settings st
  ORDER BY t.dead / greatest(1, least(coalesce(t.thr, st.thr) + coalesce(t.sf, st.sf) * t.reltuples,
               coalesce(nullif(coalesce(t.max_thr, st.max_thr), -1), 'infinity'::float8))) DESC
  LIMIT 50`;
