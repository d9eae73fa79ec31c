import { joinSql, quoteIdent, quoteLiteral, quoteQualified, serverSql, sql, type Sql } from "../../../db/sql";
import { catalogId, newObject, type DumpObject } from "./model";
import type { Row } from "./tables.build";

/*
 * Types of every kind (enum, domain, composite, range, base with its shell), collations
 * and text-search objects.
 */

const typeTarget = (t: Row, keyword: Sql = sql`TYPE`) => ({
  keyword,
  name: quoteQualified(t.schema, t.name),
  grantKeyword: keyword,
});

/** A type as one entry; a domain's NOT VALID checks and a base type's shell as entries of their own. */
export function typeObjects(t: Row): DumpObject[] {
  const name = quoteQualified(t.schema, t.name);
  const id = catalogId(t.cls, t.oid);
  const base = { id, section: "pre" as const, schema: t.schema, name: t.name, owner: t.owner, acl: t.acl };
  switch (t.type) {
    case "e":
      return [
        newObject({
          ...base,
          kind: "TYPE",
          create: [
            sql`CREATE TYPE ${name} AS ENUM (${joinSql((t.labels ?? []).map(quoteLiteral), sql`, `)});`,
          ],
          target: typeTarget(t),
        }),
      ];
    case "d":
      return domainObjects(t, base);
    case "c": {
      const attrs = (t.attributes ?? []).map(
        (a: Row) =>
          sql`${quoteIdent(a.name)} ${serverSql(a.type)}${a.collation ? sql` COLLATE ${serverSql(a.collation)}` : sql``}`,
      );
      return [
        newObject({
          ...base,
          kind: "TYPE",
          create: [sql`CREATE TYPE ${name} AS (\n    ${joinSql(attrs, sql`,\n    `)}\n);`],
          members: [catalogId(t.class_cls, t.relid)],
          target: typeTarget(t),
        }),
      ];
    }
    case "r":
      return [
        newObject({ ...base, kind: "TYPE", create: [rangeCreate(name, t.range)], target: typeTarget(t) }),
      ];
    default:
      return baseTypeObjects(t, base, name);
  }
}

function domainObjects(t: Row, base: Omit<DumpObject, "kind" | "create" | "deps">): DumpObject[] {
  const name = quoteQualified(t.schema, t.name);
  const checks = (t.checks ?? []) as Row[];
  const parts: Sql[] = [sql`CREATE DOMAIN ${name} AS ${serverSql(t.base_type)}`];
  if (t.collation) parts.push(sql`COLLATE ${serverSql(t.collation)}`);
  if (t.def !== null && t.def !== undefined) parts.push(sql`DEFAULT ${serverSql(t.def)}`);
  if (t.not_null) parts.push(sql`NOT NULL`);
  for (const k of checks.filter((k) => k.validated))
    parts.push(sql`CONSTRAINT ${quoteIdent(k.name)} ${serverSql(k.def)}`);
  const domain = newObject({
    ...base,
    kind: "TYPE",
    members: checks.filter((k) => k.validated).map((k) => catalogId(t.con_cls, k.oid)),
    create: [sql`${joinSql(parts, sql`\n    `)};`],
    target: typeTarget(t, sql`DOMAIN`),
  });
  // a NOT VALID check cannot be said in CREATE DOMAIN: pg_dump adds it afterwards too
  const later = checks
    .filter((k) => !k.validated)
    .map((k) =>
      newObject({
        id: catalogId(t.con_cls, k.oid),
        kind: "DOMAIN CONSTRAINT",
        section: "post",
        schema: t.schema,
        name: `${t.name}.${k.name}`,
        create: [sql`ALTER DOMAIN ${name} ADD CONSTRAINT ${quoteIdent(k.name)} ${serverSql(k.def)};`],
        deps: [base.id],
      }),
    );
  return [domain, ...later];
}

function rangeCreate(name: Sql, r: Row): Sql {
  const parts: Sql[] = [sql`subtype = ${serverSql(r.subtype)}`];
  if (r.opclass) parts.push(sql`subtype_opclass = ${serverSql(r.opclass)}`);
  if (r.collation) parts.push(sql`collation = ${serverSql(r.collation)}`);
  if (r.canonical) parts.push(sql`canonical = ${serverSql(r.canonical)}`);
  if (r.diff) parts.push(sql`subtype_diff = ${serverSql(r.diff)}`);
  if (r.multirange) parts.push(sql`multirange_type_name = ${serverSql(r.multirange)}`);
  return sql`CREATE TYPE ${name} AS RANGE (\n    ${joinSql(parts, sql`,\n    `)}\n);`;
}

const ALIGN: Record<string, Sql> = { c: sql`char`, s: sql`int2`, i: sql`int4`, d: sql`double` };
const STORAGE: Record<string, Sql> = { p: sql`plain`, e: sql`external`, m: sql`main`, x: sql`extended` };

