import { describe, expect, it } from "vitest";
import type { RowsPage } from "../../../src/shared/contract/schema";
import type { Major } from "../../harness/database";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe.each<Major>([15, 18])("table rows on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, {
    prefix: "rows",
    seed: `
      CREATE TABLE "Shop Items" (id int PRIMARY KEY, name text, price numeric(20,10), "deletedAt" timestamptz, tags jsonb);
      INSERT INTO "Shop Items"
        SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'item ' || (g % 7) END, g * 1.0000000001,
               CASE WHEN g % 4 = 0 THEN '2024-01-01 00:00:00+00'::timestamptz END, jsonb_build_object('n', g)
        FROM generate_series(1, 23) g;
      CREATE TABLE no_pk (a int, b text);
      INSERT INTO no_pk SELECT g, 'b' || g FROM generate_series(1, 9) g;
      CREATE TABLE orders (tenant int, id int, deleted_at timestamptz, PRIMARY KEY (tenant, id));
      CREATE INDEX orders_live ON orders (tenant) WHERE deleted_at IS NULL;
      INSERT INTO orders SELECT g % 3, g, CASE WHEN g = 2 THEN now() END FROM generate_series(1, 10) g;
      ANALYZE;`,
    profile: { name: "r" },
  });

  async function all(
    input: Record<string, unknown>,
  ): Promise<{ pages: RowsPage[]; rows: Array<Array<string | null>> }> {
    const { app, profileId } = env;
    const pages: RowsPage[] = [];
    let after: string | undefined;
    do {
      const page = await app.call("schema:rows", {
        profileId,
        ...input,
        ...(after ? { after } : {}),
      } as never);
      pages.push(page);
      after = page.next;
    } while (after && pages.length < 100);
    return { pages, rows: pages.flatMap((p) => p.rows) };
  }

  it("pages a soft-deletable table on its primary key, hiding deleted rows, with exact text values", async () => {
    const { pages, rows } = await all({ schema: "public", table: "Shop Items", limit: 5 });
    expect(pages[0]!.keyset).toEqual(["id"]);
    expect(rows.map((r) => Number(r[0]))).toEqual(
      [...Array(23).keys()].map((i) => i + 1).filter((g) => g % 4 !== 0),
    );
    expect(rows[0]).toEqual(["1", "item 1", "1.0000000001", null, '{"n": 1}']);
    expect(pages[0]!.softDelete).toEqual({
      column: "deletedAt",
      deletedCount: 5,
      indexed: false,
      indexes: [],
    });
    expect(pages[0]!.rowEstimate).toBe(23);
    expect(pages.at(-1)!.next).toBeUndefined();
  });

  it("shows deleted rows on request and counts exactly", async () => {
    const { app, profileId } = env;
    const { rows } = await all({ schema: "public", table: "Shop Items", limit: 7, showDeleted: true });
    expect(rows).toHaveLength(23);
    expect(await app.call("schema:rowCount", { profileId, schema: "public", table: "Shop Items" })).toEqual({
      count: 18,
    });
    expect(
      await app.call("schema:rowCount", {
        profileId,
        schema: "public",
        table: "Shop Items",
        showDeleted: true,
      }),
    ).toEqual({ count: 23 });
  });

  it("sorts by a nullable column in both directions across pages (nulls last, key as tiebreaker)", async () => {
    const source = (await all({ schema: "public", table: "Shop Items", limit: 100, showDeleted: true })).rows;
    for (const direction of ["asc", "desc"] as const) {
      const { rows } = await all({
        schema: "public",
        table: "Shop Items",
        limit: 4,
        showDeleted: true,
        sort: { column: "name", direction },
      });
      const expected = [...source].sort((a, b) => {
        if (a[1] === null || b[1] === null)
          return a[1] === b[1] ? Number(a[0]) - Number(b[0]) : a[1] === null ? 1 : -1;
        const c = a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0;
        return (direction === "asc" ? c : -c) || Number(a[0]) - Number(b[0]);
      });
      expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
    }
  });

  it("filters by column with parameters, never by pasted text", async () => {
    const { app, profileId } = env;
    const eq = await app.call("schema:rows", {
      profileId,
      schema: "public",
      table: "Shop Items",
      filters: [{ column: "name", op: "=", value: "item 3" }],
    });
    expect(eq.rows.map((r) => r[0])).toEqual(["3", "17"]);
    const contains = await app.call("schema:rows", {
      profileId,
      schema: "public",
      table: "Shop Items",
      filters: [{ column: "name", op: "contains", value: "' OR 1=1 --" }],
    });
    expect(contains.rows).toEqual([]);
    const gt = await app.call("schema:rows", {
      profileId,
      schema: "public",
      table: "Shop Items",
      showDeleted: true,
      filters: [
        { column: "price", op: ">", value: "20" },
        { column: "name", op: "isNull" },
      ],
    });
    expect(gt.rows.map((r) => r[0])).toEqual(["20"]);
    const bad = await app.raw("schema:rows", {
      profileId,
      schema: "public",
      table: "Shop Items",
      filters: [{ column: "nope", op: "isNull" }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });

  it("pages a table without a primary key on ctid", async () => {
    const { pages, rows } = await all({ schema: "public", table: "no_pk", limit: 4 });
    expect(pages[0]!.keyset).toEqual(["ctid"]);
    expect(pages[0]!.softDelete).toBeUndefined();
    expect(rows.map((r) => r[0])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });

  it("pages on a composite key and notices the partial index on deleted_at", async () => {
    const { pages, rows } = await all({ schema: "public", table: "orders", limit: 3 });
    expect(pages[0]!.keyset).toEqual(["tenant", "id"]);
    expect(pages[0]!.softDelete).toEqual({
      column: "deleted_at",
      deletedCount: 1,
      indexed: true,
      indexes: ["orders_live"],
    });
    expect(rows.map((r) => `${r[0]}/${r[1]}`)).toEqual([
      "0/3",
      "0/6",
      "0/9",
      "1/1",
      "1/4",
      "1/7",
      "1/10",
      "2/5",
      "2/8",
    ]);
  });

  it("runs read-only and rejects cursors of another sort", async () => {
    const { app, profileId } = env;
    const first = await app.call("schema:rows", { profileId, schema: "public", table: "orders", limit: 2 });
    const wrong = await app.raw("schema:rows", {
      profileId,
      schema: "public",
      table: "orders",
      after: first.next,
      sort: { column: "id", direction: "asc" },
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "after" } });
    const missing = await app.raw("schema:rows", { profileId, schema: "public", table: "nope" });
    expect(missing).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
