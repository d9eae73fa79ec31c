import { commentJoin, inUserSchema, notExtensionMember } from "../../db/catalog-fragments.sql";
import { sql } from "../../db/sql";

/*
 * The introspection queries: one per object kind, pg_catalog only (information_schema
 * is ~6x slower), all run concurrently. Each skips the system schemas; the relation
 * query also skips extension members, and the others keep only rows whose table the
 * relation query returned (joined in JS by oid), so that filter is written once.
 */

export const catalogSchemas = sql`
  SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner, d.description AS comment
  FROM pg_namespace n
  ${commentJoin("pg_namespace", sql`n.oid`)}
  WHERE ${inUserSchema}
    AND ${notExtensionMember("pg_namespace", sql`n.oid`)}
  ORDER BY n.nspname`;

export const catalogRelations = sql`
  SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind, pg_get_userbyid(c.relowner) AS owner,
         d.description AS comment, c.reltuples::float8 AS reltuples, c.relpersistence = 'u' AS unlogged,
         CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
         c.relispartition AS is_partition,
         CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
         c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced, c.relacl::text[] AS acl,
         fs.srvname AS foreign_server
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  ${commentJoin("pg_class", sql`c.oid`)}
  LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
  LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND ${inUserSchema}
    AND ${notExtensionMember("pg_class", sql`c.oid`)}
  ORDER BY n.nspname, c.relname`;

export const catalogInherits = sql`
  SELECT i.inhrelid AS child, n.nspname AS schema, p.relname AS name
  FROM pg_inherits i
  JOIN pg_class p ON p.oid = i.inhparent
  JOIN pg_namespace n ON n.oid = p.relnamespace
  WHERE p.relkind IN ('r', 'p', 'f')
  ORDER BY i.inhrelid, i.inhseqno`;

export const catalogColumns = sql`
  SELECT a.attrelid AS rel, a.attnum AS num, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS not_null, pg_get_expr(ad.adbin, ad.adrelid) AS def, a.attidentity AS identity,
         a.attgenerated AS generated,
         CASE WHEN co.oid IS NOT NULL THEN
           CASE WHEN cn.nspname = 'pg_catalog' THEN quote_ident(co.collname)
                ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END END AS collation,
         d.description AS comment, a.attislocal AS local
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  ${commentJoin("pg_class", sql`a.attrelid`, sql`a.attnum`)}
  WHERE a.attnum > 0 AND NOT a.attisdropped
    AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND ${inUserSchema}
  ORDER BY a.attrelid, a.attnum`;

export const catalogConstraints = sql`
  SELECT k.conrelid AS rel, k.conname AS name, k.contype AS type, k.conkey AS keys,
         pg_get_constraintdef(k.oid) AS def, NOT k.convalidated AS not_valid,
         k.confrelid AS ref_rel, fn.nspname AS ref_schema, fc.relname AS ref_table, k.confkey AS ref_keys,
         k.confupdtype AS on_update, k.confdeltype AS on_delete,
         (NOT k.conislocal OR k.conparentid <> 0) AS inherited, d.description AS comment
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class fc ON fc.oid = k.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
  ${commentJoin("pg_constraint", sql`k.oid`)}
  WHERE k.contype IN ('p', 'f', 'u', 'c', 'x')
    AND ${inUserSchema}
  ORDER BY n.nspname, c.relname, k.contype, k.conname`;

export const catalogIndexes = sql`
  SELECT i.indrelid AS rel, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def,
         i.indkey::int2[] AS keys, i.indnkeyatts AS nkeys, i.indisunique AS is_unique, i.indisprimary AS is_primary,
         NOT i.indisvalid AS invalid, i.indpred IS NOT NULL AS partial, am.amname AS method,
         con.conname AS constraint_name, ic.relispartition AS inherited, d.description AS comment
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_am am ON am.oid = ic.relam
  LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
  ${commentJoin("pg_class", sql`i.indexrelid`)}
  WHERE ${inUserSchema}
  ORDER BY n.nspname, t.relname, ic.relname`;

export const catalogTriggers = sql`
  SELECT t.tgrelid AS rel, t.tgname AS name, pg_get_triggerdef(t.oid) AS def, t.tgenabled AS enabled,
         t.tgparentid <> 0 AS inherited, d.description AS comment
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  ${commentJoin("pg_trigger", sql`t.oid`)}
  WHERE NOT t.tgisinternal
    AND ${inUserSchema}
  ORDER BY n.nspname, c.relname, t.tgname`;

export const catalogRules = sql`
  SELECT r.ev_class AS rel, r.rulename AS name, pg_get_ruledef(r.oid) AS def
  FROM pg_rewrite r
  JOIN pg_class c ON c.oid = r.ev_class
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN'
    AND ${inUserSchema}
  ORDER BY n.nspname, c.relname, r.rulename`;

