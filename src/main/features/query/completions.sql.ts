import { inUserSchema } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/**
 * Everything autocomplete needs in one round trip: schemas, relations and columns of the
 * user's schemas and of pg_catalog (pg_stat_activity, pg_locks, ...), the search path,
 * functions (one entry per name with its first overload, a few more overloads' arguments
 * and the description), foreign keys between the user's tables (join conditions), and the
 * keywords that quote_ident() quotes. Narrow pg_catalog reads, no information_schema.
 */
export const completionCatalog = sql`
  WITH user_ns AS (
    SELECT n.oid, n.nspname FROM pg_namespace n
    WHERE ${inUserSchema}
  ), rels AS (
    SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c JOIN user_ns n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND NOT c.relispartition
  ), all_rels AS (
    SELECT * FROM rels
    UNION ALL
    SELECT c.oid, 'pg_catalog', c.relname, c.relkind FROM pg_class c
    WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind IN ('r', 'v')
  ), procs AS (
    SELECT n.nspname, p.proname, p.oid, p.prokind, d.description
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    LEFT JOIN pg_description d ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
    WHERE n.nspname <> 'information_schema' AND p.prokind IN ('f', 'a', 'w') AND p.proname NOT LIKE '\\_%'
  )
  SELECT
    (SELECT coalesce(json_agg(nspname ORDER BY nspname), '[]') FROM user_ns) AS schemas,
    to_json(current_schemas(false)) AS search_path,
    (SELECT coalesce(json_agg(json_build_object('schema', nspname, 'name', relname, 'kind', relkind) ORDER BY nspname, relname), '[]')
       FROM all_rels) AS relations,
    (SELECT coalesce(json_agg(json_build_object('schema', r.nspname, 'relation', r.relname, 'name', a.attname,
                                                'type', format_type(a.atttypid, a.atttypmod)) ORDER BY r.nspname, r.relname, a.attnum), '[]')
       FROM (SELECT * FROM all_rels LIMIT 20000) r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
    (SELECT coalesce(json_agg(f ORDER BY f.schema, f.name), '[]') FROM (
       SELECT nspname AS schema, proname AS name,
              (array_agg(pg_get_function_arguments(oid) ORDER BY oid))[1] AS args,
              (array_agg(pg_get_function_result(oid) ORDER BY oid))[1] AS result,
              (array_agg(prokind ORDER BY oid))[1] AS kind,
              (array_agg(description ORDER BY description IS NULL, oid))[1] AS description,
              (array_agg(pg_get_function_arguments(oid) ORDER BY oid))[2:6] AS overloads
       FROM procs GROUP BY nspname, proname) f) AS functions,
    (SELECT coalesce(json_agg(json_build_object(
              'schema', r.nspname, 'table', r.relname,
              'columns', (SELECT json_agg(a.attname ORDER BY k.n) FROM unnest(co.conkey) WITH ORDINALITY k(num, n)
                          JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num),
              'refSchema', rn.nspname, 'refTable', rc.relname,
              'refColumns', (SELECT json_agg(a.attname ORDER BY k.n) FROM unnest(co.confkey) WITH ORDINALITY k(num, n)
                             JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num))), '[]')
       FROM pg_constraint co JOIN rels r ON r.oid = co.conrelid
       JOIN pg_class rc ON rc.oid = co.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
       WHERE co.contype = 'f') AS foreign_keys,
    (SELECT json_agg(word ORDER BY word) FROM pg_get_keywords() WHERE catcode <> 'U') AS quoted_keywords`;
