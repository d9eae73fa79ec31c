import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRows } from "../../../src/main/features/schema/rows.service";
import type { FreshDatabase } from "../../harness/database";
import { corpusDatabase, dropWithSubscriptions } from "./round-trip.support";
import { browsableTables, pageAll, poolWithFloatDigits, serverRows } from "./row-exactness.support";

/*
 * Row exactness on the round-trip corpus: for every table, paging with page sizes 1, 7 and
 * 1,000 returns exactly the server's rows (the same multiset: no row lost, none twice),
 * under extra_float_digits 0 and 3, for parents with and without their children.
 */

const sorted = (rows: string[]) => [...rows].sort();

describe.each([15, 18] as const)("row exactness on PostgreSQL %i", (major) => {
  let db: FreshDatabase;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    db = await corpusDatabase(major);
    pools.push(poolWithFloatDigits(db, 0), poolWithFloatDigits(db, 3));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await dropWithSubscriptions(db);
  });

  it("pages every table exactly, with and without children, at page sizes 1, 7 and 1,000", async () => {
    const tables = await browsableTables(db.pool);
    expect(tables.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const pool of pools)
      for (const t of tables)
        for (const only of t.parent ? [false, true] : [false]) {
          const req = { schema: t.schema, table: t.table, only };
          const expected = await serverRows(pools[1]!, req);
          if (expected.count !== expected.rows.length)
            wrong.push(`${t.schema}.${t.table} only=${only}: count`);
          for (const limit of [1, 7, 1000]) {
            const got = await pageAll(pool, req, limit);
            if (JSON.stringify(sorted(got)) !== JSON.stringify(sorted(expected.rows)))
              wrong.push(
                `${t.schema}.${t.table} only=${only} limit=${limit}: ${got.length} of ${expected.rows.length}`,
              );
          }
        }
    expect(wrong).toEqual([]);
  });

  it("counts a parent with its children unless asked for its own rows", async () => {
    const pool = pools[0]!;
    const all = await serverRows(pool, { schema: "public", table: "vehicles" });
    const own = await serverRows(pool, { schema: "public", table: "vehicles", only: true });
    expect([all.count, own.count]).toEqual([5, 2]);
    const page = await readRows(pool, { schema: "public", table: "vehicles", limit: 100 });
    expect(page).toMatchObject({ hasChildren: true, only: false, keyset: ["tableoid", "id"] });
    expect(page.keyNote).toMatch(/child/);
    expect(page.rows).toHaveLength(5);
  });

  it("pages sorted on a float with ties and NULLs exactly under extra_float_digits 0", async () => {
    const req = { schema: "public", table: "floats", sort: { column: "r", direction: "desc" as const } };
    const expected = await serverRows(pools[1]!, req);
    for (const limit of [1, 7])
      expect(sorted(await pageAll(pools[0]!, req, limit))).toEqual(sorted(expected.rows));
  });

  it("marks json, xml and point as not sortable and refuses to sort on them in words", async () => {
    const page = await readRows(pools[0]!, { schema: "public", table: "shapes", limit: 1 });
    const unsortable = page.columns.filter((c) => c.sortable === false).map((c) => c.name);
    expect(unsortable).toEqual(["p", "j", "x"]);
    await expect(
      readRows(pools[0]!, { schema: "public", table: "shapes", sort: { column: "j", direction: "asc" } }),
    ).rejects.toThrow(/j \(json\) has no ordering/);
  });

  it("notes a table without a key is paged by ctid", async () => {
    const page = await readRows(pools[0]!, { schema: "select", table: "table", limit: 5 });
    expect(page.keyset).toEqual(["ctid"]);
    expect(page.keyNote).toMatch(/ctid/);
  });
});
