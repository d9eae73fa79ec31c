import { inUserSchema } from "../../../db/catalog-fragments.sql";
import { sql, type Sql } from "../../../db/sql";

/*
 * The whole-database script's non-relation objects, one query per catalog. Run with
 * search_path = '' so reg* casts and format_type qualify every user name. `ident` is
 * pg_identify_object's identity: the server's own quoting, used after COMMENT ON, ALTER
 * ... OWNER TO and GRANT ... ON. Objects an extension owns are filtered out in JS (one
 * read of pg_depend's 'e' rows), so that rule is written once.
 */

/** schema.name of a pg_proc oid, or NULL for 0 (what a "- " in a catalog means). */
const proc = (col: Sql) =>
  sql`(SELECT quote_ident(pn.nspname) || '.' || quote_ident(pp.proname) FROM pg_proc pp JOIN pg_namespace pn ON pn.oid = pp.pronamespace WHERE pp.oid = ${col})`;

export const dumpSchemas = sql`
  SELECT 'pg_namespace'::regclass::int AS cls, n.oid::int AS oid, n.nspname AS name,
         pg_get_userbyid(n.nspowner) AS owner, n.nspacl::text[] AS acl
  FROM pg_namespace n WHERE ${inUserSchema} ORDER BY n.oid`;

export const dumpExtensions = sql`
  SELECT 'pg_extension'::regclass::int AS cls, e.oid::int AS oid, e.extname AS name, e.extversion AS version,
         n.nspname AS schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.oid >= 16384 ORDER BY e.oid`;

/** Every type that is an object of its own: not a relation's row type, an array or a multirange. */
export const dumpTypes = sql`
  SELECT 'pg_type'::regclass::int AS cls, t.oid::int AS oid, n.nspname AS schema, t.typname AS name,
         t.typtype AS type, pg_get_userbyid(t.typowner) AS owner, t.typacl::text[] AS acl,
         t.typrelid::int AS relid, 'pg_class'::regclass::int AS class_cls, 'pg_constraint'::regclass::int AS con_cls,
         CASE WHEN t.typtype = 'e' THEN
           (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels,
         CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
         t.typnotnull AS not_null, t.typdefault AS def,
         CASE WHEN t.typtype IN ('d', 'b') AND t.typcollation <> coalesce(bt.typcollation, 0)
              THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
         CASE WHEN t.typtype = 'd' THEN
           (SELECT json_agg(json_build_object('oid', k.oid::int, 'name', k.conname, 'def', pg_get_constraintdef(k.oid),
                   'validated', k.convalidated) ORDER BY k.conname)
            FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') END AS checks,
         CASE WHEN t.typtype = 'c' THEN
           (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                   'collation', CASE WHEN a.attcollation <> at.typcollation
                                     THEN quote_ident(acn.nspname) || '.' || quote_ident(ac.collname) END) ORDER BY a.attnum)
            FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
            LEFT JOIN pg_collation ac ON ac.oid = a.attcollation LEFT JOIN pg_namespace acn ON acn.oid = ac.collnamespace
            WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attributes,
         CASE WHEN t.typtype = 'r' THEN
           (SELECT json_build_object('subtype', format_type(r.rngsubtype, NULL),
                   'opclass', CASE WHEN NOT oc.opcdefault THEN quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END,
                   'collation', CASE WHEN r.rngcollation <> st.typcollation
                                     THEN quote_ident(rcn.nspname) || '.' || quote_ident(rc.collname) END,
                   'canonical', ${proc(sql`r.rngcanonical`)}, 'diff', ${proc(sql`r.rngsubdiff`)},
                   'multirange', format_type(r.rngmultitypid, NULL))
            FROM pg_range r JOIN pg_type st ON st.oid = r.rngsubtype JOIN pg_opclass oc ON oc.oid = r.rngsubopc
            JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
            LEFT JOIN pg_collation rc ON rc.oid = r.rngcollation LEFT JOIN pg_namespace rcn ON rcn.oid = rc.collnamespace
            WHERE r.rngtypid = t.oid) END AS range,
         CASE WHEN t.typtype = 'b' THEN
           json_build_object('input', ${proc(sql`t.typinput`)}, 'output', ${proc(sql`t.typoutput`)},
             'receive', ${proc(sql`t.typreceive`)}, 'send', ${proc(sql`t.typsend`)}, 'typmod_in', ${proc(sql`t.typmodin`)},
             'typmod_out', ${proc(sql`t.typmodout`)}, 'analyze', ${proc(sql`t.typanalyze`)},
             'subscript', ${proc(sql`t.typsubscript`)}, 'length', t.typlen, 'byval', t.typbyval, 'align', t.typalign,
             'storage', t.typstorage, 'category', t.typcategory, 'preferred', t.typispreferred,
             'delimiter', t.typdelim, 'element', CASE WHEN t.typelem <> 0 THEN format_type(t.typelem, NULL) END,
             'functions', ARRAY[t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin, t.typmodout,
                                t.typanalyze, t.typsubscript]::int[]) END AS base
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_collation co ON co.oid = t.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_class rc ON rc.oid = t.typrelid
  WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r') AND (t.typrelid = 0 OR rc.relkind = 'c')
    AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)
    AND ${inUserSchema}
  ORDER BY t.oid`;

