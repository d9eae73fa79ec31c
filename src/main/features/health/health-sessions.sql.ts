import { isPgdeskSession } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

// Every monitoring statement starts with this marker so pg_stat_statements can tell
// pgdesk's own cost apart (and the statements check can leave it out).
export const MARKER = "/* pgdesk:health */";

/** The connectivity check's round trip (the version comes from the pool, asked once). */
export const identity = sql`/* pgdesk:health */
  SELECT pg_is_in_recovery() AS in_recovery,
         current_database() AS database`;

/** Client backends grouped every way the check reports them. */
export const connectionGroups = sql`/* pgdesk:health */
  SELECT coalesce(state, 'unknown') AS state, datname, usename,
         application_name, client_addr::text AS client,
         count(*)::int AS n,
         (${isPgdeskSession}) AS own
  FROM pg_stat_activity
  WHERE backend_type = 'client backend'
  GROUP BY 1, 2, 3, 4, 5`;

export const connectionLimits = sql`/* pgdesk:health */
  SELECT current_setting('max_connections')::int AS max_connections,
         current_setting('superuser_reserved_connections')::int AS reserved`;

export const idleInTransaction = sql`/* pgdesk:health */
  SELECT pid, datname, usename, application_name, state,
         extract(epoch FROM now() - state_change)::float8 AS idle_seconds,
         extract(epoch FROM now() - xact_start)::float8 AS xact_seconds,
         left(query, 300) AS query
  FROM pg_stat_activity
  WHERE state IN ('idle in transaction', 'idle in transaction (aborted)')
    AND pid <> pg_backend_pid() AND NOT ${isPgdeskSession}
  ORDER BY state_change`;

/** $1 = seconds. */
export const longRunning = sql`/* pgdesk:health */
  SELECT pid, datname, usename, application_name, wait_event_type, wait_event,
         extract(epoch FROM now() - query_start)::float8 AS seconds,
         left(query, 300) AS query
  FROM pg_stat_activity
  WHERE state = 'active' AND backend_type = 'client backend'
    AND pid <> pg_backend_pid() AND NOT ${isPgdeskSession}
    AND now() - query_start > make_interval(secs => $1)
  ORDER BY query_start`;

export const lockWaiters = sql`/* pgdesk:health */
  SELECT pid, datname, usename, application_name, pg_blocking_pids(pid) AS blocked_by,
         extract(epoch FROM now() - query_start)::float8 AS seconds,
         wait_event, left(query, 300) AS query
  FROM pg_stat_activity
  WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()
    AND NOT ${isPgdeskSession}
    AND cardinality(pg_blocking_pids(pid)) > 0
  ORDER BY query_start`;
