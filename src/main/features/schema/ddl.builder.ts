import type { ColumnInfo, ConstraintInfo, RelationInfo, SchemaModel } from "../../../shared/contract/schema";
import {
  joinSql,
  quoteIdent,
  quoteLiteral,
  quoteQualified,
  serverSql,
  sqlComment,
  sql,
  type Sql,
} from "../../db/sql";

/**
 * DDL text assembled from the catalog model. Names are quoted here; types, defaults,
 * expressions and definitions are the server's own text (format_type, pg_get_*def,
 * pg_get_expr), already quoted by it. View and function bodies come from `bodies`
 * (fetched by oid).
 */
export interface Bodies {
  /** pg_get_viewdef of views and materialized views, by oid. */
  views: Map<number, string>;
  /** pg_get_functiondef of functions and procedures, by oid. */
  functions: Map<number, string>;
}

const comment = (what: Sql, text: string | undefined): Sql[] =>
  text === undefined ? [] : [sql`COMMENT ON ${what} IS ${quoteLiteral(text)};`];

const words = (parts: Sql[]) => joinSql(parts, sql` `);

/** Statements one after another, a blank line between them. */
export const ddlScript = (statements: Sql[]) => joinSql(statements, sql`\n\n`);
const unlogged = (rel: RelationInfo) => (rel.unlogged ? sql` UNLOGGED` : sql``);
const partitionBy = (rel: RelationInfo) =>
  rel.partitionKey ? sql`\n    PARTITION BY ${serverSql(rel.partitionKey)}` : sql``;

/** A table's DDL in the phases a whole-database script needs (FK cycles, parents first). */
export interface TableParts {
  create: Sql[];
  /** Constraints added after CREATE (partitions' own, NOT VALID ones). */
  constraints: Sql[];
  foreignKeys: Sql[];
  /** Indexes, triggers, rules, RLS, policies, comments. */
  after: Sql[];
}

export function columnDdl(c: ColumnInfo): Sql {
  const parts = [sql`${quoteIdent(c.name)} ${serverSql(c.type)}`];
  if (c.collation) parts.push(sql`COLLATE ${serverSql(c.collation)}`);
  if (c.generated) {
    const stored = c.generated.kind === "v" ? sql`VIRTUAL` : sql`STORED`;
    parts.push(sql`GENERATED ALWAYS AS (${serverSql(c.generated.expr)}) ${stored}`);
  }
  if (c.identity)
    parts.push(sql`GENERATED ${c.identity === "a" ? sql`ALWAYS` : sql`BY DEFAULT`} AS IDENTITY`);
  if (c.default !== undefined) parts.push(sql`DEFAULT ${serverSql(c.default)}`);
  if (c.notNull && !c.identity) parts.push(sql`NOT NULL`);
  return words(parts);
}

export function constraintDdl(k: ConstraintInfo): Sql {
  return sql`ALTER TABLE ${quoteQualified(k.schema, k.table)} ADD CONSTRAINT ${quoteIdent(k.name)} ${serverSql(k.definition)};`;
}

/** The CREATE statement: foreign, partition, or plain (possibly inheriting) table. */
function createTable(rel: RelationInfo, lines: Sql[]): Sql {
  const name = quoteQualified(rel.schema, rel.name);
  const body = lines.length ? sql` (\n    ${joinSql(lines, sql`,\n    `)}\n)` : sql` ()`;
  if (rel.kind === "foreign")
    return sql`CREATE FOREIGN TABLE ${name}${body}\n    SERVER ${quoteIdent(rel.foreignServer ?? "")};`;
  if (rel.partitionOf) {
    const p = rel.partitionOf;
    return sql`CREATE${unlogged(rel)} TABLE ${name} PARTITION OF ${quoteQualified(p.schema, p.name)}\n    ${serverSql(p.bound)}${partitionBy(rel)};`;
  }
  const inherits = rel.inherits?.length
    ? sql`\n    INHERITS (${joinSql(
        rel.inherits.map((p) => quoteQualified(p.schema, p.name)),
        sql`, `,
      )})`
    : sql``;
  return sql`CREATE${unlogged(rel)} TABLE ${name}${body}${inherits}${partitionBy(rel)};`;
}