export const catalogFunctions = sql`
  SELECT p.oid, n.nspname AS schema, p.proname AS name, p.prokind AS kind,
         pg_get_function_identity_arguments(p.oid) AS args,
         CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS result,
         l.lanname AS language, p.provolatile AS volatility, pg_get_userbyid(p.proowner) AS owner,
         d.description AS comment
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_language l ON l.oid = p.prolang
  ${commentJoin("pg_proc", sql`p.oid`)}
  WHERE ${inUserSchema}
    AND ${notExtensionMember("pg_proc", sql`p.oid`)}
  ORDER BY n.nspname, p.proname, p.oid`;

/** Identity columns' internal sequences are part of their column, not listed here. */
export const catalogSequences = sql`
  SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS data_type,
         s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min,
         s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
         on_.nspname AS owned_schema, oc.relname AS owned_table, oa.attname AS owned_column,
         pg_get_userbyid(c.relowner) AS owner, d.description AS comment
  FROM pg_sequence s
  JOIN pg_class c ON c.oid = s.seqrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
        AND dep.refclassid = 'pg_class'::regclass AND dep.deptype = 'a' AND dep.refobjsubid > 0
  LEFT JOIN pg_class oc ON oc.oid = dep.refobjid
  LEFT JOIN pg_namespace on_ ON on_.oid = oc.relnamespace
  LEFT JOIN pg_attribute oa ON oa.attrelid = dep.refobjid AND oa.attnum = dep.refobjsubid
  ${commentJoin("pg_class", sql`c.oid`)}
  WHERE ${inUserSchema}
    AND ${notExtensionMember("pg_class", sql`c.oid`)}
    AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i')
  ORDER BY n.nspname, c.relname`;

export const catalogTypes = sql`
  SELECT n.nspname AS schema, t.typname AS name, t.typtype AS type, pg_get_userbyid(t.typowner) AS owner,
         d.description AS comment,
         CASE WHEN t.typtype = 'e' THEN
           (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels,
         CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
         t.typnotnull AS not_null, t.typdefault AS def,
         CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN quote_ident(co.collname) END AS collation,
         CASE WHEN t.typtype = 'd' THEN
           (SELECT json_agg(json_build_object('name', k.conname, 'definition', pg_get_constraintdef(k.oid)) ORDER BY k.conname)
            FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') END AS checks,
         CASE WHEN t.typtype = 'c' THEN
           (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                   'collation', CASE WHEN a.attcollation <> at.typcollation THEN quote_ident(ac.collname) END) ORDER BY a.attnum)
            FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid LEFT JOIN pg_collation ac ON ac.oid = a.attcollation
            WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attributes
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_collation co ON co.oid = t.typcollation
  LEFT JOIN pg_class rc ON rc.oid = t.typrelid
  ${commentJoin("pg_type", sql`t.oid`)}
  WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND rc.relkind = 'c'))
    AND ${inUserSchema}
    AND ${notExtensionMember("pg_type", sql`t.oid`)}
  ORDER BY n.nspname, t.typname`;

export const catalogExtensions = sql`
  SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  ORDER BY e.extname`;

export const catalogPolicies = sql`
  SELECT p.polrelid AS rel, p.polname AS name, p.polcmd AS command, p.polpermissive AS permissive,
         CASE WHEN p.polroles = '{0}' THEN ARRAY['public']
              ELSE (SELECT array_agg(quote_ident(r.rolname) ORDER BY r.rolname) FROM pg_roles r WHERE r.oid = ANY (p.polroles)) END::text[] AS roles,
         pg_get_expr(p.polqual, p.polrelid) AS using_expr, pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
  FROM pg_policy p
  ORDER BY p.polrelid, p.polname`;

/** The version comes from the connection layer (serverVersion), asked once per pool. */
export const catalogIdentity = sql`SELECT current_database() AS database`;

/** Every catalog query above by the part of the model it reads; the service runs them concurrently. */
export const catalogQueries = {
  identity: catalogIdentity,
  schemas: catalogSchemas,
  relations: catalogRelations,
  inherits: catalogInherits,
  columns: catalogColumns,
  constraints: catalogConstraints,
  indexes: catalogIndexes,
  triggers: catalogTriggers,
  rules: catalogRules,
  functions: catalogFunctions,
  sequences: catalogSequences,
  types: catalogTypes,
  extensions: catalogExtensions,
  policies: catalogPolicies,
} as const;

/** The same queries as a list (the benchmark's baseline). */
export const allCatalogQueries = Object.values(catalogQueries);
