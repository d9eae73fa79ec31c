import type pg from "pg";
import type { ColumnInfo, RelationInfo, RelationKind, SchemaModel } from "../../../shared/contract/schema";
import { serverVersion } from "../../db/server-version";
import * as q from "./catalog.sql";

/* eslint-disable @typescript-eslint/no-explicit-any -- catalog rows are mapped field by field below */
type Row = Record<string, any>;

const relationKinds: Record<string, RelationKind> = {
  r: "table",
  p: "partitioned",
  v: "view",
  m: "matview",
  f: "foreign",
};

/** Sets a key only when it carries information, so 10,000-table payloads stay small. */
function opt<T extends object, K extends string, V>(
  target: T,
  key: K,
  value: V | null | undefined | false | "",
): void {
  if (value !== null && value !== undefined && value !== false && value !== "")
    (target as Record<string, unknown>)[key] = value;
}

/** The relations by oid, with their column names by number, for joining the other catalog parts. */
interface Relations {
  list: RelationInfo[];
  byOid: Map<number, RelationInfo>;
  attnames: Map<number, Map<number, string>>;
}

/**
 * Reads the whole catalog model of the pool's database: a constant number of
 * narrow pg_catalog queries, run concurrently, joined in JS by oid.
 */
export async function introspect(pool: pg.Pool): Promise<SchemaModel> {
  const [version, c] = await Promise.all([serverVersion(pool), readCatalog(pool)]);
  const rels = readRelations(c.relations, c.inherits, c.columns);
  return {
    database: c.identity[0]!.database,
    serverVersionNum: version.num,
    readAt: new Date().toISOString(),
    schemas: c.schemas.map((s) => withOpt({ name: s.name, owner: s.owner }, { comment: s.comment })),
    relations: rels.list,
    constraints: c.constraints.flatMap((k) => toConstraint(k, rels)),
    indexes: c.indexes.flatMap((i) => toIndex(i, rels)),
    triggers: c.triggers.flatMap((t) => toTrigger(t, rels)),
    rules: c.rules.flatMap((r) => {
      const rel = rels.byOid.get(r.rel);
      return rel ? [{ schema: rel.schema, table: rel.name, name: r.name, definition: r.def }] : [];
    }),
    functions: c.functions.map(toFunction),
    sequences: c.sequences.map(toSequence),
    ...toTypes(c.types),
    extensions: c.extensions.map((e) => ({ name: e.name, version: e.version, schema: e.schema })),
    policies: c.policies.flatMap((p) => toPolicy(p, rels)),
  };
}

type CatalogPart = keyof typeof q.catalogQueries;

/** Every catalog query at once; the rows by the part of the model they read. */
async function readCatalog(pool: pg.Pool): Promise<Record<CatalogPart, Row[]>> {
  const parts = Object.keys(q.catalogQueries) as CatalogPart[];
  const rows = await Promise.all(parts.map((p) => pool.query<Row>(q.catalogQueries[p]).then((r) => r.rows)));
  return Object.fromEntries(parts.map((p, i) => [p, rows[i]!])) as Record<CatalogPart, Row[]>;
}

/** Relations with their columns, partition parents and inheritance. */
function readRelations(relations: Row[], inherits: Row[], columns: Row[]): Relations {
  const byOid = new Map<number, RelationInfo>();
  const attnames = new Map<number, Map<number, string>>();
  const list = relations.map((r) => {
    const rel = toRelation(r);
    byOid.set(r.oid, rel);
    return rel;
  });
  for (const i of inherits) {
    const rel = byOid.get(i.child);
    if (!rel) continue;
    if (rel.partitionOf && !rel.partitionOf.name)
      Object.assign(rel.partitionOf, { schema: i.schema, name: i.name });
    else (rel.inherits ??= []).push({ schema: i.schema, name: i.name });
  }
  for (const c of columns) {
    const rel = byOid.get(c.rel);
    if (!rel) continue;
    let names = attnames.get(c.rel);
    if (!names) attnames.set(c.rel, (names = new Map()));
    names.set(c.num, c.name);
    rel.columns.push(toColumn(c));
  }
  return { list, byOid, attnames };
}

function toRelation(r: Row): RelationInfo {
  const rel: RelationInfo = {
    oid: r.oid,
    schema: r.schema,
    name: r.name,
    kind: relationKinds[r.kind]!,
    owner: r.owner,
    rowEstimate: r.kind === "v" || r.reltuples < 0 ? null : r.reltuples,
    columns: [],
  };
  opt(rel, "comment", r.comment);
  opt(rel, "unlogged", r.unlogged);
  opt(rel, "partitionKey", r.partkey);
  opt(rel, "rlsEnabled", r.rls);
  opt(rel, "rlsForced", r.rls_forced);
  opt(rel, "acl", r.acl);
  opt(rel, "foreignServer", r.foreign_server);
  // the parent's name comes from pg_inherits
  if (r.is_partition) rel.partitionOf = { schema: "", name: "", bound: r.bound };
  return rel;
}