/** A partition's own column defaults are set after it attaches. */
function partitionDefaults(rel: RelationInfo): Sql[] {
  if (!rel.partitionOf) return [];
  const name = quoteQualified(rel.schema, rel.name);
  return rel.columns
    .filter((c) => !c.inherited && c.default !== undefined && !c.generated)
    .map(
      (c) =>
        sql`ALTER TABLE ${name} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${serverSql(c.default!)};`,
    );
}

export function tableParts(model: SchemaModel, rel: RelationInfo): TableParts {
  const constraints = ownedBy(rel)(model.constraints).filter((k) => !k.inherited);
  const inline = rel.partitionOf ? [] : constraints.filter((k) => k.type !== "f" && !k.notValid);
  const lines = [
    ...rel.columns.filter((c) => !c.inherited || rel.kind === "foreign").map(columnDdl),
    ...inline.map((k) => sql`CONSTRAINT ${quoteIdent(k.name)} ${serverSql(k.definition)}`),
  ];
  return {
    create: [createTable(rel, lines)],
    constraints: constraints.filter((k) => k.type !== "f" && !inline.includes(k)).map(constraintDdl),
    foreignKeys: constraints.filter((k) => k.type === "f").map(constraintDdl),
    after: [...partitionDefaults(rel), ...relationAfter(model, rel)],
  };
}

const KIND_WORDS: Record<RelationInfo["kind"], Sql> = {
  table: sql`TABLE`,
  partitioned: sql`TABLE`,
  view: sql`VIEW`,
  matview: sql`MATERIALIZED VIEW`,
  foreign: sql`FOREIGN TABLE`,
};

type Owned = { schema: string; table: string };

/** The entries of a model list that belong to the relation. */
const ownedBy =
  (rel: RelationInfo) =>
  <T extends Owned>(list: T[]): T[] =>
    list.filter((x) => x.schema === rel.schema && x.table === rel.name);

/** Comments on a relation and on everything that belongs to it. */
function relationComments(model: SchemaModel, rel: RelationInfo): Sql[] {
  const name = quoteQualified(rel.schema, rel.name);
  const mine = ownedBy(rel);
  return [
    ...comment(sql`${KIND_WORDS[rel.kind]} ${name}`, rel.comment),
    ...rel.columns.flatMap((c) => comment(sql`COLUMN ${name}.${quoteIdent(c.name)}`, c.comment)),
    ...mine(model.constraints)
      .filter((k) => !k.inherited)
      .flatMap((k) => comment(sql`CONSTRAINT ${quoteIdent(k.name)} ON ${name}`, k.comment)),
    ...mine(model.indexes)
      .filter((i) => !i.inherited)
      .flatMap((i) => comment(sql`INDEX ${quoteQualified(i.schema, i.name)}`, i.comment)),
    ...mine(model.triggers)
      .filter((t) => !t.inherited)
      .flatMap((t) => comment(sql`TRIGGER ${quoteIdent(t.name)} ON ${name}`, t.comment)),
  ];
}

