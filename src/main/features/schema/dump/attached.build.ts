import { joinSql, quoteIdent, quoteQualified, serverSql, sql, type Sql } from "../../../db/sql";
import { catalogId, newObject, type DumpObject } from "./model";
import { relationName, sequenceOptions, type Row } from "./tables.build";

/*
 * What hangs off a table: constraints, indexes and their partition attachments,
 * triggers, rules, policies, extended statistics, sequences and their ownership.
 */

const ENABLE_WORDS: Record<string, Sql> = {
  D: sql`DISABLE`,
  R: sql`ENABLE REPLICA`,
  A: sql`ENABLE ALWAYS`,
};

/** A table constraint as its own entry (NOT NULL of PostgreSQL 18 only when NOT VALID). */
export function constraintObject(k: Row, rel: Row): DumpObject | null {
  // a partition's key is its own entry (attached to the parent's index later); inherited
  // CHECKs and cloned FOREIGN KEYs come with the parent's, validated NOT NULLs with the column
  if (k.type === "n" && (k.validated || !k.local)) return null;
  if (!["p", "u", "x", "n"].includes(k.type) && (!k.local || k.parent)) return null;
  // ONLY where the constraint would otherwise reach partitions that get their own entry;
  // on a plain table ONLY would mark a key NO INHERIT, which the source's is not
  const only = rel.kind === "p" && k.type !== "f" && k.type !== "c" ? sql`ONLY ` : sql``;
  const kind =
    k.type === "f" ? "FK CONSTRAINT" : k.type === "c" && k.validated ? "CHECK CONSTRAINT" : "CONSTRAINT";
  return newObject({
    id: catalogId(k.cls, k.oid),
    kind,
    section: kind === "CHECK CONSTRAINT" ? "pre" : "post",
    schema: rel.schema,
    name: `${rel.name}.${k.name}`,
    create: [
      sql`ALTER ${rel.kind === "f" ? sql`FOREIGN TABLE` : sql`TABLE`} ${only}${relationName(rel)}\n    ADD CONSTRAINT ${quoteIdent(k.name)} ${serverSql(k.def)};`,
    ],
    deps: [catalogId(rel.cls, rel.oid)],
  });
}

/** An index that is not a constraint's; CLUSTER ON with it. */
export function indexObject(i: Row, rel: Row): DumpObject {
  const create: Sql[] = [sql`${serverSql(i.def)};`];
  if (i.clustered) create.push(sql`ALTER TABLE ${relationName(rel)} CLUSTER ON ${quoteIdent(i.name)};`);
  return newObject({
    id: catalogId(i.cls, i.oid),
    kind: "INDEX",
    section: "post",
    schema: i.schema,
    name: i.name,
    create,
    target: { keyword: sql`INDEX`, name: quoteQualified(i.schema, i.name) },
    deps: [catalogId(rel.cls, rel.oid)],
  });
}

/** ALTER INDEX parent ATTACH PARTITION child: what makes a partition's index its parent's. */
export function indexAttachObject(child: Row, parent: Row): DumpObject {
  return newObject({
    id: `${catalogId(child.cls, child.oid)}/attach`,
    kind: "INDEX ATTACH",
    section: "post",
    schema: child.schema,
    name: child.name,
    create: [
      sql`ALTER INDEX ${quoteQualified(parent.schema, parent.name)} ATTACH PARTITION ${quoteQualified(child.schema, child.name)};`,
    ],
    deps: [catalogId(child.cls, child.oid), catalogId(parent.cls, parent.oid)],
  });
}

/** REPLICA IDENTITY USING INDEX and CLUSTER ON a constraint's index: after the index. */
export function replicaIdentityObject(rel: Row, index: Row): DumpObject {
  return newObject({
    id: `${catalogId(rel.cls, rel.oid)}/replica`,
    kind: "TABLE OPTIONS",
    section: "post",
    schema: rel.schema,
    name: rel.name,
    create: [
      sql`ALTER TABLE ONLY ${relationName(rel)} REPLICA IDENTITY USING INDEX ${quoteIdent(index.name)};`,
    ],
    deps: [catalogId(rel.cls, rel.oid), catalogId(index.cls, index.oid)],
  });
}

