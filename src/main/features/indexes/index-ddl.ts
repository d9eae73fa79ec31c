import { joinSql, quoteIdent, quoteQualified, serverSql, sql, type Sql } from "../../db/sql";
import type { GeneratedSql } from "../../../shared/contract/indexes";

export function dropIndex(schema: string, name: string): GeneratedSql {
  return { label: "Drop index", sql: sql`DROP INDEX CONCURRENTLY ${quoteQualified(schema, name)};` };
}

export function reindexIndex(schema: string, name: string): GeneratedSql {
  return { label: "Rebuild index", sql: sql`REINDEX INDEX CONCURRENTLY ${quoteQualified(schema, name)};` };
}

/**
 * pg_get_indexdef's statement made concurrent. The definition always begins with
 * "CREATE [UNIQUE] INDEX <name> ON", so the keyword goes right after INDEX.
 */
export function concurrentCreate(definition: string): GeneratedSql {
  const concurrent = serverSql(
    definition.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX CONCURRENTLY "),
  );
  return { label: "Create index", sql: sql`${concurrent};` };
}

/** The access methods suggestions use. */
export type SuggestedMethod = "btree" | "gin";
const METHODS: Record<SuggestedMethod, Sql> = { btree: sql`btree`, gin: sql`gin` };

export interface IndexShape {
  schema: string;
  table: string;
  method: SuggestedMethod;
  /** Already-rendered index elements: quoted columns, expressions, opclasses. */
  elements: Sql[];
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
export function createIndexSql(shape: IndexShape, concurrently: boolean): Sql {
  const name = quoteIdent(indexName(shape.table, shape.nameParts));
  const table = quoteQualified(shape.schema, shape.table);
  const elements = joinSql(shape.elements, sql`, `);
  return concurrently
    ? sql`CREATE INDEX CONCURRENTLY ${name} ON ${table} USING ${METHODS[shape.method]} (${elements});`
    : sql`CREATE INDEX ${name} ON ${table} USING ${METHODS[shape.method]} (${elements})`;
}