/** Functions and procedures (pg_get_functiondef), aggregates (their parts, put together in JS). */
export const dumpFunctions = sql`
  SELECT 'pg_proc'::regclass::int AS cls, p.oid::int AS oid, n.nspname AS schema, p.proname AS name,
         p.prokind AS kind, pg_get_userbyid(p.proowner) AS owner, p.proacl::text[] AS acl,
         (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity AS ident,
         CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS def,
         CASE WHEN p.prokind = 'a' THEN pg_get_function_arguments(p.oid) END AS args,
         p.proparallel AS parallel
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE ${inUserSchema}
  ORDER BY p.oid`;

export const dumpAggregates = sql`
  SELECT a.aggfnoid::int AS oid, a.aggkind AS kind, ${proc(sql`a.aggtransfn`)} AS sfunc, format_type(a.aggtranstype, NULL) AS stype,
         a.aggtransspace AS sspace, ${proc(sql`a.aggfinalfn`)} AS finalfunc, a.aggfinalextra AS finalfunc_extra,
         a.aggfinalmodify AS finalfunc_modify, ${proc(sql`a.aggcombinefn`)} AS combinefunc,
         ${proc(sql`a.aggserialfn`)} AS serialfunc, ${proc(sql`a.aggdeserialfn`)} AS deserialfunc, a.agginitval AS initcond,
         ${proc(sql`a.aggmtransfn`)} AS msfunc, ${proc(sql`a.aggminvtransfn`)} AS minvfunc,
         CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END AS mstype, a.aggmtransspace AS msspace,
         ${proc(sql`a.aggmfinalfn`)} AS mfinalfunc, a.aggmfinalextra AS mfinalfunc_extra,
         a.aggmfinalmodify AS mfinalfunc_modify, a.aggminitval AS minitcond,
         (SELECT quote_ident(on_.nspname) || '.' || o.oprname FROM pg_operator o JOIN pg_namespace on_ ON on_.oid = o.oprnamespace
          WHERE o.oid = a.aggsortop) AS sortop
  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE ${inUserSchema}`;

const oper = (col: Sql) =>
  sql`(SELECT 'OPERATOR(' || quote_ident(xn.nspname) || '.' || xo.oprname || ')' FROM pg_operator xo JOIN pg_namespace xn ON xn.oid = xo.oprnamespace WHERE xo.oid = ${col})`;

