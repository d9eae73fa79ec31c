import { joinSql, quoteIdent, quoteLiteral, serverSql, sql, type Sql } from "../../../db/sql";
import { grantStatements, parseAclItem } from "./acl";
import { catalogId, newObject, type DumpObject } from "./model";
import { fdwOptions } from "./options";
import type { Row } from "./tables.build";

/*
 * Schemas, extensions, foreign-data wrappers, servers and user mappings, publications,
 * subscriptions, event triggers and default privileges.
 */

export function schemaObject(s: Row): DumpObject {
  const name = quoteIdent(s.name);
  return newObject({
    id: catalogId(s.cls, s.oid),
    kind: "SCHEMA",
    section: "pre",
    schema: null,
    name: s.name,
    // every new database has public already (pg_dump leaves it out too)
    create: s.name === "public" ? [] : [sql`CREATE SCHEMA ${name};`],
    target: { keyword: sql`SCHEMA`, name, grantKeyword: sql`SCHEMA` },
    owner: s.owner,
    acl: s.acl,
  });
}

export function extensionObject(e: Row): DumpObject {
  const name = quoteIdent(e.name);
  return newObject({
    id: catalogId(e.cls, e.oid),
    kind: "EXTENSION",
    section: "pre",
    schema: null,
    name: e.name,
    create: [
      sql`CREATE EXTENSION IF NOT EXISTS ${name} WITH SCHEMA ${quoteIdent(e.schema)} VERSION ${quoteLiteral(e.version)};`,
    ],
    target: { keyword: sql`EXTENSION`, name },
  });
}

/** Option names never written out: a user mapping's password stays on the server. */
const SECRET_OPTIONS = ["password", "passfile", "sslpassword", "sslkey"];

export function foreignDataObject(o: Row): DumpObject {
  const p = o.parts as Row;
  const id = catalogId(o.cls, o.oid);
  if (o.what === "wrapper") {
    const name = quoteIdent(o.name);
    const handler = p.handler ? sql` HANDLER ${serverSql(p.handler)}` : sql``;
    const validator = p.validator ? sql` VALIDATOR ${serverSql(p.validator)}` : sql``;
    return newObject({
      id,
      kind: "FOREIGN DATA WRAPPER",
      section: "pre",
      schema: null,
      name: o.name,
      create: [sql`CREATE FOREIGN DATA WRAPPER ${name}${handler}${validator}${fdwOptions(o.options)};`],
      target: { keyword: sql`FOREIGN DATA WRAPPER`, name, grantKeyword: sql`FOREIGN DATA WRAPPER` },
      owner: o.owner,
      acl: o.acl,
    });
  }
  if (o.what === "server") {
    const name = quoteIdent(o.name);
    const type = p.type !== null ? sql` TYPE ${quoteLiteral(p.type)}` : sql``;
    const version = p.version !== null ? sql` VERSION ${quoteLiteral(p.version)}` : sql``;
    return newObject({
      id,
      kind: "SERVER",
      section: "pre",
      schema: null,
      name: o.name,
      create: [
        sql`CREATE SERVER ${name}${type}${version} FOREIGN DATA WRAPPER ${serverSql(p.wrapper)}${fdwOptions(o.options)};`,
      ],
      target: { keyword: sql`SERVER`, name, grantKeyword: sql`FOREIGN SERVER` },
      owner: o.owner,
      acl: o.acl,
    });
  }
  const secret = ((o.options ?? []) as string[]).some((x) => SECRET_OPTIONS.includes(x.split("=")[0]!));
  const create: Sql[] = [
    sql`CREATE USER MAPPING FOR ${serverSql(p.user)} SERVER ${serverSql(p.server)}${fdwOptions(o.options, SECRET_OPTIONS)};`,
  ];
  if (secret)
    create.unshift(sql`-- the mapping's password is not written out: set it with ALTER USER MAPPING`);
  return newObject({
    id,
    kind: "USER MAPPING",
    section: "pre",
    schema: null,
    name: `${p.user} ${o.name}`,
    create,
    deps: [catalogId(p.server_cls, p.server_oid)],
  });
}

const PUBLISH = ["insert", "update", "delete", "truncate"] as const;

/** A publication, and each table and schema it publishes as an entry after that table. */
export function publicationObjects(p: Row): DumpObject[] {
  const raw = p.raw as Row;
  const name = quoteIdent(p.name);
  const id = catalogId(p.cls, p.oid);
  const publish = PUBLISH.filter((w) => raw[`pub${w}`]);
  const opts: Sql[] = [sql`publish = ${quoteLiteral(publish.join(", "))}`];
  if (raw.pubviaroot) opts.push(sql`publish_via_partition_root = true`);
  if (raw.pubgencols === "s" || raw.pubgencols === true) opts.push(sql`publish_generated_columns = stored`);
  const all = raw.puballtables ? sql` FOR ALL TABLES` : sql``;
  const pub = newObject({
    id,
    kind: "PUBLICATION",
    section: "post",
    schema: null,
    name: p.name,
    create: [sql`CREATE PUBLICATION ${name}${all} WITH (${joinSql(opts, sql`, `)});`],
    target: { keyword: sql`PUBLICATION`, name },
    owner: p.owner,
  });
  const tables = ((p.tables ?? []) as Row[]).map((t, i) => {
    const cols = t.columns ? sql` (${joinSql((t.columns as string[]).map(serverSql), sql`, `)})` : sql``;
    const where = t.where ? sql` WHERE (${serverSql(t.where)})` : sql``;
    return newObject({
      id: `${id}/table/${i}`,
      kind: "PUBLICATION TABLE",
      section: "post",
      schema: null,
      name: `${p.name} ${t.table}`,
      create: [sql`ALTER PUBLICATION ${name} ADD TABLE ONLY ${serverSql(t.table)}${cols}${where};`],
      deps: [id, catalogId(p.class_cls, t.rel)],
    });
  });
  const schemas = ((p.schemas ?? []) as Row[]).map((s, i) =>
    newObject({
      id: `${id}/schema/${i}`,
      kind: "PUBLICATION TABLES IN SCHEMA",
      section: "post",
      schema: null,
      name: `${p.name} ${s.schema}`,
      create: [sql`ALTER PUBLICATION ${name} ADD TABLES IN SCHEMA ${serverSql(s.schema)};`],
      deps: [id, catalogId(p.namespace_cls, s.schema_oid)],
    }),
  );
  return [pub, ...tables, ...schemas];
}

