import { inUserSchema, notExtensionMember } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/** Schemas a backup can include or exclude: not system, temp, TOAST or extension-owned ones. */
export const dumpableSchemas = sql`
  SELECT n.nspname AS name
  FROM pg_namespace n
  WHERE ${inUserSchema}
    AND ${notExtensionMember("pg_namespace", sql`n.oid`)}
  ORDER BY 1`;

/**
 * Relations pg_dump selects by --table: tables, partitions (with their parent), views,
 * materialized views, foreign tables and free-standing sequences. Sequences owned by a
 * column follow their table in pg_dump, so they are not offered on their own.
 */
export const dumpableRelations = sql`
  SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind, c.relispartition AS is_partition,
         (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
          WHERE i.inhrelid = c.oid AND c.relispartition) AS parent,
         CASE WHEN c.relkind IN ('r', 'm') THEN pg_table_size(c.oid) ELSE 0 END AS bytes
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    AND ${inUserSchema}
    AND ${notExtensionMember("pg_class", sql`c.oid`)}
    AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
  ORDER BY 1, 2`;
