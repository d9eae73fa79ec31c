import type { ScopeCatalog } from "../../../src/shared/sql-scope";

const col = (relation: string, name: string, type = "integer", schema = "public") => ({ schema, relation, name, type });

/** A small shop: orders → customers, order_lines → orders, a reserved-word table and a mixed-case one. */
export const shopCatalog: ScopeCatalog = {
  schemas: ["public", "sales"],
  searchPath: ["public"],
  relations: [
    { schema: "public", name: "orders", kind: "table" },
    { schema: "public", name: "customers", kind: "table" },
    { schema: "public", name: "order_lines", kind: "table" },
    { schema: "public", name: "user", kind: "table" },
    { schema: "public", name: "MixedCase", kind: "table" },
    { schema: "sales", name: "targets", kind: "table" },
    { schema: "pg_catalog", name: "pg_stat_activity", kind: "view" },
  ],
  columns: [
    col("orders", "id"),
    col("orders", "customer_id"),
    col("orders", "status", "text"),
    col("orders", "total", "numeric(12,2)"),
    col("customers", "id"),
    col("customers", "name", "text"),
    col("customers", "email", "text"),
    col("order_lines", "id"),
    col("order_lines", "order_id"),
    col("order_lines", "qty"),
    col("user", "id"),
    col("user", "order", "text"),
    col("MixedCase", "Id"),
    col("MixedCase", "plain", "text"),
    col("targets", "region", "text", "sales"),
    col("pg_stat_activity", "pid", "integer", "pg_catalog"),
  ],
  functions: [
    { schema: "pg_catalog", name: "count", args: '"any"', result: "bigint", kind: "aggregate", description: "number of input rows", overloads: [""] },
    { schema: "pg_catalog", name: "lower", args: "text", result: "text", kind: "function", description: "lowercase", overloads: [] },
    { schema: "public", name: "order_total", args: "order_id integer", result: "numeric", kind: "function", description: null, overloads: [] },
    { schema: "sales", name: "quota", args: "", result: "integer", kind: "function", description: null, overloads: [] },
  ],
  foreignKeys: [
    { schema: "public", table: "orders", columns: ["customer_id"], refSchema: "public", refTable: "customers", refColumns: ["id"] },
    { schema: "public", table: "order_lines", columns: ["order_id"], refSchema: "public", refTable: "orders", refColumns: ["id"] },
  ],
  quotedKeywords: ["user", "order", "select", "from", "table"],
};
