import { beforeAll, describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { onOneSession, range, repeat } from "./fixtures";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe.each<Major>([15, 18])("running a reviewed index statement on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, { prefix: "idxapply", profile: { name: "apply" } });
  const thresholds = { minRows: 5_000 };

  beforeAll(async () => {
    const { db } = env;
    await db.pool.query(`
      CREATE EXTENSION pg_stat_statements;
      CREATE SCHEMA "Sales Dept";
      CREATE TABLE "Sales Dept"."Odd ""Tbl""" (id serial PRIMARY KEY, "Acct Id" int NOT NULL);
      INSERT INTO "Sales Dept"."Odd ""Tbl""" ("Acct Id") SELECT g % 4000 FROM generate_series(1, 8000) g;
      ANALYZE;
    `);
    await onOneSession(db.pool, async (c) => {
      await c.query("SELECT pg_stat_statements_reset()");
      await repeat(
        c,
        'SELECT * FROM "Sales Dept"."Odd ""Tbl""" t WHERE t."Acct Id" = $1',
        range(10).map((i) => [i]),
      );
    });
  });

  it("quotes odd names in the suggestion, runs it when asked, and the suggestion disappears", async () => {
    const { app, profileId } = env;
    const before = await app.call("indexes:report", { profileId, thresholds });
    const s = before.missing.suggestions.find((x) => x.table === 'Odd "Tbl"');
    expect(s?.create.sql).toBe(
      'CREATE INDEX CONCURRENTLY "Odd_Tbl_Acct_Id_idx" ON "Sales Dept"."Odd ""Tbl""" USING btree ("Acct Id");',
    );
    const applied = await app.call("indexes:apply", { profileId, sql: s!.create.sql });
    expect(applied.command).toBe("CREATE INDEX");
    const after = await app.call("indexes:report", { profileId, thresholds });
    expect(after.missing.suggestions.find((x) => x.table === 'Odd "Tbl"')).toBeUndefined();
    expect(after.indexes.find((i) => i.name === "Odd_Tbl_Acct_Id_idx")).toMatchObject({
      valid: true,
      schema: "Sales Dept",
    });
  });

  it("drops an index with the generated DROP INDEX CONCURRENTLY", async () => {
    const { app, db, profileId } = env;
    await db.pool.query('CREATE INDEX "drop me" ON "Sales Dept"."Odd ""Tbl""" (id)');
    const r = await app.call("indexes:apply", {
      profileId,
      sql: 'DROP INDEX CONCURRENTLY "Sales Dept"."drop me";',
    });
    expect(r.command).toBe("DROP INDEX");
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'drop me'");
    expect(rows[0].n).toBe(0);
  });

  it("refuses anything but one index statement", async () => {
    const { app, db, profileId } = env;
    for (const sql of [
      'DROP TABLE "Sales Dept"."Odd ""Tbl"""',
      "CREATE INDEX a ON x (y); DROP TABLE z",
      "VACUUM FULL",
    ]) {
      const r = await app.raw("indexes:apply", { profileId, sql });
      expect(r).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    }
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM pg_class WHERE relname = 'Odd "Tbl"'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it("shows the server's error when a statement fails", async () => {
    const { app, profileId } = env;
    const r = await app.raw("indexes:apply", {
      profileId,
      sql: "CREATE INDEX CONCURRENTLY ON no_such_table (x)",
    });
    expect(r).toMatchObject({ ok: false, error: { code: "PG_ERROR", sqlState: "42P01" } });
  });

  it("says how to get hypopg when the server does not have it", async () => {
    const { app, profileId } = env;
    const r = await app.call("indexes:report", { profileId, whatIf: true, thresholds: { minRows: 5_000 } });
    expect(r.missing.whatIf.state).toBe("unavailable");
    expect(r.missing.whatIf.message).toMatch(/hypopg.*apt install postgresql-<major>-hypopg/s);
  });
});
