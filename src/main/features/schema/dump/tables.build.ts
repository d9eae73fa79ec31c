import { joinSql, quoteIdent, quoteQualified, serverSql, sql, type Sql } from "../../../db/sql";
import { columnAclStatements } from "./acl";
import { catalogId, newObject, type DumpObject } from "./model";
import { fdwOptions, setOptions, withOptions } from "./options";

/* eslint-disable @typescript-eslint/no-explicit-any -- catalog rows are read field by field */
export type Row = Record<string, any>;

/** What the table builder needs besides the relation row. */
export interface TableContext {
  columns: Row[];
  parents: Row[];
  identity: Map<string, Row>;
  /** PostgreSQL 18 NOT NULL constraints of the table by column number. */
  notNull: Map<number, Row>;
  version: number;
}

const KEYWORDS: Record<string, Sql> = {
  r: sql`TABLE`,
  p: sql`TABLE`,
  f: sql`FOREIGN TABLE`,
  v: sql`VIEW`,
  m: sql`MATERIALIZED VIEW`,
};

export const relationName = (r: Row): Sql => quoteQualified(r.schema, r.name);

/** A table, foreign table, view or materialized view: its CREATE and the settings that go with it. */
export function relationObject(r: Row, ctx: TableContext): DumpObject {
  const name = relationName(r);
  const create = r.kind === "v" || r.kind === "m" ? viewCreate(r) : tableCreate(r, ctx);
  const kind = { r: "TABLE", p: "TABLE", f: "FOREIGN TABLE", v: "VIEW", m: "MATERIALIZED VIEW" }[
    r.kind as string
  ]!;
  return newObject({
    id: catalogId(r.cls, r.oid),
    kind,
    section: "pre",
    schema: r.schema,
    name: r.name,
    create: [create, ...columnSettings(r, ctx.columns), ...tableSettings(r)],
    target: { keyword: KEYWORDS[r.kind]!, name, grantKeyword: sql`TABLE` },
    owner: r.owner,
    acl: r.acl,
    columnGrants: ctx.columns.flatMap((c) => columnAclStatements(name, c.name, r.owner, c.acl)),
  });
}

function viewCreate(r: Row): Sql {
  const options = (r.options ?? []) as string[];
  const check = options.find((o) => o.startsWith("check_option="))?.slice("check_option=".length);
  const rest = options.filter((o) => !o.startsWith("check_option="));
  const body = serverSql(String(r.viewdef).trim().replace(/;$/, ""));
  const name = relationName(r);
  if (r.kind === "m") {
    const using = r.access_method ? sql` USING ${quoteIdent(r.access_method)}` : sql``;
    return sql`CREATE MATERIALIZED VIEW ${name}${using}${withOptions(rest)}${tablespace(r)} AS\n${body}\n  WITH NO DATA;`;
  }
  const checkOption = check
    ? sql`\n  WITH ${check === "local" ? sql`LOCAL` : sql`CASCADED`} CHECK OPTION`
    : sql``;
  return sql`CREATE VIEW ${name}${withOptions(rest)} AS\n${body}${checkOption};`;
}

const tablespace = (r: Row): Sql => (r.tablespace ? sql` TABLESPACE ${quoteIdent(r.tablespace)}` : sql``);

function tableCreate(r: Row, ctx: TableContext): Sql {
  const name = relationName(r);
  const partitionOf = r.bound ? ctx.parents[0] : undefined;
  // a partition whose columns all come from the parent is created as PARTITION OF; one with
  // columns of its own (attached later in its life) as a table of its own, then attached
  const asPartition = partitionOf && ctx.columns.every((c) => !c.local);
  const typed = r.of_type !== null && r.of_type !== undefined;
  const lines = ctx.columns
    .filter((c) => c.local || r.kind === "f")
    .map((c) => (typed || asPartition ? columnOptionsLine(c, ctx) : columnLine(c, ctx)))
    .filter((l): l is Sql => l !== null);
  const body =
    lines.length > 0
      ? sql` (\n    ${joinSql(lines, sql`,\n    `)}\n)`
      : typed || asPartition
        ? sql``
        : sql` (\n)`;
  const unlogged = r.persistence === "u" ? sql`UNLOGGED ` : sql``;
  const partitionBy = r.partkey ? sql`\nPARTITION BY ${serverSql(r.partkey)}` : sql``;
  const using = r.access_method ? sql`\nUSING ${quoteIdent(r.access_method)}` : sql``;
  const tail = sql`${partitionBy}${using}${withOptions(r.options)}${tablespace(r)}`;
  if (r.kind === "f") {
    return sql`CREATE FOREIGN TABLE ${name}${body}\nSERVER ${serverSql(r.server)}${fdwOptions(r.foreign_options)};`;
  }
  if (asPartition)
    return sql`CREATE ${unlogged}TABLE ${name} PARTITION OF ${serverSql(partitionOf.parent_name)}${body}\n${serverSql(r.bound)}${tail};`;
  if (typed) return sql`CREATE ${unlogged}TABLE ${name} OF ${serverSql(r.of_type)}${body}${tail};`;
  const parents = ctx.parents.filter(() => !partitionOf).map((p) => serverSql(p.parent_name));
  const inherits = parents.length > 0 ? sql`\nINHERITS (${joinSql(parents, sql`, `)})` : sql``;
  const attach = partitionOf
    ? sql`\nALTER TABLE ONLY ${serverSql(partitionOf.parent_name)} ATTACH PARTITION ${name} ${serverSql(r.bound)};`
    : sql``;
  return sql`CREATE ${unlogged}TABLE ${name}${body}${inherits}${tail};${attach}`;
}

