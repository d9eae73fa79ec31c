import { describe, expect, it } from "vitest";
import type { StatementResult } from "../../../src/shared/contract/query";
import { ResultData } from "../../../src/shared/query/result-data";
import { columnWidth, movedCell, nextGridSort } from "../../../src/renderer/src/features/query/grid.model";
import {
  appendToScript,
  errorMarker,
  explainSql,
  ranText,
  runRequest,
} from "../../../src/renderer/src/features/query/query-tab.model";
import { resultTabs } from "../../../src/renderer/src/features/query/results.model";
import { newTab } from "../../../src/renderer/src/features/query/tab-state.model";
import type { StatementView } from "../../../src/renderer/src/features/query/run-controller";

const tab = newTab("t", "p", "Query 1", { sql: "SELECT 1;\nSELECT 2;", timeoutSeconds: 5, rowCap: 1000 });

describe("query tab: what a run and an explain send", () => {
  it("runs with the tab's row cap and timeout, or without a cap for 'load all'", () => {
    expect(runRequest(tab, { mode: "statement-at-cursor", cursorOffset: 3 })).toEqual({
      sql: tab.sql,
      mode: "statement-at-cursor",
      cursorOffset: 3,
      rowCap: 1000,
      statementTimeoutMs: 5000,
      autocommit: true,
    });
    const again = runRequest(
      tab,
      { mode: "selection", selection: { start: 0, end: 8 } },
      { sql: "SELECT 9", rowCap: null },
    );
    expect(again).toMatchObject({ sql: "SELECT 9", rowCap: null, selection: { start: 0, end: 8 } });
  });

  it("explains the one statement pointed at, or several as a script", () => {
    expect(explainSql([{ text: "SELECT 1" }])).toBe("SELECT 1");
    expect(explainSql([{ text: "SELECT 1" }, { text: "SELECT 2" }])).toBe("SELECT 1;\nSELECT 2");
    expect(explainSql([])).toBe("");
  });

  it("puts a picked statement after the script, a blank line between", () => {
    expect(appendToScript("", "SELECT 1")).toBe("SELECT 1");
    expect(appendToScript("  \n", "SELECT 1")).toBe("SELECT 1");
    expect(appendToScript("SELECT 1;\n\n\n", "SELECT 2")).toBe("SELECT 1;\n\nSELECT 2");
  });

  it("marks the first failed statement that has a place in the text", () => {
    const view = (index: number, error?: { message: string; editorOffset?: number }): StatementView => ({
      index,
      data: new ResultData([]),
      ...(error ? { result: { error: { code: "PG_ERROR", ...error } } as StatementResult } : {}),
    });
    expect(
      errorMarker([
        view(0),
        view(1, { message: "no place" }),
        view(2, { message: "here", editorOffset: 14 }),
      ]),
    ).toEqual({ offset: 14, message: "here" });
    expect(errorMarker([view(0)])).toBeUndefined();
  });

  it("exports a statement's text as it was run, even if the script changed since", () => {
    const r = { start: 10, end: 18 } as StatementResult;
    expect(ranText("SELECT 1; SELECT 2", "edited", r)).toBe("SELECT 2");
    expect(ranText(undefined, "SELECT 1; SELECT 3", r)).toBe("SELECT 3");
  });
});

describe("result grid", () => {
  it("cycles a column's sort: ascending, descending, as the rows arrived", () => {
    const asc = nextGridSort(undefined, 2);
    expect(asc).toEqual({ col: 2, desc: false });
    const desc = nextGridSort(asc, 2);
    expect(desc).toEqual({ col: 2, desc: true });
    expect(nextGridSort(desc, 2)).toBeUndefined();
    expect(nextGridSort(desc, 0)).toEqual({ col: 0, desc: false });
  });

  it("moves the selected cell with the arrows, never out of the grid", () => {
    expect(movedCell({ row: 0, col: 0 }, "ArrowDown", 10, 3)).toEqual({ row: 1, col: 0 });
    expect(movedCell({ row: 0, col: 0 }, "ArrowUp", 10, 3)).toEqual({ row: 0, col: 0 });
    expect(movedCell({ row: 9, col: 2 }, "ArrowRight", 10, 3)).toEqual({ row: 9, col: 2 });
    expect(movedCell({ row: 5, col: 1 }, "ArrowLeft", 10, 3)).toEqual({ row: 5, col: 0 });
    expect(movedCell({ row: 5, col: 1 }, "Enter", 10, 3)).toBeUndefined();
  });

  it("sizes a column by its name or type, within bounds", () => {
    expect(columnWidth("id", "int4")).toBe(90);
    expect(columnWidth("a_rather_long_column_name", "text")).toBe(25 * 8 + 32);
    expect(columnWidth("x".repeat(100), "text")).toBe(320);
  });
});

describe("result tabs after a run", () => {
  const view = (index: number, columns: number, failed = false): StatementView => ({
    index,
    data: new ResultData(
      Array.from({ length: columns }, (_, i) => ({ name: `c${i}`, typeName: "text" }) as never),
    ),
    ...(failed ? { result: { error: { code: "PG_ERROR", message: "boom" } } as StatementResult } : {}),
  });

  it("shows the last statement that returned rows", () => {
    const tabs = resultTabs([view(0, 1), view(1, 0), view(2, 2)], undefined, undefined);
    expect(tabs.withRows.map((v) => v.index)).toEqual([0, 2]);
    expect(tabs.active).toBe(2);
  });

  it("shows the messages when a statement or the call failed", () => {
    expect(resultTabs([view(0, 1), view(1, 0, true)], undefined, undefined)).toMatchObject({
      failed: true,
      active: "messages",
    });
    expect(resultTabs([view(0, 1)], { code: "CONNECTION", message: "lost" }, undefined).active).toBe(
      "messages",
    );
    expect(resultTabs([], undefined, undefined).active).toBe("messages");
  });

  it("keeps the user's pick while it exists, falls back once it is gone", () => {
    expect(resultTabs([view(0, 1), view(1, 1)], undefined, 0).active).toBe(0);
    expect(resultTabs([view(0, 1), view(1, 1)], undefined, "messages").active).toBe("messages");
    expect(resultTabs([view(1, 1)], undefined, 0).active).toBe(1);
  });
});
