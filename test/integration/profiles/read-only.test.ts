import { describe, expect, it } from "vitest";
import { runReadOnly } from "../../../src/main/db/read-only";
import type { Major } from "../../harness/database";
import { useAppOnDatabase } from "../../harness/app-on-database";

/** Every way we could think of to write through a read-only profile. */
const WRITE_FORMS = [
  "INSERT INTO t VALUES (99)",
  "UPDATE t SET a = 0 WHERE a = 1",
  "DELETE FROM t WHERE a = 1",
  "DELETE FROM t",
  "MERGE INTO t USING (SELECT 1 AS a) s ON t.a = s.a WHEN MATCHED THEN DELETE",
  "TRUNCATE t",
  "CREATE TABLE x (a int)",
  "CREATE TEMP TABLE x (a int)",
  "DROP TABLE t",
  "ALTER TABLE t ADD COLUMN b int",
  "CREATE INDEX ON t (a)",
  "SELECT delete_all()",
  "SELECT nextval('s')",
  "SELECT setval('s', 100)",
  "WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d",
  "SELECT * INTO t2 FROM t",
  "CREATE TABLE t3 AS SELECT * FROM t",
  "COMMIT; DELETE FROM t",
  "ROLLBACK; DELETE FROM t",
  "END; DELETE FROM t",
  "SET default_transaction_read_only = off; DELETE FROM t",
  "SET transaction_read_only = off; DELETE FROM t",
  "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM t",
  "BEGIN READ WRITE; DELETE FROM t",
  "DO $$ BEGIN DELETE FROM t; END $$",
  "CALL purge()",
  "GRANT SELECT ON t TO PUBLIC",
  "COMMENT ON TABLE t IS 'written'",
  "CREATE ROLE evil_ro_test",
  "ALTER SEQUENCE s RESTART WITH 50",
  "CREATE VIEW v AS SELECT 1",
  "SELECT * FROM t FOR UPDATE",
  "ALTER SYSTEM SET work_mem = '1GB'",
  "VACUUM t",
  "COPY t FROM STDIN",
  "UPDATE t SET a = a RETURNING *",
  "PREPARE ins AS INSERT INTO t VALUES (5); EXECUTE ins",
];

describe.each<Major>([15, 18])("read-only profiles on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, {
    prefix: "ro",
    seed: `
      CREATE TABLE t (a int);
      INSERT INTO t VALUES (1), (2), (3);
      CREATE SEQUENCE s;
      CREATE FUNCTION delete_all() RETURNS int LANGUAGE sql AS 'DELETE FROM t RETURNING 1';
      CREATE PROCEDURE purge() LANGUAGE plpgsql AS $$ BEGIN DELETE FROM t; COMMIT; END $$;
    `,
    profile: { name: "ro", readOnly: true, applicationName: "pgdesk-ro-test" },
  });

  async function unchanged() {
    const { db } = env;
    const { rows } = await db.pool.query(`
      SELECT (SELECT count(*) FROM t)::int AS rows,
             (SELECT count(*) FROM pg_class WHERE relname IN ('x', 't2', 't3') AND relpersistence <> 't')::int AS new_tables,
             (SELECT last_value FROM s)::int AS seq,
             (SELECT count(*) FROM pg_roles WHERE rolname = 'evil_ro_test')::int AS roles,
             obj_description('t'::regclass) AS comment,
             (SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0)::int AS columns,
             (SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass)::int AS indexes`);
    expect(rows[0]).toEqual({
      rows: 3,
      new_tables: 0,
      seq: 1,
      roles: 0,
      comment: null,
      columns: 1,
      indexes: 0,
    });
  }

  it("runs every session with default_transaction_read_only=on and the profile's application_name", async () => {
    const { app, profileId } = env;
    const { rows } = await app.ctx.db.query(
      profileId,
      "SELECT current_setting('default_transaction_read_only') AS ro, current_setting('application_name') AS app",
    );
    expect(rows[0]).toEqual({ ro: "on", app: "pgdesk-ro-test" });
  });

  it(`refuses ${WRITE_FORMS.length} write forms through runReadOnly, and still reads`, async () => {
    const { app, profileId } = env;
    expect(WRITE_FORMS.length).toBeGreaterThanOrEqual(20);
    const pool = await app.ctx.db.pool(profileId);
    const client = await pool.connect();
    try {
      for (const sql of WRITE_FORMS) {
        await expect(
          runReadOnly(client, sql).then(() => `${sql} succeeded`),
          sql,
        ).rejects.toThrow();
      }
      const read = await runReadOnly(client, "SELECT count(*)::int AS n FROM t; SHOW transaction_read_only");
      expect(read[0]!.rows[0]).toEqual({ n: 3 });
      expect(read[1]!.rows[0]).toEqual({ transaction_read_only: "on" });
    } finally {
      client.release();
    }
    await unchanged();
  });

  it("what the server allows in a read-only transaction (lo_create on 15) is rolled back", async () => {
    const { app, db, profileId } = env;
    const pool = await app.ctx.db.pool(profileId);
    const client = await pool.connect();
    try {
      const outcome = await runReadOnly(client, "SELECT lo_create(0)").then(
        () => "ran",
        (e: Error) => e.message,
      );
      expect(outcome).toMatch(major === 15 ? /^ran$/ : /read-only transaction/);
    } finally {
      client.release();
    }
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM pg_largeobject_metadata");
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("a function that turns read-only off is undone before the next statement", async () => {
    const { app, profileId } = env;
    const pool = await app.ctx.db.pool(profileId);
    const client = await pool.connect();
    try {
      await runReadOnly(client, "SELECT set_config('default_transaction_read_only', 'off', false)");
      await expect(runReadOnly(client, "DELETE FROM t")).rejects.toThrow(/read-only transaction/);
      const { rows } = await client.query("SHOW default_transaction_read_only");
      expect(rows[0]).toEqual({ default_transaction_read_only: "on" });
    } finally {
      client.release();
    }
    await unchanged();
  });

  it("the server refuses writes even on plain pool queries, including a smuggled COMMIT; DELETE", async () => {
    const { app, profileId } = env;
    for (const sql of [
      "INSERT INTO t VALUES (7)",
      "SELECT delete_all()",
      "SELECT nextval('s')",
      "COMMIT; DELETE FROM t",
      "CALL purge()",
    ]) {
      await expect(app.ctx.db.query(profileId, sql), sql).rejects.toMatchObject({ code: "25006" });
    }
    await unchanged();
  });
});