export const dumpOperators = sql`
  SELECT 'pg_operator'::regclass::int AS cls, o.oid::int AS oid, n.nspname AS schema, o.oprname AS name,
         pg_get_userbyid(o.oprowner) AS owner, (pg_identify_object('pg_operator'::regclass, o.oid, 0)).identity AS ident,
         CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END AS leftarg,
         CASE WHEN o.oprright <> 0 THEN format_type(o.oprright, NULL) END AS rightarg,
         ${proc(sql`o.oprcode`)} AS function, ${oper(sql`o.oprcom`)} AS commutator, ${oper(sql`o.oprnegate`)} AS negator,
         ${proc(sql`o.oprrest`)} AS restrict, ${proc(sql`o.oprjoin`)} AS join, o.oprcanhash AS hashes, o.oprcanmerge AS merges
  FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
  WHERE ${inUserSchema} ORDER BY o.oid`;

export const dumpOpFamilies = sql`
  SELECT 'pg_opfamily'::regclass::int AS cls, f.oid::int AS oid, n.nspname AS schema, f.opfname AS name,
         pg_get_userbyid(f.opfowner) AS owner, am.amname AS method,
         (pg_identify_object('pg_opfamily'::regclass, f.oid, 0)).identity AS ident
  FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
  WHERE ${inUserSchema} ORDER BY f.oid`;

export const dumpOpClasses = sql`
  SELECT 'pg_opclass'::regclass::int AS cls, c.oid::int AS oid, n.nspname AS schema, c.opcname AS name,
         pg_get_userbyid(c.opcowner) AS owner, am.amname AS method, c.opcdefault AS is_default,
         format_type(c.opcintype, NULL) AS type, c.opcfamily::int AS family,
         'pg_opfamily'::regclass::int AS family_cls, quote_ident(fn.nspname) || '.' || quote_ident(f.opfname) AS family_name,
         CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END AS storage,
         (pg_identify_object('pg_opclass'::regclass, c.oid, 0)).identity AS ident
  FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod
  JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace
  WHERE ${inUserSchema} ORDER BY c.oid`;

/** Operators and support functions of user operator families; `opclass` says which class holds them. */
export const dumpOpFamilyMembers = sql`
  SELECT 'op' AS what, m.amopfamily::int AS family, m.amopstrategy AS num,
         format_type(m.amoplefttype, NULL) AS lefttype, format_type(m.amoprighttype, NULL) AS righttype,
         quote_ident(on_.nspname) || '.' || o.oprname AS member, m.amoppurpose AS purpose,
         (SELECT quote_ident(sn.nspname) || '.' || quote_ident(sf.opfname) FROM pg_opfamily sf
          JOIN pg_namespace sn ON sn.oid = sf.opfnamespace WHERE sf.oid = m.amopsortfamily) AS sortfamily,
         (SELECT d.refobjid::int FROM pg_depend d WHERE d.classid = 'pg_amop'::regclass AND d.objid = m.oid
          AND d.refclassid = 'pg_opclass'::regclass LIMIT 1) AS opclass
  FROM pg_amop m JOIN pg_operator o ON o.oid = m.amopopr JOIN pg_namespace on_ ON on_.oid = o.oprnamespace
  WHERE m.amopfamily >= 16384
  UNION ALL
  SELECT 'fn', m.amprocfamily::int, m.amprocnum, format_type(m.amproclefttype, NULL), format_type(m.amprocrighttype, NULL),
         m.amproc::regprocedure::text, NULL, NULL,
         (SELECT d.refobjid::int FROM pg_depend d WHERE d.classid = 'pg_amproc'::regclass AND d.objid = m.oid
          AND d.refclassid = 'pg_opclass'::regclass LIMIT 1)
  FROM pg_amproc m WHERE m.amprocfamily >= 16384
  ORDER BY 2, 1 DESC, 3`;

export const dumpCasts = sql`
  SELECT 'pg_cast'::regclass::int AS cls, c.oid::int AS oid, format_type(c.castsource, NULL) AS source,
         format_type(c.casttarget, NULL) AS target, CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text END AS function,
         c.castcontext AS context, c.castmethod AS method,
         (pg_identify_object('pg_cast'::regclass, c.oid, 0)).identity AS ident
  FROM pg_cast c WHERE c.oid >= 16384 ORDER BY c.oid`;

