import { describe, expect, it } from "vitest";
import { splitSqlScript } from "./sql-split";

describe("splitSqlScript", () => {
  it("splits at top-level semicolons and reports each statement's first line", () => {
    const script = "-- header\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a(x);\nINSERT INTO a VALUES (1)";
    expect(splitSqlScript(script)).toEqual([
      { sql: "CREATE TABLE a (x INT);", line: 2 },
      { sql: "CREATE INDEX i ON a(x);", line: 4 },
      { sql: "INSERT INTO a VALUES (1)", line: 5 },
    ]);
  });

  it("keeps semicolons inside strings, quoted names and comments", () => {
    const script = `INSERT INTO "a;b" VALUES ('x;''y'); /* ; */ SELECT [c;d], \`e;f\` -- ;\nFROM t;`;
    expect(splitSqlScript(script).map((s) => s.sql)).toEqual([
      `INSERT INTO "a;b" VALUES ('x;''y');`,
      "SELECT [c;d], `e;f` -- ;\nFROM t;",
    ]);
  });

  it("keeps a trigger body whole up to its END", () => {
    const script =
      "CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n  DELETE FROM b;\nEND;\nSELECT 1;";
    const parts = splitSqlScript(script);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.sql).toMatch(/^CREATE TEMP TRIGGER[\s\S]*DELETE FROM b;\nEND;$/);
    expect(parts[1]).toEqual({ sql: "SELECT 1;", line: 5 });
  });

  it("drops empty statements and comment-only tails", () => {
    expect(splitSqlScript(";;\n-- nothing here\n/* nor here */")).toEqual([]);
  });
});
