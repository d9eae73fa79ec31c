import type pg from "pg";
import { joinSql, quoteIdent, quoteLiteral, serverSql, sql, sqlComment, type Sql } from "../../../db/sql";
import { aclStatements } from "./acl";
import { buildObjects } from "./build";
import { catalogId, type DumpObject } from "./model";
import type { DumpCatalog } from "./catalog";
import { readDumpCatalog } from "./read";
import { sortObjects } from "./sort";
import type { Row } from "./tables.build";

export interface ScriptOptions {
  owners: boolean;
  grants: boolean;
  /** Rows as INSERTs, sequence positions, matview refreshes. */
  data?: boolean | undefined;
}

export interface DumpScript {
  script: Sql;
  /** The entries in script order with each one's own statements (to replay one by one). */
  entries: { object: DumpObject; sql: Sql }[];
  /** What the script could not say exactly, in words (a dependency cycle, an unreadable catalog). */
  notes: string[];
}

// fixed catalog oids (pg_class.h and friends), used to recognise pg_depend rows
const PG_AMOP = 2602;
const PG_AMPROC = 2603;

/** Catalog id → the entry that stands for it: its own, a member's, or through internal dependencies. */
function resolver(objects: DumpObject[], depends: Row[]): (id: string) => DumpObject | undefined {
  const byId = new Map<string, DumpObject>();
  for (const o of objects) {
    byId.set(o.id, o);
    for (const m of o.members ?? []) byId.set(m, o);
  }
  const alias = new Map<string, string>();
  for (const d of depends) {
    const from = catalogId(d.cls, d.oid);
    const to = catalogId(d.ref_cls, d.ref_oid);
    // part of another object ('i'), an extension's ('e'), or an operator family's loose member
    if (from === to) continue;
    if (d.type === "i" || d.type === "e") alias.set(from, to);
    else if (d.type === "a" && (d.cls === PG_AMOP || d.cls === PG_AMPROC) && !alias.has(from))
      alias.set(from, byId.has(`${to}/members`) ? `${to}/members` : to);
  }
  return (id) => {
    let at: string | undefined = id;
    for (let hops = 0; at !== undefined && hops < 8; hops++) {
      const o = byId.get(at);
      if (o) return o;
      at = alias.get(at);
    }
    return undefined;
  };
}

/** pg_depend's normal and automatic dependencies as needs between entries. */
type Resolve = ReturnType<typeof resolver>;

function addDependencies(objects: DumpObject[], c: DumpCatalog, resolve: Resolve): void {
  const shells = baseTypeShells(c, objects);
  for (const d of c.rows.depends) {
    if (d.type !== "n" && d.type !== "a") continue;
    const from = resolve(catalogId(d.cls, d.oid));
    let to = resolve(catalogId(d.ref_cls, d.ref_oid));
    if (!from || !to || from === to) continue;
    // a base type's I/O functions need only its shell (which is how the cycle is broken)
    const shell = shells.get(to.id);
    if (shell && shell.functions.has(from.id)) to = shell.shell;
    from.deps.add(to.id);
  }
}

function baseTypeShells(c: DumpCatalog, objects: DumpObject[]) {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const out = new Map<string, { shell: DumpObject; functions: Set<string> }>();
  for (const t of c.rows.types) {
    const id = catalogId(t.cls, t.oid);
    const shell = byId.get(`${id}/shell`);
    if (!shell || !t.base) continue;
    const fnCls = 1255; // pg_proc
    out.set(id, {
      shell,
      functions: new Set((t.base.functions as number[]).map((f) => catalogId(fnCls, f))),
    });
  }
  return out;
}

const COMMENT_WORDS: Record<string, Sql> = {
  table: sql`TABLE`,
  view: sql`VIEW`,
  "materialized view": sql`MATERIALIZED VIEW`,
  "foreign table": sql`FOREIGN TABLE`,
  sequence: sql`SEQUENCE`,
  index: sql`INDEX`,
  type: sql`TYPE`,
  "composite type": sql`TYPE`,
  domain: sql`DOMAIN`,
  function: sql`FUNCTION`,
  procedure: sql`PROCEDURE`,
  aggregate: sql`AGGREGATE`,
  schema: sql`SCHEMA`,
  "table constraint": sql`CONSTRAINT`,
  trigger: sql`TRIGGER`,
  rule: sql`RULE`,
  policy: sql`POLICY`,
  "event trigger": sql`EVENT TRIGGER`,
  collation: sql`COLLATION`,
  cast: sql`CAST`,
  operator: sql`OPERATOR`,
  "operator class": sql`OPERATOR CLASS`,
  "operator family": sql`OPERATOR FAMILY`,
  "text search dictionary": sql`TEXT SEARCH DICTIONARY`,
  "text search configuration": sql`TEXT SEARCH CONFIGURATION`,
  "text search parser": sql`TEXT SEARCH PARSER`,
  "text search template": sql`TEXT SEARCH TEMPLATE`,
  extension: sql`EXTENSION`,
  "foreign-data wrapper": sql`FOREIGN DATA WRAPPER`,
  server: sql`SERVER`,
  publication: sql`PUBLICATION`,
  subscription: sql`SUBSCRIPTION`,
  "statistics object": sql`STATISTICS`,
  language: sql`LANGUAGE`,
};

