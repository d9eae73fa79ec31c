import { statementOfThisDatabase } from "../../db/catalog-fragments.sql";
import { quoteIdent, sql, type Sql } from "../../db/sql";

/** Before 17 the checkpointer's counters live in pg_stat_bgwriter. */
export const checkpointsBefore17 = sql`/* pgdesk:health */
  SELECT checkpoints_timed::float8 AS timed, checkpoints_req::float8 AS requested,
         buffers_checkpoint::float8 AS written, buffers_clean::float8 AS clean,
         maxwritten_clean::float8 AS maxwritten_clean, buffers_backend::float8 AS backend,
         stats_reset, current_setting('max_wal_size') AS max_wal_size,
         current_setting('checkpoint_timeout') AS checkpoint_timeout
  FROM pg_stat_bgwriter`;

/** From 17: pg_stat_checkpointer (num_timed, num_requested, buffers_written). */
export const checkpointsFrom17 = sql`/* pgdesk:health */
  SELECT c.num_timed::float8 AS timed, c.num_requested::float8 AS requested,
         c.buffers_written::float8 AS written, b.buffers_clean::float8 AS clean,
         b.maxwritten_clean::float8 AS maxwritten_clean, NULL::float8 AS backend,
         c.stats_reset, current_setting('max_wal_size') AS max_wal_size,
         current_setting('checkpoint_timeout') AS checkpoint_timeout
  FROM pg_stat_checkpointer c CROSS JOIN pg_stat_bgwriter b`;

/** Each standby streaming from this primary. */
export const standbys = sql`/* pgdesk:health */
  SELECT pid, application_name, client_addr::text AS client, state, sync_state,
         pg_wal_lsn_diff(pg_current_wal_lsn(), sent_lsn)::float8 AS send_lag_bytes,
         pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::float8 AS replay_lag_bytes,
         extract(epoch FROM replay_lag)::float8 AS replay_lag_seconds
  FROM pg_stat_replication
  ORDER BY application_name`;

/** This server as a standby; the lag is 0 when everything received is replayed. */
export const standbyStatus = sql`/* pgdesk:health */
  SELECT pg_last_wal_receive_lsn()::text AS receive_lsn,
         pg_last_wal_replay_lsn()::text AS replay_lsn,
         coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::float8 AS replay_gap_bytes,
         CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
              ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END::float8 AS replay_lag_seconds,
         pg_get_wal_replay_pause_state() AS pause_state,
         (SELECT status FROM pg_stat_wal_receiver) AS receiver_status,
         (SELECT extract(epoch FROM now() - last_msg_receipt_time)::float8 FROM pg_stat_wal_receiver) AS receive_age_seconds,
         (SELECT sender_host FROM pg_stat_wal_receiver) AS sender_host`;

export const replicationSlots = sql`/* pgdesk:health */
  SELECT slot_name, slot_type, database, active, wal_status,
         pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END,
                         restart_lsn)::float8 AS retained_bytes
  FROM pg_replication_slots
  ORDER BY slot_name`;

export const statementsExtension = sql`/* pgdesk:health */
  SELECT n.nspname AS schema, e.extversion AS version,
         current_setting('shared_preload_libraries') AS preload
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'pg_stat_statements'`;

export const preloadLibraries = sql`/* pgdesk:health */
  SELECT current_setting('shared_preload_libraries') AS preload`;

/**
 * Top statements of the current database, ordered by $1 ('total' | 'mean'), without
 * pgdesk's own monitoring statements. Column names changed in 13 (total_time -> total_exec_time).
 */
export function topStatements(schema: string, versionNum: number): Sql {
  const total = versionNum >= 130000 ? sql`total_exec_time` : sql`total_time`;
  const mean = versionNum >= 130000 ? sql`mean_exec_time` : sql`mean_time`;
  const view = sql`${quoteIdent(schema)}.pg_stat_statements`;
  return sql`/* pgdesk:health */
  SELECT * FROM (
    SELECT 'total' AS ranking, queryid::text AS queryid, left(query, 500) AS query, calls::float8 AS calls,
           ${total}::float8 AS total_ms, ${mean}::float8 AS mean_ms, rows::float8 AS rows
    FROM ${view}
    WHERE ${statementOfThisDatabase} AND query NOT LIKE '/* pgdesk:%'
    ORDER BY ${total} DESC LIMIT 10) by_total
  UNION ALL
  SELECT * FROM (
    SELECT 'mean', queryid::text, left(query, 500), calls::float8, ${total}::float8, ${mean}::float8, rows::float8
    FROM ${view}
    WHERE ${statementOfThisDatabase} AND query NOT LIKE '/* pgdesk:%' AND calls >= $1
    ORDER BY ${mean} DESC LIMIT 10) by_mean`;
}

export const installStatements = sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;

export const installedStatements = sql`/* pgdesk:health */
  SELECT e.extversion AS version,
         'pg_stat_statements' = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',')) AS preloaded
  FROM pg_extension e WHERE e.extname = 'pg_stat_statements'`;
