import { isPgdeskSession } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/** Every session; pg_blocking_pids only for lock waiters (it takes the lock manager's locks). */
export const sessions = sql`/* pgdesk:activity */
  SELECT pid, datname, usename, application_name, client_addr::text AS client_addr, backend_type,
         state, wait_event_type, wait_event, coalesce(query, '') AS query,
         extract(epoch FROM now() - backend_start)::float8 AS backend_seconds,
         extract(epoch FROM now() - xact_start)::float8 AS transaction_seconds,
         extract(epoch FROM now() - query_start)::float8 AS query_seconds,
         extract(epoch FROM now() - state_change)::float8 AS state_seconds,
         CASE WHEN wait_event_type = 'Lock' THEN pg_blocking_pids(pid) ELSE '{}'::int[] END AS blocked_by,
         (${isPgdeskSession} OR pid = pg_backend_pid()) AS own
  FROM pg_stat_activity
  ORDER BY backend_start`;

export const progress = sql`/* pgdesk:activity */
  SELECT pid, 'VACUUM' AS command, datname, relid::regclass::text AS relation, phase,
         heap_blks_scanned::float8 AS done, heap_blks_total::float8 AS total
  FROM pg_stat_progress_vacuum
  UNION ALL
  SELECT pid, 'ANALYZE', datname, relid::regclass::text, phase,
         sample_blks_scanned::float8, sample_blks_total::float8
  FROM pg_stat_progress_analyze
  UNION ALL
  SELECT pid, command, datname, relid::regclass::text, phase,
         CASE WHEN blocks_total > 0 THEN blocks_done ELSE tuples_done END::float8,
         CASE WHEN blocks_total > 0 THEN blocks_total ELSE tuples_total END::float8
  FROM pg_stat_progress_create_index`;

export const cancelBackend = sql`/* pgdesk:activity */ SELECT pg_cancel_backend($1) AS signalled`;
export const terminateBackend = sql`/* pgdesk:activity */ SELECT pg_terminate_backend($1) AS signalled`;
