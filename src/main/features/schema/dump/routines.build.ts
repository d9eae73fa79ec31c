import { joinSql, quoteIdent, quoteLiteral, quoteQualified, serverSql, sql, type Sql } from "../../../db/sql";
import { catalogId, newObject, type DumpObject } from "./model";
import type { Row } from "./tables.build";

/* Functions, procedures, aggregates, operators, operator families and classes, casts. */

export function functionObject(f: Row, agg: Row | undefined): DumpObject {
  const keyword = f.kind === "p" ? sql`PROCEDURE` : f.kind === "a" ? sql`AGGREGATE` : sql`FUNCTION`;
  const create =
    f.kind === "a" && agg ? aggregateCreate(f, agg) : sql`${serverSql(String(f.def).trimEnd())};`;
  return newObject({
    id: catalogId(f.cls, f.oid),
    kind: f.kind === "a" ? "AGGREGATE" : "FUNCTION",
    section: "pre",
    schema: f.schema,
    name: f.name,
    create: [create],
    target: {
      keyword,
      name: serverSql(f.ident),
      grantKeyword: f.kind === "p" ? sql`PROCEDURE` : sql`FUNCTION`,
    },
    owner: f.owner,
    acl: f.acl,
  });
}

const MODIFY: Record<string, Sql> = { r: sql`READ_ONLY`, s: sql`SHAREABLE`, w: sql`READ_WRITE` };
const PARALLEL: Record<string, Sql> = { s: sql`SAFE`, r: sql`RESTRICTED`, u: sql`UNSAFE` };

/** CREATE AGGREGATE from pg_aggregate, the parts pg_dump's dumpAgg writes. */
function aggregateCreate(f: Row, a: Row): Sql {
  const parts: Sql[] = [sql`SFUNC = ${serverSql(a.sfunc)}`, sql`STYPE = ${serverSql(a.stype)}`];
  const defaultModify = a.kind === "n" ? "r" : "w";
  if (a.sspace) parts.push(sql`SSPACE = ${Number(a.sspace)}`);
  if (a.finalfunc) {
    parts.push(sql`FINALFUNC = ${serverSql(a.finalfunc)}`);
    if (a.finalfunc_extra) parts.push(sql`FINALFUNC_EXTRA`);
    if (a.finalfunc_modify !== defaultModify)
      parts.push(sql`FINALFUNC_MODIFY = ${MODIFY[a.finalfunc_modify]!}`);
  }
  if (a.combinefunc) parts.push(sql`COMBINEFUNC = ${serverSql(a.combinefunc)}`);
  if (a.serialfunc) parts.push(sql`SERIALFUNC = ${serverSql(a.serialfunc)}`);
  if (a.deserialfunc) parts.push(sql`DESERIALFUNC = ${serverSql(a.deserialfunc)}`);
  if (a.initcond !== null) parts.push(sql`INITCOND = ${quoteLiteral(a.initcond)}`);
  if (a.msfunc) {
    parts.push(sql`MSFUNC = ${serverSql(a.msfunc)}`, sql`MINVFUNC = ${serverSql(a.minvfunc)}`);
    parts.push(sql`MSTYPE = ${serverSql(a.mstype)}`);
    if (a.msspace) parts.push(sql`MSSPACE = ${Number(a.msspace)}`);
    if (a.mfinalfunc) {
      parts.push(sql`MFINALFUNC = ${serverSql(a.mfinalfunc)}`);
      if (a.mfinalfunc_extra) parts.push(sql`MFINALFUNC_EXTRA`);
      if (a.mfinalfunc_modify !== defaultModify)
        parts.push(sql`MFINALFUNC_MODIFY = ${MODIFY[a.mfinalfunc_modify]!}`);
    }
    if (a.minitcond !== null) parts.push(sql`MINITCOND = ${quoteLiteral(a.minitcond)}`);
  }
  if (a.sortop) parts.push(sql`SORTOP = OPERATOR(${serverSql(a.sortop)})`);
  if (a.kind === "h") parts.push(sql`HYPOTHETICAL`);
  if (f.parallel !== "u") parts.push(sql`PARALLEL = ${PARALLEL[f.parallel]!}`);
  const args = f.args === "" ? sql`*` : serverSql(f.args);
  return sql`CREATE AGGREGATE ${quoteQualified(f.schema, f.name)}(${args}) (\n    ${joinSql(parts, sql`,\n    `)}\n);`;
}

