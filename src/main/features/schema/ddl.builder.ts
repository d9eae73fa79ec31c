import type { ColumnInfo, ConstraintInfo, RelationInfo, SchemaModel } from "../../../shared/contract/schema";
import { quoteIdent, quoteLiteral } from "../../db/sql";

/**
 * DDL text assembled from the catalog model. Where PostgreSQL has a pg_get_*def
 * function the model already carries its output (indexes, constraints, triggers,
 * rules); view and function bodies come from `bodies` (fetched by oid).
 */
export interface Bodies {
  /** pg_get_viewdef of views and materialized views, by oid. */
  views: Map<number, string>;
  /** pg_get_functiondef of functions and procedures, by oid. */
  functions: Map<number, string>;
}

export const qname = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;

const comment = (what: string, text: string | undefined) =>
  text === undefined ? [] : [`COMMENT ON ${what} IS ${quoteLiteral(text)};`];

/** A table's DDL in the phases a whole-database script needs (FK cycles, parents first). */
export interface TableParts {
  create: string[];
  /** Constraints added after CREATE (partitions' own, NOT VALID ones). */
  constraints: string[];
  foreignKeys: string[];
  /** Indexes, triggers, rules, RLS, policies, comments. */
  after: string[];
}

export function columnDdl(c: ColumnInfo): string {
  let s = `${quoteIdent(c.name)} ${c.type}`;
  if (c.collation) s += ` COLLATE ${c.collation}`;
  if (c.generated)
    s += ` GENERATED ALWAYS AS (${c.generated.expr}) ${c.generated.kind === "v" ? "VIRTUAL" : "STORED"}`;
  if (c.identity) s += ` GENERATED ${c.identity === "a" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
  if (c.default !== undefined) s += ` DEFAULT ${c.default}`;
  if (c.notNull && !c.identity) s += " NOT NULL";
  return s;
}

export function constraintDdl(k: ConstraintInfo): string {
  return `ALTER TABLE ${qname(k.schema, k.table)} ADD CONSTRAINT ${quoteIdent(k.name)} ${k.definition};`;
}

export function tableParts(model: SchemaModel, rel: RelationInfo): TableParts {
  const name = qname(rel.schema, rel.name);
  const own = <T extends { schema: string; table: string }>(list: T[]) =>
    list.filter((x) => x.schema === rel.schema && x.table === rel.name);
  const constraints = own(model.constraints).filter((k) => !k.inherited);
  const inline = rel.partitionOf ? [] : constraints.filter((k) => k.type !== "f" && !k.notValid);
  const parts: TableParts = { create: [], constraints: [], foreignKeys: [], after: [] };

  const lines = [
    ...rel.columns.filter((c) => !c.inherited || rel.kind === "foreign").map(columnDdl),
    ...inline.map((k) => `CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`),
  ];
  const body = lines.length ? ` (\n    ${lines.join(",\n    ")}\n)` : " ()";
  if (rel.kind === "foreign") {
    parts.create.push(
      `CREATE FOREIGN TABLE ${name}${body}\n    SERVER ${quoteIdent(rel.foreignServer ?? "")};`,
    );
  } else if (rel.partitionOf) {
    const p = rel.partitionOf;
    const by = rel.partitionKey ? `\n    PARTITION BY ${rel.partitionKey}` : "";
    parts.create.push(
      `CREATE${rel.unlogged ? " UNLOGGED" : ""} TABLE ${name} PARTITION OF ${qname(p.schema, p.name)}\n    ${p.bound}${by};`,
    );
    // a partition's own column defaults are set after it attaches
    for (const c of rel.columns) {
      if (!c.inherited && c.default !== undefined && !c.generated) {
        parts.after.push(`ALTER TABLE ${name} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${c.default};`);
      }
    }
  } else {
    const inherits = rel.inherits?.length
      ? `\n    INHERITS (${rel.inherits.map((p) => qname(p.schema, p.name)).join(", ")})`
      : "";
    const by = rel.partitionKey ? `\n    PARTITION BY ${rel.partitionKey}` : "";
    parts.create.push(`CREATE${rel.unlogged ? " UNLOGGED" : ""} TABLE ${name}${body}${inherits}${by};`);
  }
  for (const k of constraints) {
    if (k.type === "f") parts.foreignKeys.push(constraintDdl(k));
    else if (!inline.includes(k)) parts.constraints.push(constraintDdl(k));
  }
  parts.after.push(...relationAfter(model, rel));
  return parts;
}

/** Indexes, triggers, rules, RLS, policies and comments of any relation. */
function relationAfter(model: SchemaModel, rel: RelationInfo): string[] {
  const name = qname(rel.schema, rel.name);
  const mine = <T extends { schema: string; table: string }>(list: T[]) =>
    list.filter((x) => x.schema === rel.schema && x.table === rel.name);
  const out: string[] = [];
  for (const i of mine(model.indexes))
    if (!i.constraint && !i.inherited) out.push(`${indexDdl(i.definition)};`);
  for (const t of mine(model.triggers)) {
    if (t.inherited) continue;
    out.push(`${t.definition};`);
    if (t.enabled === "D") out.push(`ALTER TABLE ${name} DISABLE TRIGGER ${quoteIdent(t.name)};`);
  }
  for (const r of mine(model.rules)) out.push(r.definition);
  if (rel.rlsEnabled) out.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
  if (rel.rlsForced) out.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
  for (const p of mine(model.policies)) out.push(policyDdl(p));
  const kindWord = {
    table: "TABLE",
    partitioned: "TABLE",
    view: "VIEW",
    matview: "MATERIALIZED VIEW",
    foreign: "FOREIGN TABLE",
  }[rel.kind];
  out.push(...comment(`${kindWord} ${name}`, rel.comment));
  for (const c of rel.columns) out.push(...comment(`COLUMN ${name}.${quoteIdent(c.name)}`, c.comment));
  for (const k of mine(model.constraints))
    if (!k.inherited) out.push(...comment(`CONSTRAINT ${quoteIdent(k.name)} ON ${name}`, k.comment));
  for (const i of mine(model.indexes))
    if (!i.inherited) out.push(...comment(`INDEX ${qname(i.schema, i.name)}`, i.comment));
  for (const t of mine(model.triggers))
    if (!t.inherited) out.push(...comment(`TRIGGER ${quoteIdent(t.name)} ON ${name}`, t.comment));
  return out;
}

/**
 * pg_get_indexdef says "ON ONLY" for a partitioned table's index (how pg_dump builds it
 * piecewise); a standalone script wants the plain form that also indexes every partition.
 */
export function indexDdl(definition: string): string {
  return definition.replace(/^(CREATE (?:UNIQUE )?INDEX \S+ ON )ONLY /, "$1");
}

const commands: Record<string, string> = { r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE", "*": "ALL" };

export function policyDdl(p: SchemaModel["policies"][number]): string {
  let s = `CREATE POLICY ${quoteIdent(p.name)} ON ${qname(p.schema, p.table)}`;
  if (!p.permissive) s += " AS RESTRICTIVE";
  s += ` FOR ${commands[p.command] ?? "ALL"} TO ${p.roles.join(", ")}`;
  if (p.using) s += ` USING (${p.using})`;
  if (p.check) s += ` WITH CHECK (${p.check})`;
  return `${s};`;
}

export function viewDdl(model: SchemaModel, rel: RelationInfo, bodies: Bodies): string[] {
  const def = (bodies.views.get(rel.oid) ?? "").trim().replace(/;$/, "");
  const name = qname(rel.schema, rel.name);
  const create =
    rel.kind === "matview"
      ? `CREATE MATERIALIZED VIEW ${name} AS\n${def};`
      : `CREATE VIEW ${name} AS\n${def};`;
  // column defaults on views (for INSERTs through them)
  const defaults = rel.columns
    .filter((c) => c.default !== undefined)
    .map((c) => `ALTER VIEW ${name} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${c.default};`);
  return [create, ...defaults, ...relationAfter(model, rel)];
}

export function sequenceDdl(s: SchemaModel["sequences"][number]): string[] {
  const name = qname(s.schema, s.name);
  return [
    `CREATE SEQUENCE ${name} AS ${s.dataType}\n    INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max}\n    START WITH ${s.start} CACHE ${s.cache}${s.cycle ? " CYCLE" : " NO CYCLE"};`,
    ...comment(`SEQUENCE ${name}`, s.comment),
  ];
}

export function sequenceOwnedBy(s: SchemaModel["sequences"][number]): string[] {
  return s.ownedBy
    ? [
        `ALTER SEQUENCE ${qname(s.schema, s.name)} OWNED BY ${qname(s.ownedBy.schema, s.ownedBy.table)}.${quoteIdent(s.ownedBy.column)};`,
      ]
    : [];
}

export function enumDdl(e: SchemaModel["enums"][number]): string[] {
  const name = qname(e.schema, e.name);
  return [
    `CREATE TYPE ${name} AS ENUM (${e.labels.map(quoteLiteral).join(", ")});`,
    ...comment(`TYPE ${name}`, e.comment),
  ];
}

export function domainDdl(d: SchemaModel["domains"][number]): string[] {
  const name = qname(d.schema, d.name);
  let s = `CREATE DOMAIN ${name} AS ${d.baseType}`;
  if (d.collation) s += ` COLLATE ${d.collation}`;
  if (d.default !== undefined) s += ` DEFAULT ${d.default}`;
  if (d.notNull) s += " NOT NULL";
  for (const c of d.checks) s += `\n    CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`;
  return [`${s};`, ...comment(`DOMAIN ${name}`, d.comment)];
}

export function compositeDdl(t: SchemaModel["composites"][number]): string[] {
  const name = qname(t.schema, t.name);
  const attrs = t.attributes.map(
    (a) => `${quoteIdent(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ""}`,
  );
  return [
    `CREATE TYPE ${name} AS (\n    ${attrs.join(",\n    ")}\n);`,
    ...comment(`TYPE ${name}`, t.comment),
  ];
}

export function schemaDdl(s: SchemaModel["schemas"][number]): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(s.name)};`,
    ...comment(`SCHEMA ${quoteIdent(s.name)}`, s.comment),
  ];
}

export function extensionDdl(e: SchemaModel["extensions"][number]): string[] {
  return [`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)};`];
}

export function functionDdl(f: SchemaModel["functions"][number], bodies: Bodies): string[] {
  const body = bodies.functions.get(f.oid);
  const word = f.kind === "p" ? "PROCEDURE" : f.kind === "a" ? "AGGREGATE" : "FUNCTION";
  const sig = `${qname(f.schema, f.name)}(${f.args})`;
  if (body === undefined) return [`-- ${word} ${sig}: PostgreSQL has no DDL function for aggregates`];
  return [`${body.trim()};`, ...comment(`${word} ${sig}`, f.comment)];
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
export function databaseDdl(model: SchemaModel, bodies: Bodies): string {
  const tables = parentsFirst(
    model.relations.filter((r) => r.kind === "table" || r.kind === "partitioned" || r.kind === "foreign"),
  );
  const parts = tables.map((t) => tableParts(model, t));
  const views = model.relations
    .filter((r) => r.kind === "view" || r.kind === "matview")
    .sort((a, b) => a.oid - b.oid);
  const functions = model.functions.filter((f) => f.kind !== "a");
  return [
    "SET check_function_bodies = off;",
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
  ].join("\n\n");
}
