import { sql } from "../../db/sql";

export const serverIdentity = sql`
  SELECT pg_postmaster_start_time() AS started_at,
         extract(epoch FROM now() - pg_postmaster_start_time())::float8 AS uptime_seconds,
         current_database() AS current_database,
         pg_database_size(current_database())::float8 AS current_database_size,
         current_user AS current_user`;

/** Sizes only where the user may connect; pg_database_size errors otherwise. */
export const databaseList = sql`
  SELECT d.datname AS name,
         CASE WHEN has_database_privilege(d.oid, 'CONNECT') THEN pg_database_size(d.oid)::float8 END AS size_bytes,
         (SELECT count(*) FROM pg_stat_activity a WHERE a.datid = d.oid)::int AS connections,
         d.datallowconn AS allow_connections,
         d.datistemplate AS is_template
  FROM pg_database d
  ORDER BY d.datistemplate, d.datname`;

/** Databases a session of the profile could switch to: connectable, not templates, CONNECT granted. */
export const connectableDatabases = sql`
  SELECT d.datname AS name
  FROM pg_database d
  WHERE d.datallowconn AND NOT d.datistemplate AND has_database_privilege(d.oid, 'CONNECT')
  ORDER BY d.datname`;

/** Reaches a database before the profile's pages switch to it. */
export const reachDatabase = sql`SELECT 1`;
