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

interface CatalogRow {
  schemas: string[];
  relations: Array<{ schema: string; name: string; kind: keyof typeof KINDS }>;
  columns: Completions["columns"];
  functions: Array<{ schema: string; name: string; args: string | null; result: string | null }>;
}

/** The connected database's names for the editor's autocomplete, from one catalog query. */
export async function loadCompletions(pool: pg.Pool): Promise<Completions> {
  const { rows } = await pool.query<CatalogRow>(completionCatalog);
  const row = rows[0]!;
  return {
    schemas: row.schemas,
    relations: row.relations.map((r) => ({ schema: r.schema, name: r.name, kind: KINDS[r.kind] })),
    columns: row.columns,
    functions: row.functions.map((f) => ({
      schema: f.schema,
      name: f.name,
      args: f.args ?? "",
      result: f.result ?? "",
    })),
  };
}
