import { sql } from "../../db/sql";

/**
 * Everything the fleet overview shows of one server, in one round trip (PostgreSQL 10+,
 * primary or standby). Standby-only and primary-only functions sit in CASE branches and
 * uncorrelated subqueries, which run only when their branch is taken. Other users'
 * transactions show only with pg_read_all_stats (pg_monitor); the longest transaction
 * then counts what this role can see.
 */
export const fleetProbe = sql`
  SELECT current_setting('server_version') AS version,
         current_setting('server_version_num')::int AS version_num,
         pg_is_in_recovery() AS in_recovery,
         (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int AS connections,
         current_setting('max_connections')::int AS max_connections,
         (SELECT extract(epoch FROM max(now() - xact_start))
            FROM pg_stat_activity
           WHERE xact_start IS NOT NULL AND backend_type = 'client backend'
             AND pid <> pg_backend_pid())::float8 AS longest_xact_seconds,
         (SELECT max(age(datfrozenxid)) FROM pg_database)::float8 AS xid_age,
         CASE WHEN pg_is_in_recovery() THEN
                CASE WHEN pg_last_wal_receive_lsn() IS NULL
                       OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                     ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END
              ELSE (SELECT extract(epoch FROM max(replay_lag)) FROM pg_stat_replication) END::float8
           AS lag_seconds,
         CASE WHEN pg_is_in_recovery() THEN
                pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
              ELSE (SELECT max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)) FROM pg_stat_replication) END::float8
           AS lag_bytes,
         (SELECT count(*) FROM pg_stat_replication)::int AS standbys,
         (SELECT count(*) FROM pg_replication_slots WHERE NOT active)::int AS inactive_slots`;

export interface FleetProbeRow {
  version: string;
  version_num: number;
  in_recovery: boolean;
  connections: number;
  max_connections: number;
  longest_xact_seconds: number | null;
  xid_age: number | null;
  lag_seconds: number | null;
  lag_bytes: number | null;
  standbys: number;
  inactive_slots: number;
}
