import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Major } from "../../harness/database";
import { allRows, runSql } from "./run-helpers";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe.each<Major>([15, 18])("running SQL in an editor tab on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, { prefix: "query", session: true });

  it("keeps every value's exact server text: numeric(40,20), bigint max, timestamptz, interval, jsonb, arrays, bytea", async () => {
    const { app, sessionId } = env;
    await runSql(app, sessionId, "SET TimeZone = 'UTC'");
    const { summary, data } = await runSql(
      app,
      sessionId,
      `SELECT 12345678901234567890.12345678901234567890::numeric(40,20) AS n,
              9223372036854775807::bigint AS big,
              '2024-02-29 23:59:59.123456+05:30'::timestamptz AS ts,
              '1 year 2 mons 3 days 04:05:06.789'::interval AS iv,
              '{"b": 1.10, "a": [1, "x", null]}'::jsonb AS j,
              ARRAY[1, NULL, 3]::int[] AS arr,
              ARRAY['a b', 'c"d']::text[] AS tarr,
              '\\xdeadbeef00'::bytea AS bin,
              'NaN'::float8 AS nan`,
    );
    expect(summary.results[0]?.error).toBeUndefined();
    expect(allRows(data[0]!)).toEqual([
      [
        "12345678901234567890.12345678901234567890",
        "9223372036854775807",
        "2024-02-29 18:29:59.123456+00",
        "1 year 2 mons 3 days 04:05:06.789",
        '{"a": [1, "x", null], "b": 1.10}',
        "{1,NULL,3}",
        '{"a b","c\\"d"}',
        "\\xdeadbeef00",
        "NaN",
      ],
    ]);
    expect(data[0]!.columns.map((c) => c.typeName)).toEqual([
      "numeric(40,20)",
      "bigint",
      "timestamp with time zone",
      "interval",
      "jsonb",
      "integer[]",
      "text[]",
      "bytea",
      "double precision",
    ]);
  });

  it("tells NULL from the empty string", async () => {
    const { app, sessionId } = env;
    const { data } = await runSql(app, sessionId, "SELECT NULL::text AS a, ''::text AS b, ' '::text AS c");
    expect(allRows(data[0]!)).toEqual([[null, "", " "]]);
    expect(data[0]!.isNull(0, 0)).toBe(true);
    expect(data[0]!.isNull(0, 1)).toBe(false);
  });

  it("gives one result per statement and stops at the first error with SQLSTATE and the position in the editor", async () => {
    const { app, sessionId } = env;
    const sql =
      "SELECT 1 AS one;\nCREATE TEMP TABLE t_multi(x int);\nINSERT INTO t_multi VALUES (1), (2);\nSELECT '🐘', nope FROM t_multi;\nSELECT 2;";
    const { summary, data } = await runSql(app, sessionId, sql);
    expect(summary.results.map((r) => [r.command, r.rowCount])).toEqual([
      ["SELECT", 1],
      ["CREATE", null],
      ["INSERT", 2],
      [null, null],
    ]);
    expect(summary.skipped).toBe(1);
    expect(allRows(data[0]!)).toEqual([["1"]]);
    const error = summary.results[3]!.error!;
    expect(error.sqlState).toBe("42703");
    expect(error.message).toBe('column "nope" does not exist');
    expect(sql.slice(error.editorOffset, error.editorOffset! + 4)).toBe("nope");
  });

  it("marks a syntax error where the parser found it, before running anything", async () => {
    const { app, sessionId } = env;
    const sql = "SELECT 1;\nSELEC 2;";
    const { summary } = await runSql(app, sessionId, sql);
    expect(summary.results).toHaveLength(1);
    const error = summary.results[0]!.error!;
    expect(error.sqlState).toBe("42601");
    expect(error.message).toMatch(/syntax error at or near "SELEC"/);
    expect(sql.slice(error.editorOffset, error.editorOffset! + 5)).toBe("SELEC");
  });

  it("keeps SET, temp tables and transactions between runs, reporting the transaction state", async () => {
    const { app, sessionId } = env;
    await runSql(app, sessionId, "SET application_name = 'tab-one'");
    const shown = await runSql(app, sessionId, "SHOW application_name");
    expect(allRows(shown.data[0]!)).toEqual([["tab-one"]]);

    await runSql(app, sessionId, "CREATE TEMP TABLE scratch AS SELECT g FROM generate_series(1, 3) g");
    expect(allRows((await runSql(app, sessionId, "SELECT count(*) FROM scratch")).data[0]!)).toEqual([["3"]]);

    expect((await runSql(app, sessionId, "BEGIN")).summary.transactionState).toBe("in-transaction");
    expect((await runSql(app, sessionId, "INSERT INTO scratch VALUES (4)")).summary.transactionState).toBe(
      "in-transaction",
    );
    const failed = await runSql(app, sessionId, "SELECT 1/0");
    expect(failed.summary.results[0]!.error?.sqlState).toBe("22012");
    expect(failed.summary.transactionState).toBe("failed");
    const blocked = await runSql(app, sessionId, "SELECT 1");
    expect(blocked.summary.results[0]!.error?.sqlState).toBe("25P02");
    expect((await runSql(app, sessionId, "ROLLBACK")).summary.transactionState).toBe("idle");
    expect(allRows((await runSql(app, sessionId, "SELECT count(*) FROM scratch")).data[0]!)).toEqual([["3"]]);
    expect((await app.call("query:sessionInfo", { sessionId })).transactionState).toBe("idle");
  });

  it("gives each tab its own session", async () => {
    const { app, profileId } = env;
    const other = (await app.call("query:openSession", { profileId })).sessionId;
    const seen = await runSql(
      app,
      other,
      "SELECT count(*) FROM pg_class WHERE relname = 'scratch' AND relpersistence = 't' AND pg_table_is_visible(oid)",
    );
    expect(allRows(seen.data[0]!)).toEqual([["0"]]);
    await app.call("query:closeSession", { sessionId: other });
    const gone = await app.raw("query:run", { sessionId: other, runId: "x", sql: "SELECT 1" });
    expect(gone).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("runs only the statement under the caret, or only the selection", async () => {
    const { app, sessionId } = env;
    const sql = "SELECT 'first';\nSELECT 'second';\nSELECT 'third'";
    const at = await runSql(app, sessionId, sql, {
      mode: "statement-at-cursor",
      cursorOffset: sql.indexOf("second"),
    });
    expect(at.summary.results).toHaveLength(1);
    expect(allRows(at.data[0]!)).toEqual([["second"]]);
    expect(sql.slice(at.summary.results[0]!.start, at.summary.results[0]!.end)).toBe("SELECT 'second'");

    const start = sql.indexOf("SELECT 'second'");
    const sel = await runSql(app, sessionId, sql, {
      mode: "selection",
      selection: { start, end: sql.length },
    });
    expect(sel.summary.results.map((r) => allRows(sel.data[r.index]!)[0]![0])).toEqual(["second", "third"]);
  });

  it("runs the statement under the caret even when another statement of the script is broken", async () => {
    const { app, sessionId } = env;
    const sql = "SELEC broken;\nSELECT 'fine';";
    const at = await runSql(app, sessionId, sql, {
      mode: "statement-at-cursor",
      cursorOffset: sql.indexOf("fine"),
    });
    expect(at.summary.results[0]!.error).toBeUndefined();
    expect(allRows(at.data[0]!)).toEqual([["fine"]]);
  });

  it("stops at the soft row cap and loads everything when asked", async () => {
    const { app, sessionId } = env;
    const capped = await runSql(app, sessionId, "SELECT g FROM generate_series(1, 2500) g", { rowCap: 1200 });
    expect(capped.summary.results[0]).toMatchObject({ truncated: true, rowsReturned: 1200 });
    expect(capped.data[0]!.rowCount).toBe(1200);
    expect(capped.data[0]!.get(1199, 0)).toBe("1200");
    expect(capped.summary.transactionState).toBe("idle");

    const exact = await runSql(app, sessionId, "SELECT g FROM generate_series(1, 1000) g", { rowCap: 1000 });
    expect(exact.summary.results[0]).toMatchObject({ truncated: false, rowsReturned: 1000, rowCount: 1000 });

    const all = await runSql(app, sessionId, "SELECT g FROM generate_series(1, 2500) g", { rowCap: null });
    expect(all.summary.results[0]).toMatchObject({ truncated: false, rowsReturned: 2500, rowCount: 2500 });
    expect(all.data[0]!.get(2499, 0)).toBe("2500");
  });

  it("sends notices as events while the statement runs", async () => {
    const { app, sessionId } = env;
    const from = app.events.length;
    await runSql(app, sessionId, "DO $$ BEGIN RAISE NOTICE 'hello <b>there</b>'; END $$");
    const notices = app.events.slice(from).filter((e) => e.event === "query:didNotice");
    expect(notices.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({
        sessionId,
        severity: "NOTICE",
        message: "hello <b>there</b>",
        sqlState: "00000",
      }),
    );
  });

  it("applies the tab's statement timeout", async () => {
    const { app, sessionId } = env;
    const { summary } = await runSql(app, sessionId, "SELECT pg_sleep(5)", { statementTimeoutMs: 100 });
    expect(summary.results[0]!.error?.sqlState).toBe("57014");
    expect(summary.results[0]!.error?.message).toMatch(/statement timeout/);
    await runSql(app, sessionId, "SELECT 1", { statementTimeoutMs: 0 });
  });

  it("keeps a searchable history with duration and row count", async () => {
    const { app, profileId, sessionId } = env;
    await runSql(app, sessionId, "SELECT 'history-marker' FROM generate_series(1, 7)");
    const found = await app.call("query:history", { profileId, search: "HISTORY-marker" });
    expect(found[0]).toMatchObject({ profileId, rowCount: 7 });
    expect(found[0]!.sql).toContain("history-marker");
    expect(found[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps each statement of a script whole in history, not the 500-character display cut", async () => {
    const { app, profileId, sessionId } = env;
    const long = `SELECT '${"long-statement ".repeat(60)}' AS wide`;
    const script = `SELECT 1;\n${long};\nSELECT 2`;
    await runSql(app, sessionId, "-- first line\n" + script, {
      mode: "selection",
      selection: { start: 14, end: 14 + script.length },
    });
    const [last, middle] = await app.call("query:history", { profileId, limit: 3 });
    expect(middle!.sql).toBe(long);
    expect(middle!.truncated).toBeUndefined();
    expect(last!.sql).toBe("SELECT 2");
  });

  it("exports the full result again to CSV, JSON and SQL INSERTs, past the grid's row cap", async () => {
    const { app, sessionId } = env;
    const sql =
      "SELECT g AS id, CASE WHEN g = 2 THEN NULL WHEN g = 3 THEN '' ELSE 'v,' || g END AS note, 1.10::numeric AS n FROM generate_series(1, 2500) g ORDER BY g";
    const csvPath = join(app.dataDir, "out.csv");
    const csv = await app.call("query:export", {
      sessionId,
      exportId: "e1",
      sql,
      format: "csv",
      path: csvPath,
    });
    expect(csv.rows).toBe(2500);
    const text = await readFile(csvPath, "utf8");
    expect(text.split("\r\n").slice(0, 4)).toEqual(["id,note,n", '1,"v,1",1.10', "2,,1.10", '3,"",1.10']);
    expect((await stat(csvPath)).size).toBe(csv.bytes);
    await app.waitForEvent(
      "query:didExportProgress",
      (p) => p.exportId === "e1" && p.done && p.rows === 2500,
    );

    const jsonPath = join(app.dataDir, "out.json");
    await app.call("query:export", { sessionId, exportId: "e2", sql, format: "json", path: jsonPath });
    const rows = JSON.parse(await readFile(jsonPath, "utf8")) as Array<Record<string, string | null>>;
    expect(rows).toHaveLength(2500);
    expect(rows.slice(1, 3)).toEqual([
      { id: "2", note: null, n: "1.10" },
      { id: "3", note: "", n: "1.10" },
    ]);

    const sqlPath = join(app.dataDir, "out.sql");
    await app.call("query:export", {
      sessionId,
      exportId: "e3",
      sql,
      format: "sql",
      path: sqlPath,
      tableName: "copy_target",
    });
    await runSql(app, sessionId, "CREATE TEMP TABLE copy_target(id int, note text, n numeric)");
    await runSql(app, sessionId, await readFile(sqlPath, "utf8"));
    const back = await runSql(app, sessionId, "SELECT count(*), count(note), sum(n) FROM copy_target");
    expect(allRows(back.data[0]!)).toEqual([["2500", "2499", "2750.00"]]);

    const refused = await app.raw("query:export", {
      sessionId,
      exportId: "e4",
      sql: "DELETE FROM copy_target",
      format: "csv",
      path: csvPath,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "UNSUPPORTED" } });
  });

  it("offers the database's schemas, tables, columns and functions for autocomplete", async () => {
    const { app, db, profileId } = env;
    await db.pool.query(
      "CREATE SCHEMA IF NOT EXISTS shop; CREATE TABLE IF NOT EXISTS shop.orders(id bigint, total numeric(12,2))",
    );
    await db.pool.query(
      "CREATE OR REPLACE FUNCTION shop.order_total(i bigint) RETURNS numeric LANGUAGE sql AS 'SELECT 1::numeric'",
    );
    const c = await app.call("query:completions", { profileId });
    expect(c.schemas).toContain("shop");
    expect(c.relations).toContainEqual({ schema: "shop", name: "orders", kind: "table" });
    expect(c.columns).toContainEqual({
      schema: "shop",
      relation: "orders",
      name: "total",
      type: "numeric(12,2)",
    });
    expect(c.functions).toContainEqual({
      schema: "shop",
      name: "order_total",
      args: "i bigint",
      result: "numeric",
      kind: "function",
      description: null,
      overloads: [],
    });
    expect(c.functions.some((f) => f.schema === "pg_catalog" && f.name === "now")).toBe(true);
  });
});
