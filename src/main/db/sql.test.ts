import { describe, expect, it } from "vitest";
import { joinSql, quoteIdent, quoteLiteral, quoteQualified, sql, sqlComment, type Sql } from "./sql";

describe("the sql`` tag", () => {
  it("puts fragments and integers in place, and joins the cooked text", () => {
    const where = sql`n.nspname <> 'x'`;
    expect(sql`SELECT 1 FROM t WHERE ${where} LIMIT ${10}`).toBe(
      "SELECT 1 FROM t WHERE n.nspname <> 'x' LIMIT 10",
    );
    expect(sql`LIKE 'a\\_%'`).toBe("LIKE 'a\\_%'");
  });

  it("refuses a number that is not a non-negative integer (5 - -1 would read as 5 --1)", () => {
    expect(() => sql`SELECT 5 - ${-1}`).toThrow(/non-negative integers/);
    expect(() => sql`LIMIT ${1.5}`).toThrow(/non-negative integers/);
    expect(() => sql`LIMIT ${Number.NaN}`).toThrow(/non-negative integers/);
  });

  it("refuses what only a cast could smuggle in", () => {
    const smuggled = { toString: () => "1; DROP TABLE t" } as unknown as Sql;
    expect(() => sql`SELECT ${smuggled}`).toThrow(/cannot interpolate a object/);
  });
});

describe("quoting helpers", () => {
  it("quote identifiers, qualified names and literals", () => {
    expect(quoteIdent('we"ird')).toBe('"we""ird"');
    expect(quoteQualified("my schema", "t")).toBe('"my schema"."t"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("a\\b")).toBe("E'a\\\\b'");
    expect(joinSql([quoteIdent("a"), quoteIdent("b")], sql`, `)).toBe('"a", "b"');
  });

  it("keep a name with a line break inside a -- comment", () => {
    expect(sqlComment(`FUNCTION ${quoteIdent("f\nDROP TABLE t; --")}()`)).toBe(
      '-- FUNCTION "f DROP TABLE t; --"()',
    );
  });
});
