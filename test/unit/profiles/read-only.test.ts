import { describe, expect, it } from "vitest";
import { needsConfirmation } from "../../../src/main/db/read-only";

describe("needsConfirmation", () => {
  const prod = { tag: "production" };
  const dev = { tag: "development" };

  it("asks on production for writes and DDL, not for reads", async () => {
    expect(await needsConfirmation("SELECT 1; SHOW work_mem", prod)).toBeUndefined();
    expect((await needsConfirmation("INSERT INTO t VALUES (1)", prod))?.reasons).toEqual([
      "writes on production: INSERT INTO t VALUES (1)",
    ]);
    expect((await needsConfirmation("CREATE INDEX ON t (a)", prod))?.reasons[0]).toMatch(
      /changes objects on production/,
    );
    expect(
      await needsConfirmation("WITH d AS (DELETE FROM t WHERE a = 1 RETURNING *) SELECT * FROM d", prod),
    ).toBeDefined();
  });

  it("does not ask on other profiles for ordinary writes", async () => {
    expect(await needsConfirmation("UPDATE t SET a = 1 WHERE id = 2", dev)).toBeUndefined();
    expect(await needsConfirmation("CREATE TABLE x (a int)", {})).toBeUndefined();
  });

  it("always asks for destructive statements", async () => {
    for (const sql of ["DELETE FROM t", "UPDATE t SET a = 1", "DROP TABLE t", "TRUNCATE t"]) {
      expect((await needsConfirmation(sql, dev))?.reasons[0], sql).toMatch(/^destructive/);
    }
  });

  it("finds the one dangerous statement in a script", async () => {
    const need = await needsConfirmation("SELECT 1; DROP TABLE users; SELECT 2", dev);
    expect(need?.reasons).toEqual(["destructive: DROP TABLE users"]);
  });
});
