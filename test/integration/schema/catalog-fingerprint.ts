import type pg from "pg";

/*
 * An independent description of a database's schema, to compare a source with its replay
 * where no pg_dump can read the server (18): one line per object, built only from the
 * catalogs and the server's own pg_get_*def / format_type / reg* output, never from
 * pgdesk's DDL builder. Oids differ between databases, so every reference is by name
 * (pg_identify_object's identity, reg* casts). Covered: schemas, extensions, relations of
 * every kind (persistence, options, replica identity, RLS, partition key and bound,
 * parents in order, typed-table type, view definitions, access method, tablespace,
 * foreign server and options), columns (type, NOT NULL, identity, generated, default,
 * collation, local/inherited, storage, compression, statistics, options, privileges),
 * constraints (definition, local/inherited, validated, enforced, NO INHERIT, parent),
 * indexes (definition, clustered, replica identity, validity, parent), triggers and rules
 * with enable state, policies, sequences (all options, owning column), functions and
 * procedures (pg_get_functiondef), aggregates (every pg_aggregate field), types (enum
 * labels, domain base/default/NOT NULL/collation, composite attributes, range parts, base
 * type functions and storage), collations, casts, operators, operator families and
 * classes with their members, text search parsers/templates/dictionaries/configurations
 * with mappings, wrappers, servers, user mappings (options but a password), publications
 * with tables/filters/column lists/schemas, subscriptions, event triggers, extended
 * statistics, default privileges, comments and security labels, and every owner and ACL.
 */

