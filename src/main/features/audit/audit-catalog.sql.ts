import { inUserSchema } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/** Every ordinary or partitioned user table with its columns and types, in one query. */
export const tablesWithColumns = sql`
  SELECT n.nspname AS schema, c.relname AS table, c.reltuples::float8 AS estimated_rows,
         json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum) AS columns
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND ${inUserSchema}
  GROUP BY n.nspname, c.relname, c.reltuples
  ORDER BY n.nspname, c.relname`;

/**
 * One table's columns with types, and its valid non-partial indexes as column lists
 * (expressions are null), in one round trip.
 */
export const tableInfo = sql`
  SELECT
    (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
       FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
    (SELECT coalesce(json_agg(ix.columns), '[]')
       FROM (SELECT array_agg(a.attname::text ORDER BY k.n) AS columns
               FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
               LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisvalid AND i.indpred IS NULL
              GROUP BY i.indexrelid) ix) AS indexes
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relname = $2`;
