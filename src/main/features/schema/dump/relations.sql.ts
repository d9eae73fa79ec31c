import { inUserSchema } from "../../../db/catalog-fragments.sql";
import { sql } from "../../../db/sql";

/*
 * What a whole-database script needs to know about relations and what hangs off them.
 * Read in one REPEATABLE READ transaction with search_path = '' (as pg_dump does), so
 * every name the server writes (pg_get_*def, format_type, reg* casts) is schema-qualified.
 * One query per catalog, never one per object. `cls` and `oid` name the catalog row, the
 * way pg_depend does.
 */

export const dumpRelations = sql`
  SELECT 'pg_class'::regclass::int AS cls, c.oid::int AS oid, n.nspname AS schema, c.relname AS name,
         c.relkind AS kind, pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl,
         c.relpersistence AS persistence, c.reloptions AS options, c.relreplident AS replident,
         c.relrowsecurity AS rls, c.relforcerowsecurity AS rls_forced,
         CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
         CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
         CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END AS of_type,
         CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef,
         ts.spcname AS tablespace, am.amname AS access_method,
         quote_ident(fs.srvname) AS server, ft.ftoptions AS foreign_options
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
  LEFT JOIN pg_am am ON am.oid = c.relam AND c.relkind IN ('r', 'm') AND am.amname <> 'heap'
  LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
  LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${inUserSchema}
  ORDER BY c.oid`;

export const dumpInherits = sql`
  SELECT i.inhrelid::int AS child, i.inhparent::int AS parent, c.relkind AS kind,
         quote_ident(n.nspname) || '.' || quote_ident(p.relname) AS parent_name
  FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
  JOIN pg_class p ON p.oid = i.inhparent
  JOIN pg_namespace n ON n.oid = p.relnamespace
  WHERE i.inhrelid >= 16384
  ORDER BY i.inhrelid, i.inhseqno`;

export const dumpColumns = sql`
  SELECT a.attrelid::int AS rel, a.attnum AS num, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         a.attnotnull AS not_null, a.attidentity AS identity, a.attgenerated AS generated,
         ad.oid::int AS def_oid, pg_get_expr(ad.adbin, ad.adrelid) AS def,
         CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
         a.attislocal AS local, a.attinhcount AS inhcount,
         NULLIF(a.attstorage, t.typstorage) AS storage, NULLIF(a.attcompression, '') AS compression,
         NULLIF(a.attstattarget, -1) AS stattarget, a.attoptions AS options, a.attfdwoptions AS fdw_options,
         a.attacl::text[] AS acl
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND ${inUserSchema}
  ORDER BY a.attrelid, a.attnum`;

/** Identity columns' own sequences: their options go into the column's GENERATED clause. */
export const dumpIdentitySequences = sql`
  SELECT d.refobjid::int AS rel, d.refobjsubid AS num, quote_ident(sn.nspname) || '.' || quote_ident(sc.relname) AS name,
         format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
         s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle
  FROM pg_depend d
  JOIN pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
  JOIN pg_namespace sn ON sn.oid = sc.relnamespace
  JOIN pg_sequence s ON s.seqrelid = sc.oid
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i' AND d.objid >= 16384`;

/** Sequences that are objects of their own (not an identity column's). */
export const dumpSequences = sql`
  SELECT 'pg_class'::regclass::int AS cls, c.oid::int AS oid, n.nspname AS schema, c.relname AS name,
         pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl, c.relpersistence AS persistence,
         format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
         s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
         d.refobjid::int AS owned_rel, quote_ident(tn.nspname) || '.' || quote_ident(t.relname) AS owned_table, quote_ident(a.attname) AS owned_column
  FROM pg_sequence s
  JOIN pg_class c ON c.oid = s.seqrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
        AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_class t ON t.oid = d.refobjid
  LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE ${inUserSchema} AND (d.deptype IS NULL OR d.deptype = 'a')
  ORDER BY c.oid`;

/** Table constraints (domain constraints come with their domain). */
export const dumpConstraints = sql`
  SELECT 'pg_constraint'::regclass::int AS cls, k.oid::int AS oid, k.conrelid::int AS rel, k.conname AS name,
         k.contype AS type, pg_get_constraintdef(k.oid) AS def, k.conislocal AS local, k.coninhcount AS inhcount,
         k.conparentid::int AS parent, k.convalidated AS validated, k.connoinherit AS no_inherit,
         k.conindid::int AS index, k.conkey AS keys, c.relname AS table_name, to_jsonb(k) ->> 'conenforced' AS enforced
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE k.contype IN ('p', 'u', 'x', 'f', 'c', 'n') AND ${inUserSchema}
  ORDER BY k.oid`;

/** Indexes that are not a constraint's own. */
export const dumpIndexes = sql`
  SELECT 'pg_class'::regclass::int AS cls, i.indexrelid::int AS oid, i.indrelid::int AS rel, n.nspname AS schema,
         ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisclustered AS clustered,
         i.indisreplident AS replident,
         (SELECT h.inhparent::int FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) AS parent,
         EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                 AND k.contype IN ('p', 'u', 'x')) AS of_constraint
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = ic.relnamespace
  WHERE ${inUserSchema}
  ORDER BY i.indexrelid`;

export const dumpTriggers = sql`
  SELECT 'pg_trigger'::regclass::int AS cls, t.oid::int AS oid, t.tgrelid::int AS rel, t.tgname AS name,
         pg_get_triggerdef(t.oid) AS def, t.tgenabled AS enabled
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${inUserSchema}
  ORDER BY t.oid`;

export const dumpRules = sql`
  SELECT 'pg_rewrite'::regclass::int AS cls, r.oid::int AS oid, r.ev_class::int AS rel, r.rulename AS name,
         pg_get_ruledef(r.oid) AS def, r.ev_enabled AS enabled
  FROM pg_rewrite r
  JOIN pg_class c ON c.oid = r.ev_class
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE r.rulename <> '_RETURN' AND ${inUserSchema}
  ORDER BY r.oid`;

export const dumpPolicies = sql`
  SELECT 'pg_policy'::regclass::int AS cls, p.oid::int AS oid, p.polrelid::int AS rel, p.polname AS name,
         p.polcmd AS command, p.polpermissive AS permissive,
         CASE WHEN p.polroles = '{0}' THEN ARRAY['PUBLIC']
              ELSE (SELECT array_agg(quote_ident(r.rolname) ORDER BY r.rolname) FROM pg_roles r WHERE r.oid = ANY (p.polroles)) END AS roles,
         pg_get_expr(p.polqual, p.polrelid) AS using_expr, pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
  FROM pg_policy p
  JOIN pg_class c ON c.oid = p.polrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE ${inUserSchema}
  ORDER BY p.oid`;

export const dumpStatistics = sql`
  SELECT 'pg_statistic_ext'::regclass::int AS cls, s.oid::int AS oid, n.nspname AS schema, s.stxname AS name,
         pg_get_userbyid(s.stxowner) AS owner, pg_get_statisticsobjdef(s.oid) AS def,
         NULLIF(to_jsonb(s) ->> 'stxstattarget', '-1') AS target
  FROM pg_statistic_ext s
  JOIN pg_namespace n ON n.oid = s.stxnamespace
  WHERE ${inUserSchema}
  ORDER BY s.oid`;
