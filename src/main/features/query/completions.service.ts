import type pg from "pg";
import type { Completions } from "../../../shared/contract/query";
import { completionCatalog } from "./completions.sql";

const KINDS = {
  r: "table",
  v: "view",
  m: "materialized view",
  f: "foreign table",
  p: "partitioned table",
} as const;

const FUNCTION_KINDS = { f: "function", a: "aggregate", w: "window" } as const;

interface CatalogRow {
  schemas: string[];
  search_path: string[];
  relations: Array<{ schema: string; name: string; kind: keyof typeof KINDS }>;
  columns: Completions["columns"];
  functions: Array<{
    schema: string;
    name: string;
    args: string | null;
    result: string | null;
    kind: keyof typeof FUNCTION_KINDS;
    description: string | null;
    overloads: string[] | null;
  }>;
  foreign_keys: Completions["foreignKeys"];
  quoted_keywords: string[];
}

/** The connected database's names for the editor's autocomplete, from one catalog query. */
export async function loadCompletions(pool: pg.Pool): Promise<Completions> {
  const { rows } = await pool.query<CatalogRow>(completionCatalog);
  const row = rows[0]!;
  return {
    schemas: row.schemas,
    searchPath: row.search_path,
    relations: row.relations.map((r) => ({ schema: r.schema, name: r.name, kind: KINDS[r.kind] })),
    columns: row.columns,
    functions: row.functions.map((f) => ({
      schema: f.schema,
      name: f.name,
      args: f.args ?? "",
      result: f.result ?? "",
      kind: FUNCTION_KINDS[f.kind],
      description: f.description,
      overloads: f.overloads ?? [],
    })),
    foreignKeys: row.foreign_keys,
    quotedKeywords: row.quoted_keywords,
  };
}
