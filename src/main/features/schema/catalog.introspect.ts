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

/**
 * Reads the whole catalog model of the pool's database: a constant number of
 * narrow pg_catalog queries, run concurrently, joined in JS by oid.
 */
export async function introspect(pool: pg.Pool): Promise<SchemaModel> {
  const run = (text: string) => pool.query<Row>(text).then((r) => r.rows);
  const [
    version,
    identity,
    schemas,
    relations,
    inherits,
    columns,
    constraints,
    indexes,
    triggers,
    rules,
    functions,
    sequences,
    types,
    extensions,
    policies,
  ] = await Promise.all([serverVersion(pool), ...q.allCatalogQueries.map(run)]);

  const byOid = new Map<number, RelationInfo>();
  const attnames = new Map<number, Map<number, string>>();
  const rels: RelationInfo[] = relations!.map((r) => {
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
    if (r.is_partition) rel.partitionOf = { schema: "", name: "", bound: r.bound };
    byOid.set(r.oid, rel);
    return rel;
  });

  for (const i of inherits!) {
    const rel = byOid.get(i.child);
    if (!rel) continue;
    if (rel.partitionOf && !rel.partitionOf.name)
      Object.assign(rel.partitionOf, { schema: i.schema, name: i.name });
    else (rel.inherits ??= []).push({ schema: i.schema, name: i.name });
  }

  for (const c of columns!) {
    const rel = byOid.get(c.rel);
    if (!rel) continue;
    let names = attnames.get(c.rel);
    if (!names) attnames.set(c.rel, (names = new Map()));
    names.set(c.num, c.name);
    const col: ColumnInfo = { name: c.name, type: c.type };
    opt(col, "notNull", c.not_null);
    if (c.generated) col.generated = { expr: c.def, kind: c.generated };
    else opt(col, "default", c.def);
    opt(col, "identity", c.identity);
    opt(col, "collation", c.collation);
    opt(col, "comment", c.comment);
    opt(col, "inherited", !c.local);
    rel.columns.push(col);
  }

  const colNames = (rel: number, keys: number[] | null) =>
    (keys ?? []).map((k) => attnames.get(rel)?.get(k) ?? String(k));

  const model: SchemaModel = {
    database: identity![0]!.database,
    serverVersionNum: version.num,
    readAt: new Date().toISOString(),
    schemas: schemas!.map((s) => withOpt({ name: s.name, owner: s.owner }, { comment: s.comment })),
    relations: rels,
    constraints: constraints!.flatMap((k) => {
      const rel = byOid.get(k.rel);
      if (!rel) return [];
      const c = {
        schema: rel.schema,
        table: rel.name,
        name: k.name,
        type: k.type,
        columns: colNames(k.rel, k.keys),
        definition: k.def,
      };
      const out = withOpt(c, { notValid: k.not_valid, inherited: k.inherited, comment: k.comment });
      if (k.type === "f") {
        Object.assign(out, {
          references: {
            schema: k.ref_schema,
            table: k.ref_table,
            columns: colNames(k.ref_rel, k.ref_keys),
            onUpdate: k.on_update,
            onDelete: k.on_delete,
          },
        });
      }
      return [out];
    }),
    indexes: indexes!.flatMap((i) => {
      const rel = byOid.get(i.rel);
      if (!rel) return [];
      const keys = (i.keys as number[]).slice(0, i.nkeys);
      const columns = keys.map((k) => (k === 0 ? null : (attnames.get(i.rel)?.get(k) ?? String(k))));
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
    }),
    triggers: triggers!.flatMap((t) => {
      const rel = byOid.get(t.rel);
      if (!rel) return [];
      return [
        withOpt(
          { schema: rel.schema, table: rel.name, name: t.name, definition: t.def, enabled: t.enabled },
          { inherited: t.inherited, comment: t.comment },
        ),
      ];
    }),
    rules: rules!.flatMap((r) => {
      const rel = byOid.get(r.rel);
      return rel ? [{ schema: rel.schema, table: rel.name, name: r.name, definition: r.def }] : [];
    }),
    functions: functions!.map((f) =>
      withOpt(
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
      ),
    ),
    sequences: sequences!.map((s) => {
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
    }),
    enums: types!
      .filter((t) => t.type === "e")
      .map((t) =>
        withOpt(
          { schema: t.schema, name: t.name, labels: t.labels ?? [], owner: t.owner },
          { comment: t.comment },
        ),
      ),
    domains: types!
      .filter((t) => t.type === "d")
      .map((t) =>
        withOpt(
          { schema: t.schema, name: t.name, baseType: t.base_type, checks: t.checks ?? [], owner: t.owner },
          { notNull: t.not_null, default: t.def, collation: t.collation, comment: t.comment },
        ),
      ),
    composites: types!
      .filter((t) => t.type === "c")
      .map((t) =>
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
    extensions: extensions!.map((e) => ({ name: e.name, version: e.version, schema: e.schema })),
    policies: policies!.flatMap((p) => {
      const rel = byOid.get(p.rel);
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
    }),
  };
  return model;
}

function withOpt<T extends object>(base: T, extra: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(extra)) opt(base, k, v);
  return base;
}