/** One column of CREATE TABLE; its default is an entry of its own (it may need objects made later). */
function columnLine(c: Row, ctx: TableContext): Sql {
  const parts: Sql[] = [sql`${quoteIdent(c.name)} ${serverSql(c.type)}${fdwOptions(c.fdw_options)}`];
  if (c.collation) parts.push(sql`COLLATE ${serverSql(c.collation)}`);
  if (c.generated)
    parts.push(
      sql`GENERATED ALWAYS AS (${serverSql(c.def)}) ${c.generated === "v" ? sql`VIRTUAL` : sql`STORED`}`,
    );
  if (c.identity) parts.push(identityClause(c, ctx));
  const nn = notNullClause(c, ctx);
  if (nn) parts.push(nn);
  return joinSql(parts, sql` `);
}

/** A typed table's or partition's column: only what it adds (WITH OPTIONS …). */
function columnOptionsLine(c: Row, ctx: TableContext): Sql | null {
  const nn = notNullClause(c, ctx);
  return nn ? sql`${quoteIdent(c.name)} WITH OPTIONS ${nn}` : null;
}

/** NOT NULL, named on PostgreSQL 18 when its name is not the default one; NOT VALID ones come later. */
function notNullClause(c: Row, ctx: TableContext): Sql | null {
  if (!c.not_null) return null;
  const k = ctx.notNull.get(c.num);
  if (!k) return ctx.version >= 180000 ? null : sql`NOT NULL`;
  if (!k.validated || !k.local) return null;
  const named =
    k.name !== `${k.table_name}_${c.name}_not_null` ? sql`CONSTRAINT ${quoteIdent(k.name)} ` : sql``;
  return sql`${named}NOT NULL${k.no_inherit ? sql` NO INHERIT` : sql``}`;
}

function identityClause(c: Row, ctx: TableContext): Sql {
  const how = c.identity === "a" ? sql`ALWAYS` : sql`BY DEFAULT`;
  const s = ctx.identity.get(`${c.rel}/${c.num}`);
  if (!s) return sql`GENERATED ${how} AS IDENTITY`;
  return sql`GENERATED ${how} AS IDENTITY (\n        SEQUENCE NAME ${serverSql(s.name)}\n        ${sequenceOptions(s)}\n    )`;
}

/** START … INCREMENT … MINVALUE … MAXVALUE … CACHE … [NO] CYCLE, from pg_sequence's text values. */
export function sequenceOptions(s: Row): Sql {
  const num = (v: string) => serverSql(String(BigInt(v)));
  return sql`START WITH ${num(s.start)}\n        INCREMENT BY ${num(s.increment)}\n        MINVALUE ${num(s.min)}\n        MAXVALUE ${num(s.max)}\n        CACHE ${num(s.cache)}${s.cycle ? sql`\n        CYCLE` : sql``}`;
}

/** Column settings CREATE TABLE cannot say: storage, compression, statistics target, options. */
function columnSettings(r: Row, columns: Row[]): Sql[] {
  if (r.kind === "v") return [];
  const table = sql`ALTER ${KEYWORDS[r.kind]!} ONLY ${relationName(r)}`;
  return columns.flatMap((c) => {
    const col = sql`${table} ALTER COLUMN ${quoteIdent(c.name)}`;
    const out: Sql[] = [];
    if (c.storage) out.push(sql`${col} SET STORAGE ${storageWord(c.storage)};`);
    if (c.compression) out.push(sql`${col} SET COMPRESSION ${c.compression === "l" ? sql`lz4` : sql`pglz`};`);
    if (c.stattarget !== null && c.stattarget !== undefined)
      out.push(sql`${col} SET STATISTICS ${Number(c.stattarget)};`);
    if (c.options?.length) out.push(sql`${col} SET ${setOptions(c.options)};`);
    return out;
  });
}

const storageWord = (s: string): Sql =>
  ({ p: sql`PLAIN`, e: sql`EXTERNAL`, m: sql`MAIN`, x: sql`EXTENDED` })[s] ?? sql`EXTENDED`;

/** Row-level security and replica identity FULL / NOTHING (USING INDEX waits for its index). */
function tableSettings(r: Row): Sql[] {
  if (r.kind === "v" || r.kind === "m") return [];
  const t = sql`ALTER ${KEYWORDS[r.kind]!} ONLY ${relationName(r)}`;
  const out: Sql[] = [];
  if (r.rls) out.push(sql`${t} ENABLE ROW LEVEL SECURITY;`);
  if (r.rls_forced) out.push(sql`${t} FORCE ROW LEVEL SECURITY;`);
  if (r.kind === "f") return out;
  if (r.replident === "f") out.push(sql`${t} REPLICA IDENTITY FULL;`);
  if (r.replident === "n") out.push(sql`${t} REPLICA IDENTITY NOTHING;`);
  return out;
}

/** A column default, set after the table and after what its expression uses. */
export function defaultObject(r: Row, c: Row, attrdefCls: number): DumpObject {
  const keyword = r.kind === "v" ? sql`VIEW` : KEYWORDS[r.kind]!;
  return newObject({
    id: catalogId(attrdefCls, c.def_oid),
    kind: "DEFAULT",
    section: "pre",
    schema: r.schema,
    name: `${r.name}.${c.name}`,
    create: [
      sql`ALTER ${keyword} ONLY ${relationName(r)} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${serverSql(c.def)};`,
    ],
    deps: [catalogId(r.cls, r.oid)],
  });
}