export const dumpCollations = sql`
  SELECT 'pg_collation'::regclass::int AS cls, c.oid::int AS oid, n.nspname AS schema, c.collname AS name,
         pg_get_userbyid(c.collowner) AS owner, to_jsonb(c) AS raw
  FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
  WHERE ${inUserSchema} ORDER BY c.oid`;

export const dumpTextSearch = sql`
  SELECT 'pg_ts_dict'::regclass::int AS cls, d.oid::int AS oid, 'dictionary' AS what, n.nspname AS schema, d.dictname AS name,
         pg_get_userbyid(d.dictowner) AS owner,
         json_build_object('template', (SELECT quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname) FROM pg_ts_template t
                   JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE t.oid = d.dicttemplate),
                 'options', d.dictinitoption) AS parts
  FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace WHERE ${inUserSchema}
  UNION ALL
  SELECT 'pg_ts_config'::regclass::int, c.oid::int, 'configuration', n.nspname, c.cfgname, pg_get_userbyid(c.cfgowner),
         json_build_object('parser', (SELECT quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) FROM pg_ts_parser p
                   JOIN pg_namespace pn ON pn.oid = p.prsnamespace WHERE p.oid = c.cfgparser),
                 'mappings', (SELECT json_agg(json_build_object('token', tt.alias, 'dicts',
                      (SELECT array_agg(quote_ident(dn.nspname) || '.' || quote_ident(dd.dictname) ORDER BY m.mapseqno)
                       FROM pg_ts_config_map m JOIN pg_ts_dict dd ON dd.oid = m.mapdict JOIN pg_namespace dn ON dn.oid = dd.dictnamespace
                       WHERE m.mapcfg = c.oid AND m.maptokentype = tt.tokid)) ORDER BY tt.tokid)
                   FROM ts_token_type(c.cfgparser) tt
                   WHERE EXISTS (SELECT 1 FROM pg_ts_config_map m WHERE m.mapcfg = c.oid AND m.maptokentype = tt.tokid)))
  FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE ${inUserSchema}
  UNION ALL
  SELECT 'pg_ts_template'::regclass::int, t.oid::int, 'template', n.nspname, t.tmplname, NULL,
         json_build_object('init', ${proc(sql`t.tmplinit`)}, 'lexize', ${proc(sql`t.tmpllexize`)})
  FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace WHERE ${inUserSchema}
  UNION ALL
  SELECT 'pg_ts_parser'::regclass::int, p.oid::int, 'parser', n.nspname, p.prsname, NULL,
         json_build_object('start', ${proc(sql`p.prsstart`)}, 'gettoken', ${proc(sql`p.prstoken`)}, 'end', ${proc(sql`p.prsend`)},
                 'lextypes', ${proc(sql`p.prslextype`)}, 'headline', ${proc(sql`p.prsheadline`)})
  FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace WHERE ${inUserSchema}
  ORDER BY 2`;

export const dumpForeignData = sql`
  SELECT 'pg_foreign_data_wrapper'::regclass::int AS cls, w.oid::int AS oid, 'wrapper' AS what, w.fdwname AS name,
         pg_get_userbyid(w.fdwowner) AS owner, w.fdwacl::text[] AS acl, w.fdwoptions AS options,
         json_build_object('handler', ${proc(sql`w.fdwhandler`)}, 'validator', ${proc(sql`w.fdwvalidator`)}) AS parts
  FROM pg_foreign_data_wrapper w WHERE w.oid >= 16384
  UNION ALL
  SELECT 'pg_foreign_server'::regclass::int, s.oid::int, 'server', s.srvname, pg_get_userbyid(s.srvowner), s.srvacl::text[],
         s.srvoptions, json_build_object('type', s.srvtype, 'version', s.srvversion, 'wrapper', quote_ident(w.fdwname))
  FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw WHERE s.oid >= 16384
  UNION ALL
  SELECT 'pg_user_mapping'::regclass::int, m.umid::int, 'mapping', m.srvname, NULL, NULL, m.umoptions,
         json_build_object('user', CASE WHEN m.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(m.usename) END,
                           'server_cls', 'pg_foreign_server'::regclass::int,
                           'server', quote_ident(m.srvname), 'server_oid', m.srvid::int)
  FROM pg_user_mappings m WHERE m.umid >= 16384
  ORDER BY 2`;