/** Indexes, triggers, rules, RLS, policies and comments of any relation. */
function relationAfter(model: SchemaModel, rel: RelationInfo): Sql[] {
  const name = quoteQualified(rel.schema, rel.name);
  const mine = ownedBy(rel);
  const out: Sql[] = [];
  for (const i of mine(model.indexes))
    if (!i.constraint && !i.inherited) out.push(sql`${indexDdl(i.definition)};`);
  for (const t of mine(model.triggers)) {
    if (t.inherited) continue;
    out.push(sql`${serverSql(t.definition)};`);
    if (t.enabled === "D") out.push(sql`ALTER TABLE ${name} DISABLE TRIGGER ${quoteIdent(t.name)};`);
  }
  for (const r of mine(model.rules)) out.push(serverSql(r.definition));
  if (rel.rlsEnabled) out.push(sql`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
  if (rel.rlsForced) out.push(sql`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
  for (const p of mine(model.policies)) out.push(policyDdl(p));
  return [...out, ...relationComments(model, rel)];
}

/**
 * pg_get_indexdef says "ON ONLY" for a partitioned table's index (how pg_dump builds it
 * piecewise); a standalone script wants the plain form that also indexes every partition.
 */
export function indexDdl(definition: string): Sql {
  return serverSql(definition.replace(/^(CREATE (?:UNIQUE )?INDEX \S+ ON )ONLY /, "$1"));
}

const COMMANDS: Record<string, Sql> = {
  r: sql`SELECT`,
  a: sql`INSERT`,
  w: sql`UPDATE`,
  d: sql`DELETE`,
  "*": sql`ALL`,
};

/** Roles come from quote_ident() (or the keyword public), expressions from pg_get_expr(). */
export function policyDdl(p: SchemaModel["policies"][number]): Sql {
  const parts = [sql`CREATE POLICY ${quoteIdent(p.name)} ON ${quoteQualified(p.schema, p.table)}`];
  if (!p.permissive) parts.push(sql`AS RESTRICTIVE`);
  parts.push(sql`FOR ${COMMANDS[p.command] ?? sql`ALL`} TO ${joinSql(p.roles.map(serverSql), sql`, `)}`);
  if (p.using) parts.push(sql`USING (${serverSql(p.using)})`);
  if (p.check) parts.push(sql`WITH CHECK (${serverSql(p.check)})`);
  return sql`${words(parts)};`;
}

export function viewDdl(model: SchemaModel, rel: RelationInfo, bodies: Bodies): Sql[] {
  const def = serverSql((bodies.views.get(rel.oid) ?? "").trim().replace(/;$/, ""));
  const name = quoteQualified(rel.schema, rel.name);
  const create =
    rel.kind === "matview"
      ? sql`CREATE MATERIALIZED VIEW ${name} AS\n${def};`
      : sql`CREATE VIEW ${name} AS\n${def};`;
  // column defaults on views (for INSERTs through them)
  const defaults = rel.columns
    .filter((c) => c.default !== undefined)
    .map(
      (c) => sql`ALTER VIEW ${name} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${serverSql(c.default!)};`,
    );
  return [create, ...defaults, ...relationAfter(model, rel)];
}

/** The numbers are the server's own text (seqstart::text and so on: bigint does not fit a JS number). */
export function sequenceDdl(s: SchemaModel["sequences"][number]): Sql[] {
  const name = quoteQualified(s.schema, s.name);
  const n = serverSql;
  return [
    sql`CREATE SEQUENCE ${name} AS ${n(s.dataType)}\n    INCREMENT BY ${n(s.increment)} MINVALUE ${n(s.min)} MAXVALUE ${n(s.max)}\n    START WITH ${n(s.start)} CACHE ${n(s.cache)}${s.cycle ? sql` CYCLE` : sql` NO CYCLE`};`,
    ...comment(sql`SEQUENCE ${name}`, s.comment),
  ];
}

export function sequenceOwnedBy(s: SchemaModel["sequences"][number]): Sql[] {
  if (!s.ownedBy) return [];
  const column = sql`${quoteQualified(s.ownedBy.schema, s.ownedBy.table)}.${quoteIdent(s.ownedBy.column)}`;
  return [sql`ALTER SEQUENCE ${quoteQualified(s.schema, s.name)} OWNED BY ${column};`];
}

export function enumDdl(e: SchemaModel["enums"][number]): Sql[] {
  const name = quoteQualified(e.schema, e.name);
  return [
    sql`CREATE TYPE ${name} AS ENUM (${joinSql(e.labels.map(quoteLiteral), sql`, `)});`,
    ...comment(sql`TYPE ${name}`, e.comment),
  ];
}

export function domainDdl(d: SchemaModel["domains"][number]): Sql[] {
  const name = quoteQualified(d.schema, d.name);
  const parts = [sql`CREATE DOMAIN ${name} AS ${serverSql(d.baseType)}`];
  if (d.collation) parts.push(sql` COLLATE ${serverSql(d.collation)}`);
  if (d.default !== undefined) parts.push(sql` DEFAULT ${serverSql(d.default)}`);
  if (d.notNull) parts.push(sql` NOT NULL`);
  for (const c of d.checks)
    parts.push(sql`\n    CONSTRAINT ${quoteIdent(c.name)} ${serverSql(c.definition)}`);
  return [sql`${joinSql(parts, sql``)};`, ...comment(sql`DOMAIN ${name}`, d.comment)];
}

export function compositeDdl(t: SchemaModel["composites"][number]): Sql[] {
  const name = quoteQualified(t.schema, t.name);
  const attrs = t.attributes.map(
    (a) =>
      sql`${quoteIdent(a.name)} ${serverSql(a.type)}${a.collation ? sql` COLLATE ${serverSql(a.collation)}` : sql``}`,
  );
  return [
    sql`CREATE TYPE ${name} AS (\n    ${joinSql(attrs, sql`,\n    `)}\n);`,
    ...comment(sql`TYPE ${name}`, t.comment),
  ];
}

export function schemaDdl(s: SchemaModel["schemas"][number]): Sql[] {
  return [
    sql`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(s.name)};`,
    ...comment(sql`SCHEMA ${quoteIdent(s.name)}`, s.comment),
  ];
}

export function extensionDdl(e: SchemaModel["extensions"][number]): Sql[] {
  return [sql`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)};`];
}

const ROUTINE_WORDS = { p: sql`PROCEDURE`, a: sql`AGGREGATE`, f: sql`FUNCTION`, w: sql`FUNCTION` };

export function functionDdl(f: SchemaModel["functions"][number], bodies: Bodies): Sql[] {
  const body = bodies.functions.get(f.oid);
  const word = ROUTINE_WORDS[f.kind as keyof typeof ROUTINE_WORDS] ?? sql`FUNCTION`;
  const sig = sql`${quoteQualified(f.schema, f.name)}(${serverSql(f.args)})`;
  if (body === undefined)
    return [sqlComment(`${word} ${sig}: PostgreSQL has no DDL function for aggregates`)];
  return [sql`${serverSql(body.trim())};`, ...comment(sql`${word} ${sig}`, f.comment)];
}

/** Orders tables so that partition and inheritance parents come first. */
function parentsFirst(rels: RelationInfo[]): RelationInfo[] {
  const key = (s: string, n: string) => `${s}\u0000${n}`;
  const pending = new Map(rels.map((r) => [key(r.schema, r.name), r]));
  const done = new Set<string>();
  const out: RelationInfo[] = [];
  const visit = (r: RelationInfo) => {
    const k = key(r.schema, r.name);
    if (done.has(k)) return;
    done.add(k);
    const parents = [...(r.partitionOf ? [r.partitionOf] : []), ...(r.inherits ?? [])];
    for (const p of parents) {
      const parent = pending.get(key(p.schema, p.name));
      if (parent) visit(parent);
    }
    out.push(r);
  };
  rels.forEach(visit);
  return out;
}

/**
 * A script that recreates the whole model in an empty database: types and
 * sequences, tables (parents first), FKs after every table (cycles), then views,
 * functions, indexes, triggers, policies and comments.
 */
export function databaseDdl(model: SchemaModel, bodies: Bodies): Sql {
  const tables = parentsFirst(
    model.relations.filter((r) => r.kind === "table" || r.kind === "partitioned" || r.kind === "foreign"),
  );
  const parts = tables.map((t) => tableParts(model, t));
  const views = model.relations
    .filter((r) => r.kind === "view" || r.kind === "matview")
    .sort((a, b) => a.oid - b.oid);
  const functions = model.functions.filter((f) => f.kind !== "a");
  return ddlScript([
    sql`SET check_function_bodies = off;`,
    ...model.schemas.flatMap(schemaDdl),
    ...model.extensions.filter((e) => e.name !== "plpgsql").flatMap(extensionDdl),
    ...model.enums.flatMap(enumDdl),
    ...model.domains.flatMap(domainDdl),
    ...model.composites.flatMap(compositeDdl),
    ...model.sequences.flatMap(sequenceDdl),
    ...functions.flatMap((f) => functionDdl(f, bodies)),
    ...parts.flatMap((p) => p.create),
    ...parts.flatMap((p) => p.constraints),
    ...parts.flatMap((p) => p.foreignKeys),
    ...model.sequences.flatMap(sequenceOwnedBy),
    ...views.flatMap((v) => viewDdl(model, v, bodies)),
    ...parts.flatMap((p) => p.after),
  ]);
}