/** The connection string without its secrets (key = value pairs, values maybe quoted). */
export function withoutSecrets(conninfo: string): string {
  return conninfo.replace(/\s*\b(password|sslpassword)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/g, "").trim();
}

export function subscriptionObject(s: Row): DumpObject {
  const raw = s.raw as Row;
  const name = quoteIdent(s.name);
  const pubs = joinSql((raw.subpublications as string[]).map(quoteIdent), sql`, `);
  const opts: Sql[] = [sql`connect = false`];
  opts.push(raw.subslotname ? sql`slot_name = ${quoteLiteral(raw.subslotname)}` : sql`slot_name = NONE`);
  if (raw.subbinary) opts.push(sql`binary = true`);
  if (raw.substream && raw.substream !== "f" && raw.substream !== false)
    opts.push(sql`streaming = ${raw.substream === "p" ? sql`parallel` : sql`on`}`);
  if (raw.subtwophasestate && raw.subtwophasestate !== "d") opts.push(sql`two_phase = on`);
  if (raw.subdisableonerr) opts.push(sql`disable_on_error = true`);
  if (raw.subsynccommit && raw.subsynccommit !== "off")
    opts.push(sql`synchronous_commit = ${quoteLiteral(raw.subsynccommit)}`);
  if (raw.suborigin && raw.suborigin !== "any") opts.push(sql`origin = ${quoteLiteral(raw.suborigin)}`);
  if (raw.subpasswordrequired === false) opts.push(sql`password_required = false`);
  if (raw.subrunasowner) opts.push(sql`run_as_owner = true`);
  if (raw.subfailover) opts.push(sql`failover = true`);
  const create: Sql[] = [
    sql`CREATE SUBSCRIPTION ${name} CONNECTION ${quoteLiteral(withoutSecrets(raw.subconninfo))} PUBLICATION ${pubs} WITH (${joinSql(opts, sql`, `)});`,
  ];
  if (raw.subenabled)
    create.push(sql`-- enabled on the source: ALTER SUBSCRIPTION ${name} ENABLE once its slot exists`);
  return newObject({
    id: catalogId(s.cls, s.oid),
    kind: "SUBSCRIPTION",
    section: "post",
    schema: null,
    name: s.name,
    create,
    target: { keyword: sql`SUBSCRIPTION`, name },
    owner: s.owner,
  });
}

const EVENT_STATES: Record<string, Sql> = { D: sql`DISABLE`, R: sql`ENABLE REPLICA`, A: sql`ENABLE ALWAYS` };

export function eventTriggerObject(e: Row): DumpObject {
  const name = quoteIdent(e.name);
  const tags = e.tags?.length
    ? sql`\n    WHEN TAG IN (${joinSql((e.tags as string[]).map(quoteLiteral), sql`, `)})`
    : sql``;
  const create: Sql[] = [
    sql`CREATE EVENT TRIGGER ${name} ON ${quoteIdent(e.event)}${tags}\n    EXECUTE FUNCTION ${serverSql(e.function)}();`,
  ];
  const state = EVENT_STATES[e.enabled];
  if (state) create.push(sql`ALTER EVENT TRIGGER ${name} ${state};`);
  return newObject({
    id: catalogId(e.cls, e.oid),
    kind: "EVENT TRIGGER",
    section: "post",
    schema: null,
    name: e.name,
    create,
    target: { keyword: sql`EVENT TRIGGER`, name },
    owner: e.owner,
  });
}

const DEFACL_KINDS: Record<string, Sql> = {
  r: sql`TABLES`,
  S: sql`SEQUENCES`,
  f: sql`FUNCTIONS`,
  T: sql`TYPES`,
  n: sql`SCHEMAS`,
  L: sql`LARGE OBJECTS`,
};

/**
 * ALTER DEFAULT PRIVILEGES. In a schema the entry adds to the built-in defaults; without
 * one it replaces them, so those are revoked first and the entry's items granted in order.
 */
export function defaultAclObject(d: Row): DumpObject {
  const kinds = DEFACL_KINDS[d.type] ?? sql`TABLES`;
  const prefix = sql`ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(d.role)}${d.schema ? sql` IN SCHEMA ${quoteIdent(d.schema)}` : sql``}`;
  const create: Sql[] = [];
  if (!d.schema)
    create.push(
      sql`${prefix} REVOKE ALL ON ${kinds} FROM PUBLIC;`,
      sql`${prefix} REVOKE ALL ON ${kinds} FROM ${quoteIdent(d.role)};`,
    );
  for (const text of (d.acl ?? []) as string[])
    for (const g of grantStatements(parseAclItem(text), kinds, undefined)) create.push(sql`${prefix} ${g}`);
  return newObject({
    id: catalogId(d.cls, d.oid),
    kind: "DEFAULT ACL",
    section: "post",
    schema: d.schema ?? null,
    name: `${d.role} ${d.type}`,
    create,
    deps: d.schema_oid ? [catalogId(d.namespace_cls, d.schema_oid)] : [],
  });
}
