import pg from "pg";
import { describe, expect, it } from "vitest";
import type { PayloadOf } from "../../../src/shared/contract";
import { RawRowPacker } from "../../../src/main/features/query/raw-row.packer";
import { rawRowTap } from "../../../src/main/features/query/raw-row.tap";
import { RAW_TEXT_TYPES } from "../../../src/main/features/query/statement.runner";
import type { Major } from "../../harness/database";
import { allRows, runSql } from "./run-helpers";
import { useAppOnDatabase } from "../../harness/app-on-database";

/**
 * Rows are packed from the wire bytes (RawRowPacker), not from pg's strings: every cell
 * must still be exactly the text pg itself decodes, across batch boundaries, row caps,
 * multi-byte characters, NULL vs '' and a client_encoding that is not UTF-8.
 */
describe.each<Major>([15, 18])("rows packed from the wire on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, { prefix: "qraw", session: true });

  /** What pg decodes for the same statement, on another connection. */
  async function reference(sql: string): Promise<Array<Array<string | null>>> {
    const { db } = env;
    const r = await db.pool.query({ text: sql, rowMode: "array", types: RAW_TEXT_TYPES });
    return r.rows as Array<Array<string | null>>;
  }

  it("takes a connection's DataRows while a packer is attached and leaves every other message to pg", async () => {
    const { db } = env;
    const client = new pg.Client(db.connection);
    await client.connect();
    try {
      const tap = rawRowTap(client);
      expect(tap).toBeDefined();
      const packer = new RawRowPacker();
      tap!.attach(packer);
      const taken = await client.query("SELECT g, 'é' || g FROM generate_series(1, 3) g");
      expect(taken.rows).toEqual([]);
      expect(taken.rowCount).toBe(3);
      tap!.detach();
      expect(packer.take(3, 2)).toEqual({
        rowCount: 3,
        columnCount: 2,
        text: "123é1é2é3",
        lengths: [1, 1, 1, 2, 2, 2],
      });
      const notices: string[] = [];
      client.on("notice", (n) => notices.push(n.message ?? ""));
      await client.query("DO $$ BEGIN RAISE NOTICE 'still here'; END $$");
      expect((await client.query({ text: "SELECT 1 AS one", rowMode: "array" })).rows).toEqual([[1]]);
      expect(notices).toEqual(["still here"]);
      await expect(client.query("SELECT 1/0")).rejects.toThrow("division by zero");
    } finally {
      await client.end();
    }
  });

  const MIXED = `SELECT g AS id, g * 1000000007::bigint AS big, (g / 7.0)::numeric(20,6) AS ratio,
      CASE g % 4 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'ünïcødé ' || g ELSE '🐘 emoji ' || repeat('x', g % 50) END AS txt,
      timestamptz '2025-01-01 00:00:00+00' + g * interval '1 second' AS at, (g % 3 = 0) AS flag,
      jsonb_build_object('g', g, 'k', E'line\\nbreak "quoted"') AS doc, ARRAY[g, NULL] AS arr,
      decode(lpad(to_hex(g), 8, '0'), 'hex') AS bin, repeat('wide', CASE WHEN g % 1000 = 0 THEN 5000 ELSE 1 END) AS wide
    FROM generate_series(1, 23456) g`;

  it("streams every cell as pg decodes it, across growing batches", async () => {
    const { app, db, sessionId } = env;
    await runSql(app, sessionId, "SET TimeZone = 'UTC'");
    await db.pool.query("SET TimeZone = 'UTC'");
    const from = app.events.length;
    const { summary, data } = await runSql(app, sessionId, MIXED, { rowCap: null });
    expect(summary.results[0]).toMatchObject({ rowsReturned: 23456, truncated: false, rowCount: 23456 });
    // batches grow past the first 1000 rows only on the packed-bytes path: the session's connection is tapped
    const sizes = app.events
      .slice(from)
      .filter((e) => e.event === "query:didReceiveRows")
      .map((e) => (e.payload as PayloadOf<"query:didReceiveRows">).batch.rowCount);
    expect(sizes[0]).toBe(1000);
    expect(Math.max(...sizes)).toBeGreaterThan(1000);
    const expected = await reference(`SET TimeZone = 'UTC'; ${MIXED}`.split("; ")[1]!);
    expect(allRows(data[0]!)).toEqual(expected);
    expect(data[0]!.isNull(3, 3)).toBe(true);
    expect(data[0]!.get(0, 3)).toBe("");
  });

  it("stops at a row cap inside a batch with exactly the first rows", async () => {
    const { app, sessionId } = env;
    for (const cap of [1, 999, 1000, 1001, 4321]) {
      const { summary, data } = await runSql(app, sessionId, MIXED, { rowCap: cap });
      expect(summary.results[0]).toMatchObject({ rowsReturned: cap, truncated: true });
      const rows = allRows(data[0]!);
      expect(rows.length).toBe(cap);
      expect(rows[cap - 1]![0]).toBe(String(cap));
    }
    // the session goes on normally after a closed portal
    const after = await runSql(app, sessionId, "SELECT 'after' AS x");
    expect(allRows(after.data[0]!)).toEqual([["after"]]);
  });

  it("keeps the text pg decodes when the client encoding is not UTF-8", async () => {
    const { app, db, sessionId } = env;
    await runSql(app, sessionId, "SET client_encoding = 'LATIN1'");
    try {
      const sql = "SELECT 'café ' || g AS latin, 'plain' AS ascii FROM generate_series(1, 3000) g";
      const { data } = await runSql(app, sessionId, sql, { rowCap: null });
      const client = await db.pool.connect();
      try {
        await client.query("SET client_encoding = 'LATIN1'");
        const r = await client.query({ text: sql, rowMode: "array", types: RAW_TEXT_TYPES });
        expect(allRows(data[0]!)).toEqual(r.rows);
      } finally {
        await client.query("RESET client_encoding");
        client.release();
      }
    } finally {
      await runSql(app, sessionId, "RESET client_encoding");
    }
  });

  it("reports an error in the middle of a stream and keeps the session usable", async () => {
    const { app, sessionId } = env;
    const { summary, data } = await runSql(
      app,
      sessionId,
      "SELECT g, 1 / (g - 2500) AS inv FROM generate_series(1, 5000) g",
      { rowCap: null },
    );
    expect(summary.results[0]?.error?.message).toContain("division by zero");
    expect(data[0]!.rowCount).toBeLessThan(2500);
    const next = await runSql(app, sessionId, "SELECT count(*) FROM generate_series(1, 3000)");
    expect(allRows(next.data[0]!)).toEqual([["3000"]]);
    expect(next.summary.transactionState).toBe("idle");
  });

  it("still gives rows of statements without a portal (SHOW, notices, several statements)", async () => {
    const { app, sessionId } = env;
    const { summary, data } = await runSql(
      app,
      sessionId,
      "SHOW TimeZone; DO $$ BEGIN RAISE NOTICE 'hello'; END $$; VALUES (1, NULL), (2, '')",
      { mode: "all" },
    );
    expect(summary.results.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    expect(allRows(data[0]!)).toEqual([["UTC"]]);
    expect(allRows(data[2]!)).toEqual([
      ["1", null],
      ["2", ""],
    ]);
  });
});