export function operatorObject(o: Row): DumpObject {
  const parts: Sql[] = [sql`FUNCTION = ${serverSql(o.function)}`];
  if (o.leftarg) parts.push(sql`LEFTARG = ${serverSql(o.leftarg)}`);
  if (o.rightarg) parts.push(sql`RIGHTARG = ${serverSql(o.rightarg)}`);
  if (o.commutator) parts.push(sql`COMMUTATOR = ${serverSql(o.commutator)}`);
  if (o.negator) parts.push(sql`NEGATOR = ${serverSql(o.negator)}`);
  if (o.restrict) parts.push(sql`RESTRICT = ${serverSql(o.restrict)}`);
  if (o.join) parts.push(sql`JOIN = ${serverSql(o.join)}`);
  if (o.hashes) parts.push(sql`HASHES`);
  if (o.merges) parts.push(sql`MERGES`);
  return newObject({
    id: catalogId(o.cls, o.oid),
    kind: "OPERATOR",
    section: "pre",
    schema: o.schema,
    name: o.name,
    create: [
      sql`CREATE OPERATOR ${quoteIdent(o.schema)}.${serverSql(o.name)} (\n    ${joinSql(parts, sql`,\n    `)}\n);`,
    ],
    target: { keyword: sql`OPERATOR`, name: serverSql(o.ident) },
    owner: o.owner,
  });
}

export function opFamilyObject(f: Row): DumpObject {
  return newObject({
    id: catalogId(f.cls, f.oid),
    kind: "OPERATOR FAMILY",
    section: "pre",
    schema: f.schema,
    name: f.name,
    create: [sql`CREATE OPERATOR FAMILY ${quoteQualified(f.schema, f.name)} USING ${quoteIdent(f.method)};`],
    target: { keyword: sql`OPERATOR FAMILY`, name: serverSql(f.ident) },
    owner: f.owner,
  });
}

/** OPERATOR n name(left, right) [FOR ORDER BY family] / FUNCTION n (left, right) f(args). */
function memberSql(m: Row): Sql {
  if (m.what === "op") {
    const order = m.purpose === "o" ? sql` FOR ORDER BY ${serverSql(m.sortfamily)}` : sql``;
    return sql`OPERATOR ${Number(m.num)} ${serverSql(m.member)}(${serverSql(m.lefttype)}, ${serverSql(m.righttype)})${order}`;
  }
  return sql`FUNCTION ${Number(m.num)} (${serverSql(m.lefttype)}, ${serverSql(m.righttype)}) ${serverSql(m.member)}`;
}

export function opClassObject(c: Row, members: Row[]): DumpObject {
  const mine = members.filter((m) => m.opclass === c.oid).map(memberSql);
  if (c.storage) mine.push(sql`STORAGE ${serverSql(c.storage)}`);
  const def = c.is_default ? sql` DEFAULT` : sql``;
  return newObject({
    id: catalogId(c.cls, c.oid),
    kind: "OPERATOR CLASS",
    section: "pre",
    schema: c.schema,
    name: c.name,
    create: [
      sql`CREATE OPERATOR CLASS ${quoteQualified(c.schema, c.name)}${def} FOR TYPE ${serverSql(c.type)} USING ${quoteIdent(c.method)} FAMILY ${serverSql(c.family_name)} AS\n    ${joinSql(mine, sql`,\n    `)};`,
    ],
    target: { keyword: sql`OPERATOR CLASS`, name: serverSql(c.ident) },
    owner: c.owner,
    deps: [catalogId(c.family_cls, c.family)],
  });
}

/** Members a family holds outside any class (ALTER OPERATOR FAMILY … ADD). */
export function familyMembersObject(f: Row, members: Row[], classIds: string[]): DumpObject | null {
  const loose = members.filter((m) => m.family === f.oid && m.opclass === null).map(memberSql);
  if (loose.length === 0) return null;
  return newObject({
    id: `${catalogId(f.cls, f.oid)}/members`,
    kind: "OPERATOR FAMILY MEMBERS",
    section: "pre",
    schema: f.schema,
    name: f.name,
    create: [
      sql`ALTER OPERATOR FAMILY ${quoteQualified(f.schema, f.name)} USING ${quoteIdent(f.method)} ADD\n    ${joinSql(loose, sql`,\n    `)};`,
    ],
    deps: [catalogId(f.cls, f.oid), ...classIds],
  });
}

const CAST_CONTEXT: Record<string, Sql> = {
  a: sql`\n    AS ASSIGNMENT`,
  i: sql`\n    AS IMPLICIT`,
  e: sql``,
};

export function castObject(c: Row): DumpObject {
  const how =
    c.method === "f"
      ? sql`WITH FUNCTION ${serverSql(c.function)}`
      : c.method === "i"
        ? sql`WITH INOUT`
        : sql`WITHOUT FUNCTION`;
  return newObject({
    id: catalogId(c.cls, c.oid),
    kind: "CAST",
    section: "pre",
    schema: null,
    name: c.ident,
    create: [
      sql`CREATE CAST (${serverSql(c.source)} AS ${serverSql(c.target)}) ${how}${CAST_CONTEXT[c.context] ?? sql``};`,
    ],
    target: { keyword: sql`CAST`, name: serverSql(c.ident) },
  });
}
