import { sql } from "../../db/sql";

/** Every ordinary or partitioned user table with its columns and types, in one query. */
export const tablesWithColumns = sql`
  SELECT n.nspname AS schema, c.relname AS table, c.reltuples::float8 AS estimated_rows,
         json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum) AS columns
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
  GROUP BY n.nspname, c.relname, c.reltuples
  ORDER BY n.nspname, c.relname`;

/** The columns and types of one table (to check a mapping and cast parameters). */
export const columnsOfTable = sql`
  SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attnum`;

/** Valid, non-partial indexes of one table as lists of plain column names (expressions are null). */
export const indexColumnsOfTable = sql`
  SELECT i.indexrelid::regclass::text AS name,
         array_agg(a.attname::text ORDER BY k.n) AS columns
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE n.nspname = $1 AND c.relname = $2 AND i.indisvalid AND i.indpred IS NULL
  GROUP BY i.indexrelid`;
