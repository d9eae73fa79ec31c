import { inUserSchema } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/**
 * Everything autocomplete needs in one round trip: schemas, relations and columns of
 * the user's schemas, and functions (one entry per name in pg_catalog, which has
 * thousands of overloads). Narrow pg_catalog reads, no information_schema.
 */
export const completionCatalog = sql`
  WITH user_ns AS (
    SELECT n.oid, n.nspname FROM pg_namespace n
    WHERE ${inUserSchema}
  ), rels AS (
    SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c JOIN user_ns n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND NOT c.relispartition
  )
  SELECT
    (SELECT coalesce(json_agg(nspname ORDER BY nspname), '[]') FROM user_ns) AS schemas,
    (SELECT coalesce(json_agg(json_build_object('schema', nspname, 'name', relname, 'kind', relkind) ORDER BY nspname, relname), '[]')
       FROM rels) AS relations,
    (SELECT coalesce(json_agg(json_build_object('schema', r.nspname, 'relation', r.relname, 'name', a.attname,
                                                'type', format_type(a.atttypid, a.atttypmod)) ORDER BY r.nspname, r.relname, a.attnum), '[]')
       FROM (SELECT * FROM rels LIMIT 20000) r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
    (SELECT coalesce(json_agg(f ORDER BY f.schema, f.name), '[]') FROM (
       SELECT DISTINCT ON (n.nspname, p.proname) n.nspname AS schema, p.proname AS name,
              pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname <> 'information_schema' AND p.prokind IN ('f', 'a', 'w') AND p.proname NOT LIKE '\\_%'
       ORDER BY n.nspname, p.proname, p.oid) f) AS functions`;
