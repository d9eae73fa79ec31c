import { describe, expect, it } from "vitest";
import { parseStatements } from "./sql-parser";

describe("parseStatements", () => {
  it("splits a script into statements with their offsets", async () => {
    const sql = "SELECT 1;\n  -- note\n  DELETE FROM t WHERE a = 1;";
    const stmts = await parseStatements(sql);
    expect(stmts.map((s) => s.text)).toEqual(["SELECT 1", "DELETE FROM t WHERE a = 1"]);
    expect(sql.slice(stmts[1]!.start, stmts[1]!.end)).toBe(stmts[1]!.text);
  });

  it("counts offsets in characters when the text has multi-byte letters", async () => {
    const sql = "SELECT 'héllo wörld';SELECT 2";
    const [, second] = await parseStatements(sql);
    expect(sql.slice(second!.start, second!.end)).toBe("SELECT 2");
  });

  it.each([
    ["SELECT * FROM t", "read", false],
    ["EXPLAIN SELECT 1", "read", false],
    ["EXPLAIN ANALYZE DELETE FROM t", "write", true],
    ["WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "write", false],
    ["SELECT * INTO t2 FROM t", "write", false],
    ["SELECT * FROM t FOR UPDATE", "write", false],
    ["UPDATE t SET a = 1", "write", true],
    ["UPDATE t SET a = 1 WHERE id = 2", "write", false],
    ["DROP TABLE t", "ddl", true],
    ["TRUNCATE t", "ddl", true],
    ["CREATE INDEX ON t (a)", "ddl", false],
    ["COMMIT", "transaction", false],
    ["SET search_path = x", "session", false],
    ["COPY t FROM STDIN", "write", false],
  ] as const)("classifies %s as %s", async (sql, kind, destructive) => {
    const [stmt] = await parseStatements(sql);
    expect(stmt).toMatchObject({ kind, destructive });
  });

  it("reports a syntax error with the server's wording and a 1-based position", async () => {
    await expect(parseStatements("SELECT 1; SELEC 2")).rejects.toMatchObject({
      code: "VALIDATION",
      message: 'syntax error at or near "SELEC"',
      extra: { position: 11 },
    });
  });
});
