import type pg from "pg";
import { AppError } from "../../../shared/contract/errors";
import type { DdlKind, SchemaModel } from "../../../shared/contract/schema";
import { serverSql, sql, type Sql } from "../../db/sql";
import {
  compositeDdl,
  constraintDdl,
  databaseDdl,
  ddlScript,
  domainDdl,
  enumDdl,
  extensionDdl,
  functionDdl,
  indexDdl,
  policyDdl,
  schemaDdl,
  sequenceDdl,
  sequenceOwnedBy,
  tableParts,
  viewDdl,
  type Bodies,
} from "./ddl.builder";
import { functionBodies, viewBodies } from "./ddl.sql";

export interface DdlTarget {
  kind: DdlKind;
  schema?: string | undefined;
  name?: string | undefined;
  oid?: number | undefined;
  table?: string | undefined;
}

/** View and function bodies: of one object (oid) or of all of them (null). */
export async function fetchBodies(
  pool: pg.Pool,
  oid: number | null,
  which: "views" | "functions" | "both",
): Promise<Bodies> {
  const [views, functions] = await Promise.all([
    which === "functions" ? { rows: [] } : pool.query<{ oid: number; def: string }>(viewBodies, [oid]),
    which === "views" ? { rows: [] } : pool.query<{ oid: number; def: string }>(functionBodies, [oid]),
  ]);
  return {
    views: new Map(views.rows.map((r) => [r.oid, r.def])),
    functions: new Map(functions.rows.map((r) => [r.oid, r.def])),
  };
}

function notFound(t: DdlTarget): never {
  const what = [t.schema, t.table, t.name].filter(Boolean).join(".");
  throw new AppError(
    "NOT_FOUND",
    `No ${t.kind} ${what || (t.oid ?? "")} in this database (refresh the schema if it was just created)`,
  );
}

function find<T extends { schema: string; name: string }>(list: T[], t: DdlTarget): T {
  return list.find((x) => x.schema === t.schema && x.name === t.name) ?? notFound(t);
}

function findOnTable<T extends { schema: string; table: string; name: string }>(list: T[], t: DdlTarget): T {
  return (
    list.find(
      (x) => x.schema === t.schema && x.name === t.name && (t.table === undefined || x.table === t.table),
    ) ?? notFound(t)
  );
}

/** DDL of one object of the model; view and function bodies are read fresh by oid. */
export async function objectDdl(pool: pg.Pool, model: SchemaModel, t: DdlTarget): Promise<Sql> {
  switch (t.kind) {
    case "table":
    case "foreign": {
      const rel = t.oid
        ? model.relations.find((r) => r.oid === t.oid)
        : model.relations.find(
            (r) => r.schema === t.schema && r.name === t.name && r.kind !== "view" && r.kind !== "matview",
          );
      if (!rel || rel.kind === "view" || rel.kind === "matview") notFound(t);
      const p = tableParts(model, rel);
      const seqs = model.sequences.filter(
        (s) => s.ownedBy?.schema === rel.schema && s.ownedBy.table === rel.name,
      );
      return ddlScript([
        ...seqs.flatMap(sequenceDdl),
        ...p.create,
        ...p.constraints,
        ...p.foreignKeys,
        ...seqs.flatMap(sequenceOwnedBy),
        ...p.after,
      ]);
    }
    case "view":
    case "matview": {
      const rel = t.oid
        ? model.relations.find((r) => r.oid === t.oid)
        : model.relations.find((r) => r.schema === t.schema && r.name === t.name);
      if (!rel || (rel.kind !== "view" && rel.kind !== "matview")) notFound(t);
      return ddlScript(viewDdl(model, rel, await fetchBodies(pool, rel.oid, "views")));
    }
    case "function": {
      const f = t.oid
        ? model.functions.find((x) => x.oid === t.oid)
        : model.functions.find((x) => x.schema === t.schema && x.name === t.name);
      if (!f) notFound(t);
      return ddlScript(functionDdl(f, await fetchBodies(pool, f.oid, "functions")));
    }
    case "index":
      return sql`${indexDdl(findOnTable(model.indexes, t).definition)};`;
    case "constraint":
      return constraintDdl(findOnTable(model.constraints, t));
    case "trigger":
      return sql`${serverSql(findOnTable(model.triggers, t).definition)};`;
    case "rule":
      return serverSql(findOnTable(model.rules, t).definition);
    case "policy":
      return policyDdl(findOnTable(model.policies, t));
    case "sequence": {
      const s = find(model.sequences, t);
      return ddlScript([...sequenceDdl(s), ...sequenceOwnedBy(s)]);
    }
    case "enum":
      return ddlScript(enumDdl(find(model.enums, t)));
    case "domain":
      return ddlScript(domainDdl(find(model.domains, t)));
    case "composite":
      return ddlScript(compositeDdl(find(model.composites, t)));
    case "schema": {
      if (t.name === undefined && t.schema === undefined)
        return databaseDdl(model, await fetchBodies(pool, null, "both"));
      const s = model.schemas.find((x) => x.name === (t.name ?? t.schema)) ?? notFound(t);
      return ddlScript(schemaDdl(s));
    }
    case "extension":
      return ddlScript(extensionDdl(model.extensions.find((e) => e.name === t.name) ?? notFound(t)));
  }
}