/** The object part of COMMENT ON / SECURITY LABEL ON, from pg_identify_object's type and identity. */
function describedObject(type: string, ident: string): Sql | null {
  if (type.endsWith(" column")) return sql`COLUMN ${serverSql(ident)}`;
  if (type === "domain constraint") {
    const at = outsideQuotes(ident, " on ");
    return at < 0
      ? null
      : sql`CONSTRAINT ${serverSql(ident.slice(0, at))} ON DOMAIN ${serverSql(ident.slice(at + 4))}`;
  }
  const word = COMMENT_WORDS[type];
  return word ? sql`${word} ${serverSql(ident)}` : null;
}

/** Where `needle` first occurs outside double-quoted names. */
function outsideQuotes(text: string, needle: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text.startsWith(needle, i)) return i;
  }
  return -1;
}

/** COMMENT ON and SECURITY LABEL statements, by the entry they follow. */
function describe(c: DumpCatalog, resolve: Resolve, notes: string[]): Map<DumpObject, Sql[]> {
  const out = new Map<DumpObject, Sql[]>();
  const add = (r: Row, text: (what: Sql) => Sql) => {
    const o = resolve(catalogId(r.cls, r.oid));
    if (!o) return;
    const what = describedObject(r.type, r.ident);
    if (!what) {
      notes.push(
        `A comment or security label on a ${r.type} (${r.ident}) has no statement form here: left out`,
      );
      return;
    }
    const list = out.get(o);
    if (list) list.push(text(what));
    else out.set(o, [text(what)]);
  };
  for (const r of c.rows.comments) add(r, (what) => sql`COMMENT ON ${what} IS ${quoteLiteral(r.text)};`);
  for (const r of c.rows.securityLabels)
    add(
      r,
      (what) => sql`SECURITY LABEL FOR ${quoteIdent(r.provider)} ON ${what} IS ${quoteLiteral(r.text)};`,
    );
  return out;
}

/** One entry's statements: its DDL, owner, grants, comments. */
export function renderObject(o: DumpObject, opts: ScriptOptions, comments: Sql[] = []): Sql {
  const lines: Sql[] = [...o.create];
  if (opts.owners && o.owner && o.target)
    lines.push(sql`ALTER ${o.target.keyword} ${o.target.name} OWNER TO ${quoteIdent(o.owner)};`);
  if (opts.grants && o.target?.grantKeyword) {
    const on = sql`${o.target.grantKeyword} ${o.target.name}`;
    lines.push(...aclStatements(on, o.owner, o.acl), ...(o.columnGrants ?? []));
  }
  lines.push(...comments);
  return joinSql(lines, sql`\n`);
}

const header = (o: DumpObject): Sql =>
  sqlComment(`${o.kind}: ${o.schema === null ? "" : `${o.schema}.`}${o.name}`);

/** The whole database as one script, objects in dependency order. */
export async function databaseScript(pool: pg.Pool, opts: ScriptOptions): Promise<DumpScript> {
  return scriptFromCatalog(await readDumpCatalog(pool, opts.data === true), opts);
}

export function scriptFromCatalog(c: DumpCatalog, opts: ScriptOptions): DumpScript {
  const notes = [...c.unreadable.map((u) => `Could not read ${u}`)];
  const schema = buildObjects(c);
  const ids = new Set(schema.map((o) => o.id));
  // rows of tables the script leaves out (an extension's) stay out with them
  const objects = [...schema, ...c.data.filter((o) => [...o.deps].every((d) => ids.has(d)))];
  const resolve = resolver(objects, c.rows.depends);
  addDependencies(objects, c, resolve);
  const comments = describe(c, resolve, notes);
  const { ordered, cycles } = sortObjects(objects);
  for (const o of cycles)
    notes.push(
      `${o.kind} ${o.schema ? `${o.schema}.` : ""}${o.name} is in a dependency cycle: placed before some of what it needs`,
    );
  const entries = ordered
    .map((object) => ({ object, sql: renderObject(object, opts, comments.get(object)) }))
    .filter((e) => e.sql !== "");
  const body = entries.map((e) => sql`${header(e.object)}\n${e.sql}`);
  const preamble = [
    sqlComment(
      `pgdesk whole-database script${opts.owners ? "" : ", without owners"}${opts.grants ? "" : ", without grants"}`,
    ),
    ...notes.map((n) => sqlComment(`NOTE: ${n}`)),
    sql`SET check_function_bodies = false;`,
    sql`SET client_min_messages = warning;`,
  ];
  return { script: joinSql([joinSql(preamble, sql`\n`), ...body], sql`\n\n`), entries, notes };
}
