import { sql } from "../../db/sql";

/**
 * Archiver statistics and settings. archive_command comes from pg_settings, which hides
 * it (no row) from roles that may not read it instead of failing the transaction.
 */
export const archiverState = sql`
  SELECT current_setting('archive_mode') AS mode,
         coalesce((SELECT setting FROM pg_settings WHERE name = 'archive_command'), '(hidden from this role)') AS command,
         coalesce((SELECT setting FROM pg_settings WHERE name = 'archive_library'), '') AS library,
         pg_is_in_recovery() AS in_recovery,
         a.archived_count::float8 AS archived_count,
         a.last_archived_wal,
         a.last_archived_time,
         a.failed_count::float8 AS failed_count,
         a.last_failed_wal,
         a.last_failed_time,
         a.stats_reset,
         now() AS now,
         current_setting('TimeZone') AS time_zone,
         (SELECT setting::float8 FROM pg_settings WHERE name = 'wal_segment_size') AS segment_bytes,
         has_function_privilege('pg_ls_archive_statusdir()', 'EXECUTE') AS can_list_ready,
         has_function_privilege('pg_current_logfile()', 'EXECUTE')
           AND has_function_privilege('pg_read_file(text, bigint, bigint)', 'EXECUTE')
           AND has_function_privilege('pg_stat_file(text)', 'EXECUTE') AS can_read_log
  FROM pg_stat_archiver a`;

/** Segments waiting for the archiver, and how long the oldest has waited. */
export const readySegments = sql`
  SELECT count(*)::int AS ready,
         extract(epoch FROM now() - min(modification))::float8 AS oldest_age_sec
  FROM pg_ls_archive_statusdir()
  WHERE name LIKE '%.ready'`;

/** The current server log file (logging_collector), relative to the data directory. */
export const currentLogFile = sql`SELECT pg_current_logfile() AS file`;

/** The last 64 kB of a server log file. */
export const logTail = sql`
  SELECT pg_read_file($1, greatest(size - 65536, 0), 65536) AS text
  FROM pg_stat_file($1) AS s(size, access, modification, change, creation, isdir)`;