/** CREATE TYPE name; (the shell its I/O functions need) and the full definition. */
function baseTypeObjects(
  t: Row,
  base: Omit<DumpObject, "kind" | "create" | "deps">,
  name: Sql,
): DumpObject[] {
  const b = t.base;
  const parts: Sql[] = [sql`INPUT = ${serverSql(b.input)}`, sql`OUTPUT = ${serverSql(b.output)}`];
  for (const [key, word] of [
    ["receive", sql`RECEIVE`],
    ["send", sql`SEND`],
    ["typmod_in", sql`TYPMOD_IN`],
    ["typmod_out", sql`TYPMOD_OUT`],
    ["analyze", sql`ANALYZE`],
    ["subscript", sql`SUBSCRIPT`],
  ] as const)
    if (b[key]) parts.push(sql`${word} = ${serverSql(b[key])}`);
  parts.push(sql`INTERNALLENGTH = ${b.length < 0 ? sql`variable` : Number(b.length)}`);
  if (b.byval) parts.push(sql`PASSEDBYVALUE`);
  parts.push(sql`ALIGNMENT = ${ALIGN[b.align]!}`, sql`STORAGE = ${STORAGE[b.storage]!}`);
  parts.push(sql`CATEGORY = ${quoteLiteral(b.category)}`);
  if (b.preferred) parts.push(sql`PREFERRED = true`);
  if (t.def !== null && t.def !== undefined) parts.push(sql`DEFAULT = ${quoteLiteral(t.def)}`);
  if (b.element) parts.push(sql`ELEMENT = ${serverSql(b.element)}`);
  if (b.delimiter !== ",") parts.push(sql`DELIMITER = ${quoteLiteral(b.delimiter)}`);
  if (t.collation) parts.push(sql`COLLATABLE = true`);
  const shell = newObject({
    id: `${base.id}/shell`,
    kind: "SHELL TYPE",
    section: "pre",
    schema: t.schema,
    name: t.name,
    create: [sql`CREATE TYPE ${name};`],
  });
  const full = newObject({
    ...base,
    kind: "TYPE",
    create: [sql`CREATE TYPE ${name} (\n    ${joinSql(parts, sql`,\n    `)}\n);`],
    target: typeTarget(t),
    deps: [shell.id],
  });
  return [shell, full];
}

export function collationObject(c: Row): DumpObject {
  const raw = c.raw as Row;
  const name = quoteQualified(c.schema, c.name);
  const parts: Sql[] = [];
  const provider = raw.collprovider as string;
  parts.push(sql`provider = ${provider === "i" ? sql`icu` : provider === "b" ? sql`builtin` : sql`libc`}`);
  const locale = (raw.colllocale ?? raw.colliculocale) as string | null;
  if (provider === "c") {
    if (raw.collcollate === raw.collctype) parts.push(sql`locale = ${quoteLiteral(raw.collcollate)}`);
    else
      parts.push(
        sql`lc_collate = ${quoteLiteral(raw.collcollate)}`,
        sql`lc_ctype = ${quoteLiteral(raw.collctype)}`,
      );
  } else if (locale) parts.push(sql`locale = ${quoteLiteral(locale)}`);
  if (raw.collicurules) parts.push(sql`rules = ${quoteLiteral(raw.collicurules)}`);
  if (raw.collisdeterministic === false) parts.push(sql`deterministic = false`);
  return newObject({
    id: catalogId(c.cls, c.oid),
    kind: "COLLATION",
    section: "pre",
    schema: c.schema,
    name: c.name,
    create: [sql`CREATE COLLATION ${name} (${joinSql(parts, sql`, `)});`],
    target: { keyword: sql`COLLATION`, name },
    owner: c.owner,
  });
}

const TS_WORDS: Record<string, [string, Sql]> = {
  dictionary: ["TEXT SEARCH DICTIONARY", sql`TEXT SEARCH DICTIONARY`],
  configuration: ["TEXT SEARCH CONFIGURATION", sql`TEXT SEARCH CONFIGURATION`],
  template: ["TEXT SEARCH TEMPLATE", sql`TEXT SEARCH TEMPLATE`],
  parser: ["TEXT SEARCH PARSER", sql`TEXT SEARCH PARSER`],
};

export function textSearchObject(o: Row): DumpObject {
  const [kind, keyword] = TS_WORDS[o.what]!;
  const name = quoteQualified(o.schema, o.name);
  const p = o.parts as Row;
  const create: Sql[] = [];
  if (o.what === "dictionary") {
    const opts = p.options ? sql`,\n    ${serverSql(p.options)}` : sql``;
    create.push(sql`CREATE ${keyword} ${name} (\n    TEMPLATE = ${serverSql(p.template)}${opts}\n);`);
  } else if (o.what === "configuration") {
    create.push(sql`CREATE ${keyword} ${name} (\n    PARSER = ${serverSql(p.parser)}\n);`);
    for (const m of (p.mappings ?? []) as Row[])
      create.push(
        sql`ALTER ${keyword} ${name}\n    ADD MAPPING FOR ${quoteIdent(m.token)} WITH ${joinSql((m.dicts as string[]).map(serverSql), sql`, `)};`,
      );
  } else {
    const fields = Object.entries(p)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => sql`${quoteIdent(k)} = ${serverSql(v as string)}`);
    create.push(sql`CREATE ${keyword} ${name} (\n    ${joinSql(fields, sql`,\n    `)}\n);`);
  }
  return newObject({
    id: catalogId(o.cls, o.oid),
    kind,
    section: "pre",
    schema: o.schema,
    name: o.name,
    create,
    target: { keyword, name },
    owner: o.owner ?? undefined,
  });
}
