import { sql } from "../../db/sql";

/** Replication slots on the leader and the WAL each holds back (physical and logical). */
export const leaderSlots = sql`
  SELECT slot_name AS name,
         active,
         CASE WHEN restart_lsn IS NULL THEN NULL
              ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::float8 END AS retained_bytes
  FROM pg_replication_slots
  ORDER BY slot_name`;
