import { inUserSchema, notExtensionMember } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/**
 * Tables whose rows pg_dump copies: ordinary tables outside the system schemas and
 * not owned by an extension, with a size estimate from relpages (cheap on 10k tables).
 */
export const dumpedTables = sql`
  SELECT n.nspname AS schema, c.relname AS name,
         (c.relpages::float8 + coalesce(t.relpages, 0)) * current_setting('block_size')::int AS weight
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
  WHERE c.relkind = 'r'
    AND ${inUserSchema}
    AND ${notExtensionMember("pg_class", sql`c.oid`)}
  ORDER BY 1, 2`;

export const databaseExists = sql`SELECT 1 FROM pg_database WHERE datname = $1`;

/** Exact row count of every dumped table in one round trip (identifiers quoted by format %I). */
export const tableRowCounts = sql`
  SELECT n.nspname AS schema, c.relname AS name,
         (xpath('/row/c/text()',
                query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint AS rows
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r'
    AND ${inUserSchema}
    AND ${notExtensionMember("pg_class", sql`c.oid`)}
  ORDER BY 1, 2`;