function toColumn(c: Row): ColumnInfo {
  const col: ColumnInfo = { name: c.name, type: c.type };
  opt(col, "notNull", c.not_null);
  if (c.generated) col.generated = { expr: c.def, kind: c.generated };
  else opt(col, "default", c.def);
  opt(col, "identity", c.identity);
  opt(col, "collation", c.collation);
  opt(col, "comment", c.comment);
  opt(col, "inherited", !c.local);
  return col;
}

/** Column numbers as names (a number that names no column stays a number). */
const colNames = (rels: Relations, rel: number, keys: number[] | null) =>
  (keys ?? []).map((k) => rels.attnames.get(rel)?.get(k) ?? String(k));

function toConstraint(k: Row, rels: Relations): SchemaModel["constraints"] {
  const rel = rels.byOid.get(k.rel);
  if (!rel) return [];
  const c = {
    schema: rel.schema,
    table: rel.name,
    name: k.name,
    type: k.type,
    columns: colNames(rels, k.rel, k.keys),
    definition: k.def,
  };
  const out = withOpt(c, { notValid: k.not_valid, inherited: k.inherited, comment: k.comment });
  if (k.type === "f") {
    Object.assign(out, {
      references: {
        schema: k.ref_schema,
        table: k.ref_table,
        columns: colNames(rels, k.ref_rel, k.ref_keys),
        onUpdate: k.on_update,
        onDelete: k.on_delete,
      },
    });
  }
  return [out];
}

function toIndex(i: Row, rels: Relations): SchemaModel["indexes"] {
  const rel = rels.byOid.get(i.rel);
  if (!rel) return [];
  const keys = (i.keys as number[]).slice(0, i.nkeys);
  // an expression is key 0: no column
  const columns = keys.map((k) => (k === 0 ? null : (rels.attnames.get(i.rel)?.get(k) ?? String(k))));
  return [
    withOpt(
      { schema: rel.schema, table: rel.name, name: i.name, definition: i.def, columns, method: i.method },
      {
        unique: i.is_unique,
        primary: i.is_primary,
        constraint: i.constraint_name,
        invalid: i.invalid,
        partial: i.partial,
        inherited: i.inherited,
        comment: i.comment,
      },
    ),
  ];
}

function toTrigger(t: Row, rels: Relations): SchemaModel["triggers"] {
  const rel = rels.byOid.get(t.rel);
  if (!rel) return [];
  return [
    withOpt(
      { schema: rel.schema, table: rel.name, name: t.name, definition: t.def, enabled: t.enabled },
      { inherited: t.inherited, comment: t.comment },
    ),
  ];
}

function toFunction(f: Row): SchemaModel["functions"][number] {
  return withOpt(
    {
      oid: f.oid,
      schema: f.schema,
      name: f.name,
      kind: f.kind,
      args: f.args,
      language: f.language,
      volatility: f.volatility,
      owner: f.owner,
    },
    { result: f.result, comment: f.comment },
  );
}

function toSequence(s: Row): SchemaModel["sequences"][number] {
  const seq = withOpt(
    {
      schema: s.schema,
      name: s.name,
      dataType: s.data_type,
      start: s.start,
      increment: s.increment,
      min: s.min,
      max: s.max,
      cache: s.cache,
      owner: s.owner,
    },
    { cycle: s.cycle, comment: s.comment },
  );
  if (s.owned_table)
    Object.assign(seq, {
      ownedBy: { schema: s.owned_schema, table: s.owned_table, column: s.owned_column },
    });
  return seq;
}

/** Enums, domains and composite types: one catalog query, three lists. */
function toTypes(types: Row[]): Pick<SchemaModel, "enums" | "domains" | "composites"> {
  const of = (kind: string) => types.filter((t) => t.type === kind);
  return {
    enums: of("e").map((t) =>
      withOpt(
        { schema: t.schema, name: t.name, labels: t.labels ?? [], owner: t.owner },
        { comment: t.comment },
      ),
    ),
    domains: of("d").map((t) =>
      withOpt(
        { schema: t.schema, name: t.name, baseType: t.base_type, checks: t.checks ?? [], owner: t.owner },
        { notNull: t.not_null, default: t.def, collation: t.collation, comment: t.comment },
      ),
    ),
    composites: of("c").map((t) =>
      withOpt(
        {
          schema: t.schema,
          name: t.name,
          attributes: (t.attributes ?? []).map((a: Row) =>
            withOpt({ name: a.name, type: a.type }, { collation: a.collation }),
          ),
          owner: t.owner,
        },
        { comment: t.comment },
      ),
    ),
  };
}

function toPolicy(p: Row, rels: Relations): SchemaModel["policies"] {
  const rel = rels.byOid.get(p.rel);
  if (!rel) return [];
  return [
    withOpt(
      {
        schema: rel.schema,
        table: rel.name,
        name: p.name,
        command: p.command,
        permissive: p.permissive,
        roles: p.roles,
      },
      { using: p.using_expr, check: p.check_expr },
    ),
  ];
}

function withOpt<T extends object>(base: T, extra: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(extra)) opt(base, k, v);
  return base;
}
