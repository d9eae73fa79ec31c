import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inUserSchema } from "../../../src/main/db/catalog-fragments.sql";
import { sql } from "../../../src/main/db/sql";
import { dumpableSchemas } from "../../../src/main/features/backup/dump-objects.sql";
import { completionCatalog } from "../../../src/main/features/query/completions.sql";
import { catalogSchemas } from "../../../src/main/features/schema/catalog.sql";
import { freshDatabase, type FreshDatabase } from "../../harness/database";

/**
 * Names a user may give a schema that look like the server's own: the old filters lost a
 * LIKE escape (so `_` matched any character) or matched prefixes without the underscore.
 * PostgreSQL reserves only the `pg_` prefix, and that is case-sensitive.
 */
const LOOKALIKES = [
  "pgtoast",
  "pg1toast",
  "pgxtoast_1",
  "pg1temp_3",
  "pgtemp_3",
  "PG_toast",
  "Pg_temp_3",
  "_pg_temp",
];
const quoted = (name: string) => `"${name}"`;

describe.each([15, 18] as const)("the user-schema filter on PostgreSQL %i", (major) => {
  let db: FreshDatabase;
  let session: pg.PoolClient;

  beforeAll(async () => {
    db = await freshDatabase(major, "us");
    for (const name of LOOKALIKES) await db.pool.query(`CREATE SCHEMA ${quoted(name)}`);
    // a session with a temp table: its pg_temp_N and pg_toast_temp_N exist while it lives
    session = await db.pool.connect();
    await session.query("CREATE TEMP TABLE scratch (t text)");
  });
  afterAll(async () => {
    session?.release();
    await db?.drop();
  });

  /** Every schema of the database with the filter's verdict. */
  const verdicts = async () =>
    new Map(
      (
        await session.query<{ name: string; user: boolean }>(
          sql`SELECT n.nspname AS name, ${inUserSchema} AS user FROM pg_namespace n`,
        )
      ).rows.map((r) => [r.name, r.user]),
    );

  it("keeps public and every lookalike, drops each system schema including this session's temp ones", async () => {
    const seen = await verdicts();
    const [{ temp, toastTemp }] = (
      await session.query<{ temp: string; toastTemp: string }>(
        `SELECT nspname AS temp, 'pg_toast_temp_' || substr(nspname, 9) AS "toastTemp"
         FROM pg_namespace WHERE oid = pg_my_temp_schema()`,
      )
    ).rows as [{ temp: string; toastTemp: string }];
    expect(temp).toMatch(/^pg_temp_\d+$/);
    for (const name of ["public", ...LOOKALIKES]) expect([name, seen.get(name)]).toEqual([name, true]);
    for (const name of ["pg_catalog", "information_schema", "pg_toast", temp, toastTemp])
      expect([name, seen.get(name)]).toEqual([name, false]);
  });

  it("drops exactly what the server counts as its own: pg_catalog, information_schema, pg_toast and temp schemas", async () => {
    const system = await session.query<{ name: string; filtered: boolean }>(
      sql`SELECT n.nspname AS name, NOT ${inUserSchema} AS filtered,
                 n.nspname IN ('pg_catalog', 'information_schema', 'pg_toast')
                   OR n.oid = pg_my_temp_schema() OR pg_is_other_temp_schema(n.oid)
                   OR n.nspname ~ '^pg_toast_temp_[0-9]+$' AS server_own
          FROM pg_namespace n`,
    );
    const disagreements = system.rows.filter(
      (r) => r.filtered !== (r as unknown as { server_own: boolean }).server_own,
    );
    expect(disagreements).toEqual([]);
  });

  it("refuses to create a pg_ schema: the prefix is the server's", async () => {
    await expect(db.pool.query("CREATE SCHEMA pg_toastx")).rejects.toMatchObject({ code: "42939" });
    await expect(db.pool.query("CREATE SCHEMA pg_temp_x")).rejects.toMatchObject({ code: "42939" });
  });

  it("the schema browser, the backup selection and autocomplete list the same user schemas", async () => {
    const expected = ["public", ...LOOKALIKES].sort();
    const names = async (text: string) =>
      (await session.query<{ name: string }>(text)).rows.map((r) => r.name).sort();
    expect(await names(catalogSchemas)).toEqual(expected);
    expect(await names(dumpableSchemas)).toEqual(expected);
    const completions = (await session.query<{ schemas: string[] }>(completionCatalog)).rows[0]!.schemas;
    expect([...completions].sort()).toEqual(expected);
  });
});
