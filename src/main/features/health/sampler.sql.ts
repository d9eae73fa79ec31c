import { isPgdeskSession } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/** Counters of the current database and its sessions by state (without pgdesk's own). */
export const sampleCounters = sql`/* pgdesk:health */
  SELECT d.xact_commit::float8 AS commits, d.xact_rollback::float8 AS rollbacks,
         (d.tup_inserted + d.tup_updated + d.tup_deleted)::float8 AS tuples_in,
         (d.tup_returned + d.tup_fetched)::float8 AS tuples_out,
         d.blks_read::float8 AS blocks_read, d.blks_hit::float8 AS blocks_hit,
         a.active, a.idle, a.idle_in_transaction, a.waiting, a.other
  FROM pg_stat_database d
  CROSS JOIN (
    SELECT count(*) FILTER (WHERE state = 'active' AND wait_event_type IS DISTINCT FROM 'Lock')::int AS active,
           count(*) FILTER (WHERE state = 'idle')::int AS idle,
           count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS idle_in_transaction,
           count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock')::int AS waiting,
           count(*) FILTER (WHERE state IS NULL OR state NOT IN ('active', 'idle') AND state NOT LIKE 'idle in transaction%')::int AS other
    FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend'
      AND NOT ${isPgdeskSession}
  ) a
  WHERE d.datname = current_database()`;