const user = `n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`;
const notExt = (cat: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '${cat}'::regclass AND x.objid = ${oid} AND x.deptype IN ('e', 'i') AND NOT (x.refclassid = x.classid AND x.refobjid = x.objid))`;
const ident = (cat: string, oid: string, sub = "0") =>
  `(pg_identify_object('${cat}'::regclass, ${oid}, ${sub})).identity`;

const parts: Record<string, string> = {
  schema: `SELECT n.nspname, pg_get_userbyid(n.nspowner), n.nspacl FROM pg_namespace n WHERE ${user}`,
  extension: `SELECT e.extname, e.extversion, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`,
  relation: `SELECT ${ident("pg_class", "c.oid")}, c.relkind, c.relpersistence, c.reloptions, c.relreplident, c.relrowsecurity,
      c.relforcerowsecurity, c.relispartition, pg_get_expr(c.relpartbound, c.oid), CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
      c.reloftype::regtype, CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END, am.amname, c.reltablespace,
      pg_get_userbyid(c.relowner), c.relacl, fs.srvname, ft.ftoptions,
      (SELECT array_agg(i.inhparent::regclass::text ORDER BY i.inhseqno) FROM pg_inherits i WHERE i.inhrelid = c.oid)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_am am ON am.oid = c.relam
    LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c', 'S') AND ${user} AND ${notExt("pg_class", "c.oid")}`,
  column: `SELECT ${ident("pg_class", "a.attrelid", "a.attnum")},
      row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum), format_type(a.atttypid, a.atttypmod), a.attnotnull,
      a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid), a.attcollation::regcollation, a.attislocal, a.attinhcount,
      a.attstorage, a.attcompression, NULLIF(a.attstattarget, -1), a.attoptions, a.attfdwoptions, a.attacl
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND ${user} AND ${notExt("pg_class", "c.oid")}`,
  constraint: `SELECT ${ident("pg_constraint", "k.oid")}, k.contype, pg_get_constraintdef(k.oid), k.conislocal, k.coninhcount,
      k.convalidated, k.connoinherit, k.condeferrable, k.condeferred, to_jsonb(k) -> 'conenforced',
      CASE WHEN k.conparentid <> 0 THEN ${ident("pg_constraint", "k.conparentid")} END
    FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE ${user}`,
  index: `SELECT ${ident("pg_class", "i.indexrelid")}, pg_get_indexdef(i.indexrelid), i.indisclustered, i.indisreplident,
      i.indisvalid, (SELECT h.inhparent::regclass::text FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${user}`,
  trigger: `SELECT ${ident("pg_trigger", "t.oid")}, pg_get_triggerdef(t.oid), t.tgenabled, t.tgparentid <> 0
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND ${user}`,
  rule: `SELECT ${ident("pg_rewrite", "r.oid")}, pg_get_ruledef(r.oid), r.ev_enabled
    FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${user}`,
  policy: `SELECT ${ident("pg_policy", "p.oid")}, p.polcmd, p.polpermissive,
      (SELECT array_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END ORDER BY r) FROM unnest(p.polroles) r),
      pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid) FROM pg_policy p`,
  sequence: `SELECT ${ident("pg_class", "s.seqrelid")}, s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmax, s.seqmin,
      s.seqcache, s.seqcycle,
      (SELECT ${ident("pg_class", "d.refobjid", "d.refobjsubid")} || ' ' || d.deptype::text FROM pg_depend d
       WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${user}`,
  function: `SELECT ${ident("pg_proc", "p.oid")}, p.prokind, CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END,
      pg_get_userbyid(p.proowner), p.proacl, p.proparallel, pg_get_function_arguments(p.oid)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${user} AND ${notExt("pg_proc", "p.oid")}`,
  aggregate: `SELECT ${ident("pg_proc", "a.aggfnoid")}, a.aggkind, a.aggnumdirectargs, a.aggtransfn::regprocedure, a.aggfinalfn::regproc,
      a.aggcombinefn::regproc, a.aggserialfn::regproc, a.aggdeserialfn::regproc, a.aggmtransfn::regproc, a.aggminvtransfn::regproc,
      a.aggmfinalfn::regproc, a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify, a.aggsortop::regoperator,
      a.aggtranstype::regtype, a.aggtransspace, a.aggmtranstype::regtype, a.aggmtransspace, a.agginitval, a.aggminitval
    FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${user}`,
  type: `SELECT ${ident("pg_type", "t.oid")}, t.typtype, pg_get_userbyid(t.typowner), t.typacl, t.typnotnull, t.typdefault,
      t.typbasetype::regtype, t.typtypmod, t.typcollation::regcollation, t.typinput::regproc, t.typoutput::regproc,
      t.typreceive::regproc, t.typsend::regproc, t.typmodin::regproc, t.typmodout::regproc, t.typanalyze::regproc,
      t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory, t.typispreferred, t.typdelim, t.typelem::regtype,
      (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
      (SELECT json_build_array(r.rngsubtype::regtype, r.rngsubopc::regclass::text, r.rngcollation::regcollation,
              r.rngcanonical::regproc, r.rngsubdiff::regproc, r.rngmultitypid::regtype) FROM pg_range r WHERE r.rngtypid = t.oid)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${user} AND ${notExt("pg_type", "t.oid")}`,
  collation: `SELECT ${ident("pg_collation", "c.oid")}, pg_get_userbyid(c.collowner),
      to_jsonb(c) - 'oid' - 'collnamespace' - 'collowner' - 'collversion'
    FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE ${user}`,
  cast: `SELECT ${ident("pg_cast", "c.oid")}, c.castfunc::regprocedure, c.castcontext, c.castmethod
    FROM pg_cast c WHERE c.oid >= 16384 AND ${notExt("pg_cast", "c.oid")}`,
  operator: `SELECT ${ident("pg_operator", "o.oid")}, pg_get_userbyid(o.oprowner), o.oprcode::regproc, o.oprcom::regoperator,
      o.oprnegate::regoperator, o.oprrest::regproc, o.oprjoin::regproc, o.oprcanhash, o.oprcanmerge
    FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE ${user} AND ${notExt("pg_operator", "o.oid")}`,
  opfamily: `SELECT ${ident("pg_opfamily", "f.oid")}, pg_get_userbyid(f.opfowner)
    FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace WHERE ${user} AND ${notExt("pg_opfamily", "f.oid")}`,
  opclass: `SELECT ${ident("pg_opclass", "c.oid")}, pg_get_userbyid(c.opcowner), c.opcintype::regtype, c.opcdefault,
      ${ident("pg_opfamily", "c.opcfamily")}, c.opckeytype::regtype
    FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace WHERE ${user} AND ${notExt("pg_opclass", "c.oid")}`,
  amop: `SELECT ${ident("pg_amop", "m.oid")}, m.amoppurpose, m.amopsortfamily,
      (SELECT ${ident("pg_opclass", "d.refobjid")} FROM pg_depend d WHERE d.classid = 'pg_amop'::regclass AND d.objid = m.oid AND d.refclassid = 'pg_opclass'::regclass)
    FROM pg_amop m WHERE m.amopfamily >= 16384`,
  amproc: `SELECT ${ident("pg_amproc", "m.oid")},
      (SELECT ${ident("pg_opclass", "d.refobjid")} FROM pg_depend d WHERE d.classid = 'pg_amproc'::regclass AND d.objid = m.oid AND d.refclassid = 'pg_opclass'::regclass)
    FROM pg_amproc m WHERE m.amprocfamily >= 16384`,
  tsdict: `SELECT ${ident("pg_ts_dict", "d.oid")}, pg_get_userbyid(d.dictowner), d.dicttemplate::regclass::text, ${ident("pg_ts_template", "d.dicttemplate")}, d.dictinitoption
    FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace WHERE ${user}`,
  tsconfig: `SELECT ${ident("pg_ts_config", "c.oid")}, pg_get_userbyid(c.cfgowner), ${ident("pg_ts_parser", "c.cfgparser")},
      (SELECT array_agg(m.maptokentype || ':' || m.mapseqno || ':' || m.mapdict::regdictionary ORDER BY m.maptokentype, m.mapseqno) FROM pg_ts_config_map m WHERE m.mapcfg = c.oid)
    FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace WHERE ${user}`,
  tsparser: `SELECT ${ident("pg_ts_parser", "p.oid")}, p.prsstart::regproc, p.prstoken::regproc, p.prsend::regproc, p.prsheadline::regproc, p.prslextype::regproc
    FROM pg_ts_parser p JOIN pg_namespace n ON n.oid = p.prsnamespace WHERE ${user}`,
  tstemplate: `SELECT ${ident("pg_ts_template", "t.oid")}, t.tmplinit::regproc, t.tmpllexize::regproc
    FROM pg_ts_template t JOIN pg_namespace n ON n.oid = t.tmplnamespace WHERE ${user}`,
  wrapper: `SELECT w.fdwname, pg_get_userbyid(w.fdwowner), w.fdwhandler::regproc, w.fdwvalidator::regproc, w.fdwoptions, w.fdwacl
    FROM pg_foreign_data_wrapper w WHERE ${notExt("pg_foreign_data_wrapper", "w.oid")}`,
  server: `SELECT s.srvname, pg_get_userbyid(s.srvowner), s.srvtype, s.srvversion, s.srvoptions, s.srvacl, w.fdwname
    FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw`,
  mapping: `SELECT m.srvname, m.usename, (SELECT array_agg(o ORDER BY o) FROM unnest(m.umoptions) o WHERE o NOT LIKE 'password=%')
    FROM pg_user_mappings m`,
  publication: `SELECT p.pubname, pg_get_userbyid(p.pubowner), to_jsonb(p) - 'oid' - 'pubowner',
      (SELECT array_agg(r.prrelid::regclass || ' ' || coalesce(pg_get_expr(r.prqual, r.prrelid), '') || ' ' || coalesce(r.prattrs::text, '') ORDER BY r.prrelid::regclass::text)
       FROM pg_publication_rel r WHERE r.prpubid = p.oid),
      (SELECT array_agg(pn.pnnspid::regnamespace::text ORDER BY pn.pnnspid::regnamespace::text) FROM pg_publication_namespace pn WHERE pn.pnpubid = p.oid)
    FROM pg_publication p`,
  subscription: `SELECT s.subname, pg_get_userbyid(s.subowner), to_jsonb(s) - 'oid' - 'subdbid' - 'subowner' - 'subskiplsn'
    FROM pg_subscription s WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  eventtrigger: `SELECT e.evtname, e.evtevent, pg_get_userbyid(e.evtowner), e.evtfoid::regproc, e.evtenabled, e.evttags FROM pg_event_trigger e`,
  statistics: `SELECT ${ident("pg_statistic_ext", "s.oid")}, pg_get_statisticsobjdef(s.oid), pg_get_userbyid(s.stxowner), to_jsonb(s) -> 'stxstattarget'
    FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE ${user}`,
  defaultacl: `SELECT pg_get_userbyid(d.defaclrole), d.defaclnamespace::regnamespace, d.defaclobjtype, d.defaclacl FROM pg_default_acl d`,
  comment: `SELECT i.type, i.identity, d.description FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) i
    WHERE d.objoid >= 16384 AND i.schema IS DISTINCT FROM 'pg_catalog'`,
  seclabel: `SELECT i.type, i.identity, l.provider, l.label FROM pg_seclabel l CROSS JOIN LATERAL pg_identify_object(l.classoid, l.objoid, l.objsubid) i`,
};

/** The database's fingerprint: one sorted line per object ("kind: json of its parts"). */
export async function catalogFingerprint(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query("SELECT set_config('search_path', '', true)");
    const lines: string[] = [];
    for (const [kind, text] of Object.entries(parts)) {
      const { rows } = await client.query({ text, rowMode: "array" });
      for (const r of rows) lines.push(`${kind}: ${JSON.stringify(r)}`);
    }
    await client.query("COMMIT");
    return lines.sort();
  } finally {
    client.release();
  }
}

/** Lines in one fingerprint and not the other ("- " source only, "+ " replay only). */
export function fingerprintDiff(source: string[], replay: string[]): string[] {
  const a = new Set(source);
  const b = new Set(replay);
  return [
    ...source.filter((l) => !b.has(l)).map((l) => `- ${l}`),
    ...replay.filter((l) => !a.has(l)).map((l) => `+ ${l}`),
  ];
}
