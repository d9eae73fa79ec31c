import { parse } from "libpg-query";
import { describe, expect, it } from "vitest";
import { statementHazards, writesRows } from "../../../src/shared/safeguards/statement-hazards";

const tree = async (sql: string) => (await parse(sql)).stmts![0]!.stmt as unknown as Record<string, unknown>;

describe("what in a statement destroys data, read from PostgreSQL's parse tree", () => {
  it.each([
    ["DELETE FROM shop.orders", "delete-without-where", "DELETE without WHERE on shop.orders (every row)"],
    ["UPDATE orders SET note = ''", "update-without-where", "UPDATE without WHERE on orders (every row)"],
    ["TRUNCATE orders, lines", "truncate", "TRUNCATE orders, lines (every row)"],
    ["DROP TABLE a, b.c CASCADE", "drop", "DROP TABLE a, b.c CASCADE"],
    ["DROP SCHEMA x", "drop", "DROP SCHEMA x"],
    ["DROP FUNCTION f(int)", "drop", "DROP FUNCTION f(…)"],
    ["DROP DATABASE shop", "drop", "DROP DATABASE shop"],
    ["DROP ROLE alice", "drop", "DROP ROLE alice"],
    [
      "ALTER TABLE orders DROP COLUMN note, DROP CONSTRAINT k",
      "alter-drop",
      "ALTER orders: DROP COLUMN note, DROP CONSTRAINT k",
    ],
    [
      "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
      "delete-without-where",
      "DELETE without WHERE on t (every row)",
    ],
    ["EXPLAIN ANALYZE DELETE FROM t", "delete-without-where", "DELETE without WHERE on t (every row)"],
  ])("%s: %s", async (sql, kind, message) => {
    expect(statementHazards(await tree(sql))).toEqual([{ kind, message }]);
  });

  it.each([
    "DELETE FROM orders WHERE id = 1",
    "UPDATE orders SET note = '' WHERE true",
    "ALTER TABLE t ALTER COLUMN c DROP NOT NULL",
    "ALTER TABLE t ALTER COLUMN c DROP DEFAULT",
    "ALTER TABLE t ADD COLUMN c int",
    "EXPLAIN DELETE FROM t",
    "EXPLAIN (ANALYZE false) DELETE FROM t",
    "SELECT * FROM orders",
    "-- DELETE FROM orders\nSELECT 'DROP TABLE t'",
    "CREATE TABLE drop_me (x int)",
  ])("finds nothing in %s", async (sql) => {
    expect(statementHazards(await tree(sql))).toEqual([]);
  });

  it.each([
    ["INSERT INTO t SELECT 1", true],
    ["UPDATE t SET x = 1 WHERE id = 2", true],
    ["MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", true],
    ["WITH w AS (INSERT INTO t VALUES (1) RETURNING 1) SELECT * FROM w", true],
    ["SELECT * FROM t", false],
    ["EXPLAIN INSERT INTO t SELECT 1", false],
    ["CREATE TABLE t2 AS SELECT 1", false],
  ])("%s writes rows: %s", async (sql, writes) => {
    expect(writesRows(await tree(sql))).toBe(writes);
  });
});
