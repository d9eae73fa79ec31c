import { quoteIdent } from "../../db/sql";
import type { GeneratedSql } from "../../../shared/contract/indexes";

/** schema.name, each part quoted the way PostgreSQL's quote_ident would need. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export function dropIndex(schema: string, name: string): GeneratedSql {
  return { label: "Drop index", sql: `DROP INDEX CONCURRENTLY ${qualified(schema, name)};` };
}

export function reindexIndex(schema: string, name: string): GeneratedSql {
  return { label: "Rebuild index", sql: `REINDEX INDEX CONCURRENTLY ${qualified(schema, name)};` };
}

/**
 * pg_get_indexdef's statement made concurrent. The definition always begins with
 * "CREATE [UNIQUE] INDEX <name> ON", so the keyword goes right after INDEX.
 */
export function concurrentCreate(definition: string): GeneratedSql {
  return {
    label: "Create index",
    sql: `${definition.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX CONCURRENTLY ")};`,
  };
}

export interface IndexShape {
  schema: string;
  table: string;
  method: string;
  /** Already-rendered index elements: quoted columns, expressions, opclasses. */
  elements: string[];
  /** Plain words for the generated name. */
  nameParts: string[];
}

/** A name PostgreSQL would accept (63 bytes), in the usual table_columns_idx form. */
export function indexName(table: string, parts: string[]): string {
  const base = [table, ...parts]
    .join("_")
    .replace(/[^\p{L}\p{N}_]+/gu, "_")
    .replace(/_+/g, "_");
  const chars = [...base];
  while (Buffer.byteLength(`${chars.join("")}_idx`, "utf8") > 63) chars.pop();
  return `${chars.join("")}_idx`;
}

/** The CREATE INDEX for a suggestion: `concurrently` for the user, plain for hypopg. */
export function createIndexSql(shape: IndexShape, concurrently: boolean): string {
  const name = indexName(shape.table, shape.nameParts);
  return (
    `CREATE INDEX ${concurrently ? "CONCURRENTLY " : ""}${quoteIdent(name)} ON ${qualified(shape.schema, shape.table)}` +
    ` USING ${shape.method} (${shape.elements.join(", ")})${concurrently ? ";" : ""}`
  );
}