export function triggerObject(t: Row, rel: Row): DumpObject {
  const create: Sql[] = [sql`${serverSql(t.def)};`];
  const state = ENABLE_WORDS[t.enabled];
  if (state) create.push(sql`ALTER TABLE ${relationName(rel)} ${state} TRIGGER ${quoteIdent(t.name)};`);
  return newObject({
    id: catalogId(t.cls, t.oid),
    kind: "TRIGGER",
    section: "post",
    schema: rel.schema,
    name: `${rel.name}.${t.name}`,
    create,
    deps: [catalogId(rel.cls, rel.oid)],
  });
}

export function ruleObject(r: Row, rel: Row): DumpObject {
  const create: Sql[] = [serverSql(r.def)];
  const state = ENABLE_WORDS[r.enabled];
  if (state) create.push(sql`ALTER TABLE ${relationName(rel)} ${state} RULE ${quoteIdent(r.name)};`);
  return newObject({
    id: catalogId(r.cls, r.oid),
    kind: "RULE",
    section: "post",
    schema: rel.schema,
    name: `${rel.name}.${r.name}`,
    create,
    deps: [catalogId(rel.cls, rel.oid)],
  });
}

const POLICY_COMMANDS: Record<string, Sql> = {
  "*": sql`ALL`,
  r: sql`SELECT`,
  a: sql`INSERT`,
  w: sql`UPDATE`,
  d: sql`DELETE`,
};

export function policyObject(p: Row, rel: Row): DumpObject {
  const roles = joinSql(
    (p.roles as string[]).map((r) => (r === "PUBLIC" ? sql`PUBLIC` : serverSql(r))),
    sql`, `,
  );
  const using = p.using_expr ? sql`\n  USING (${serverSql(p.using_expr)})` : sql``;
  const check = p.check_expr ? sql`\n  WITH CHECK (${serverSql(p.check_expr)})` : sql``;
  return newObject({
    id: catalogId(p.cls, p.oid),
    kind: "POLICY",
    section: "post",
    schema: rel.schema,
    name: `${rel.name}.${p.name}`,
    create: [
      sql`CREATE POLICY ${quoteIdent(p.name)} ON ${relationName(rel)} AS ${p.permissive ? sql`PERMISSIVE` : sql`RESTRICTIVE`} FOR ${POLICY_COMMANDS[p.command] ?? sql`ALL`} TO ${roles}${using}${check};`,
    ],
    deps: [catalogId(rel.cls, rel.oid)],
  });
}

export function statisticsObject(s: Row): DumpObject {
  const name = quoteQualified(s.schema, s.name);
  const create: Sql[] = [sql`${serverSql(s.def)};`];
  if (s.target !== null && s.target !== undefined)
    create.push(sql`ALTER STATISTICS ${name} SET STATISTICS ${Number(s.target)};`);
  return newObject({
    id: catalogId(s.cls, s.oid),
    kind: "STATISTICS",
    section: "post",
    schema: s.schema,
    name: s.name,
    create,
    target: { keyword: sql`STATISTICS`, name },
    owner: s.owner,
  });
}

/** A sequence, and (an entry of its own, after the table) the column that owns it. */
export function sequenceObjects(s: Row): DumpObject[] {
  const name = quoteQualified(s.schema, s.name);
  const id = catalogId(s.cls, s.oid);
  const unlogged = s.persistence === "u" ? sql`UNLOGGED ` : sql``;
  const seq = newObject({
    id,
    kind: "SEQUENCE",
    section: "pre",
    schema: s.schema,
    name: s.name,
    create: [
      sql`CREATE ${unlogged}SEQUENCE ${name}\n    AS ${serverSql(s.type)}\n        ${sequenceOptions(s)};`,
    ],
    target: { keyword: sql`SEQUENCE`, name, grantKeyword: sql`SEQUENCE` },
    owner: s.owner,
    acl: s.acl,
  });
  if (!s.owned_table) return [seq];
  const owned = newObject({
    id: `${id}/owned`,
    kind: "SEQUENCE OWNED BY",
    section: "pre",
    schema: s.schema,
    name: s.name,
    create: [sql`ALTER SEQUENCE ${name} OWNED BY ${serverSql(s.owned_table)}.${serverSql(s.owned_column)};`],
    deps: [id, catalogId(s.cls, s.owned_rel)],
  });
  return [seq, owned];
}
