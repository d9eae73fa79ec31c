import { sql } from "../../db/sql";

export const databaseSize = sql`/* pgdesk:health */
  SELECT pg_database_size(current_database())::float8 AS bytes`;

export const cacheHits = sql`/* pgdesk:health */
  SELECT coalesce(sum(heap_blks_hit), 0)::float8 AS heap_hit,
         coalesce(sum(heap_blks_read), 0)::float8 AS heap_read,
         coalesce(sum(idx_blks_hit), 0)::float8 AS idx_hit,
         coalesce(sum(idx_blks_read), 0)::float8 AS idx_read
  FROM pg_statio_user_tables`;

/** Oldest tables by relfrozenxid age, the database's age and the XID counter (no XID is assigned). */
export const xidAges = sql`/* pgdesk:health */
  SELECT c.oid::regclass::text AS relation, age(c.relfrozenxid)::float8 AS age
  FROM pg_class c
  WHERE c.relkind IN ('r', 'm', 't') AND c.relfrozenxid <> '0'::xid
  ORDER BY age(c.relfrozenxid) DESC
  LIMIT 10`;

export const xidCounter = sql`/* pgdesk:health */
  SELECT txid_snapshot_xmax(txid_current_snapshot())::float8 AS xmax,
         (SELECT age(datfrozenxid)::float8 FROM pg_database WHERE datname = current_database()) AS database_age,
         current_setting('autovacuum_freeze_max_age')::float8 AS freeze_max_age`;

/** Sequences with their owning column's type, which may be narrower than the sequence. */
export const sequences = sql`/* pgdesk:health */
  SELECT format('%I.%I', s.schemaname, s.sequencename) AS sequence,
         s.data_type::text AS data_type, s.last_value::float8 AS last_value,
         s.min_value::float8 AS min_value, s.max_value::float8 AS max_value,
         s.increment_by::float8 AS increment_by,
         col.column_type, col.owner
  FROM pg_sequences s
  LEFT JOIN LATERAL (
    SELECT format_type(a.atttypid, NULL) AS column_type,
           format('%s.%I', d.refobjid::regclass, a.attname) AS owner
    FROM pg_depend d
    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass
      AND d.objid = format('%I.%I', s.schemaname, s.sequencename)::regclass
      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    LIMIT 1
  ) col ON true
  WHERE s.last_value IS NOT NULL`;

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
         pg_get_constraintdef(c.oid) AS definition
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
  ), t AS (
    SELECT s.schemaname, s.relname, s.n_live_tup::float8 AS live, s.n_dead_tup::float8 AS dead,
           greatest(c.reltuples, 0)::float8 AS reltuples,
           greatest(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
           greatest(s.last_analyze, s.last_autoanalyze) AS last_analyze,
           opt.thr, opt.sf, opt.max_thr, opt.enabled
    FROM pg_stat_user_tables s
    JOIN pg_class c ON c.oid = s.relid
    LEFT JOIN LATERAL (
      SELECT max(CASE WHEN k = 'autovacuum_vacuum_threshold' THEN v END)::float8 AS thr,
             max(CASE WHEN k = 'autovacuum_vacuum_scale_factor' THEN v END)::float8 AS sf,
             max(CASE WHEN k = 'autovacuum_vacuum_max_threshold' THEN v END)::float8 AS max_thr,
             max(CASE WHEN k = 'autovacuum_enabled' THEN v END)::bool AS enabled
      FROM (SELECT split_part(o, '=', 1) AS k, substr(o, strpos(o, '=') + 1) AS v
            FROM unnest(c.reloptions) o) kv
    ) opt ON true
    WHERE s.n_dead_tup > 0
  )
  SELECT t.schemaname, t.relname, t.live, t.dead, t.last_vacuum, t.last_analyze,
         coalesce(t.enabled, true) AND st.autovacuum AS autovacuum_on,
         least(coalesce(t.thr, st.thr) + coalesce(t.sf, st.sf) * t.reltuples,
               coalesce(nullif(coalesce(t.max_thr, st.max_thr), -1), 'infinity'::float8)) AS trigger_point
  FROM t CROSS JOIN settings st
  ORDER BY t.dead / greatest(1, least(coalesce(t.thr, st.thr) + coalesce(t.sf, st.sf) * t.reltuples,
               coalesce(nullif(coalesce(t.max_thr, st.max_thr), -1), 'infinity'::float8))) DESC
  LIMIT 50`;
