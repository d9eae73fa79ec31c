import { inUserSchema } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/** Where Prisma's bookkeeping table lives: the first schema on the search path that has one. */
export const findMigrationsTable = sql`
  SELECT n.nspname AS schema
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relname = '_prisma_migrations' AND c.relkind IN ('r', 'p')
  ORDER BY array_position(current_schemas(false), n.nspname::text) NULLS LAST, n.nspname
  LIMIT 1`;

export const databaseSize = sql`
  SELECT current_database() AS database, pg_database_size(current_database())::float8 AS bytes`;

/** Exact sizes of every table and materialized view, largest first (index-only relations excluded). */
export const tableSizes = sql`
  SELECT n.nspname AS schema, c.relname AS name,
         pg_total_relation_size(c.oid)::float8 AS total,
         pg_relation_size(c.oid)::float8 AS heap,
         pg_indexes_size(c.oid)::float8 AS indexes,
         CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid)::float8 ELSE 0 END AS toast,
         c.reltuples::float8 AS reltuples
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'm')
    AND ${inUserSchema}
  ORDER BY 3 DESC, 1, 2
  LIMIT $1`;