export const dumpPublications = sql`
  SELECT 'pg_publication'::regclass::int AS cls, p.oid::int AS oid, p.pubname AS name,
         pg_get_userbyid(p.pubowner) AS owner, to_jsonb(p) AS raw,
         'pg_class'::regclass::int AS class_cls, 'pg_namespace'::regclass::int AS namespace_cls,
         (SELECT json_agg(json_build_object('rel', r.prrelid::int,
                   'table', quote_ident(rn.nspname) || '.' || quote_ident(rc.relname),
                   'where', pg_get_expr(r.prqual, r.prrelid),
                   'columns', (SELECT array_agg(quote_ident(a.attname) ORDER BY a.attnum) FROM pg_attribute a
                               WHERE a.attrelid = r.prrelid AND a.attnum = ANY (r.prattrs))) ORDER BY r.oid)
          FROM pg_publication_rel r JOIN pg_class rc ON rc.oid = r.prrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
          WHERE r.prpubid = p.oid) AS tables,
         (SELECT json_agg(json_build_object('schema_oid', pn.pnnspid::int, 'schema', quote_ident(sn.nspname)) ORDER BY pn.oid)
          FROM pg_publication_namespace pn JOIN pg_namespace sn ON sn.oid = pn.pnnspid
          WHERE pn.pnpubid = p.oid) AS schemas
  FROM pg_publication p ORDER BY p.oid`;

/** Needs the right to read pg_subscription's connection strings (a superuser); the caller says when it is missing. */
export const dumpSubscriptions = sql`
  SELECT 'pg_subscription'::regclass::int AS cls, s.oid::int AS oid, s.subname AS name,
         pg_get_userbyid(s.subowner) AS owner, to_jsonb(s) AS raw
  FROM pg_subscription s WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  ORDER BY s.oid`;

export const dumpEventTriggers = sql`
  SELECT 'pg_event_trigger'::regclass::int AS cls, e.oid::int AS oid, e.evtname AS name, e.evtevent AS event,
         pg_get_userbyid(e.evtowner) AS owner, ${proc(sql`e.evtfoid`)} AS function, e.evtenabled AS enabled, e.evttags AS tags
  FROM pg_event_trigger e WHERE e.oid >= 16384 ORDER BY e.oid`;

export const dumpDefaultAcls = sql`
  SELECT 'pg_default_acl'::regclass::int AS cls, d.oid::int AS oid, pg_get_userbyid(d.defaclrole) AS role,
         n.nspname AS schema, d.defaclnamespace::int AS schema_oid, 'pg_namespace'::regclass::int AS namespace_cls, d.defaclobjtype AS type, d.defaclacl::text[] AS acl
  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace ORDER BY d.oid`;

/** Comments (objsubid > 0: a column's). */
export const dumpComments = sql`
  SELECT d.classoid::int AS cls, d.objoid::int AS oid, d.objsubid AS sub, i.type, i.identity AS ident, d.description AS text
  FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) i
  WHERE d.objoid >= 16384 ORDER BY d.objoid, d.objsubid`;

export const dumpSecurityLabels = sql`
  SELECT l.classoid::int AS cls, l.objoid::int AS oid, l.objsubid AS sub, i.type, i.identity AS ident,
         l.provider, l.label AS text
  FROM pg_seclabel l CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) i
  WHERE l.objoid >= 16384`;

/** pg_depend between user objects; 'e' rows say which objects an extension owns. */
export const dumpDepends = sql`
  SELECT d.classid::int AS cls, d.objid::int AS oid, d.refclassid::int AS ref_cls, d.refobjid::int AS ref_oid,
         d.deptype AS type
  FROM pg_depend d WHERE d.objid >= 16384 AND d.refobjid >= 16384 AND d.deptype IN ('n', 'a', 'i', 'e')`;
