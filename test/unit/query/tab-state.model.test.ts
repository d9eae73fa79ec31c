import { describe, expect, it } from "vitest";
import {
  fileNameFor,
  fromSaved,
  hasUnkeptText,
  moveBy,
  moveOnto,
  newTab,
  nextTitle,
  patchFor,
  textDigest,
  titleFromFileName,
} from "../../../src/renderer/src/features/query/tab-state.model";
import { lastRunOf, rerunTarget } from "../../../src/renderer/src/features/query/query-tab.model";
import { badgeView, durationText } from "../../../src/renderer/src/features/query/transaction.model";

const tab = newTab("t", "p", "Query 1", { sql: "SELECT 1" });

describe("an editor tab's state", () => {
  it("asks before closing only when the text is kept nowhere", () => {
    expect(hasUnkeptText(tab)).toBe(true);
    expect(hasUnkeptText({ ...tab, sql: "  " })).toBe(false);
    expect(hasUnkeptText({ ...tab, lastRun: lastRunOf("SELECT 1", { mode: "all" }, new Date()) })).toBe(
      false,
    );
    expect(hasUnkeptText({ ...tab, lastRun: lastRunOf("SELECT 2", { mode: "all" }, new Date()) })).toBe(true);
    expect(hasUnkeptText({ ...tab, filePath: "/q.sql", dirty: false })).toBe(false);
    expect(hasUnkeptText({ ...tab, filePath: "/q.sql", dirty: true })).toBe(true);
  });

  it("saves only the fields that changed", () => {
    expect(patchFor(tab, tab)).toBeUndefined();
    expect(patchFor(tab, { ...tab, cursor: { line: 1, column: 3 } })).toEqual({
      id: "t",
      cursor: { line: 1, column: 3 },
    });
    expect(Object.keys(patchFor(undefined, tab)!)).toContain("autocommit");
  });

  it("reads a saved tab back, dropping a damaged layout and tabs without a profile", () => {
    const saved = {
      ...{
        id: "t",
        position: 0,
        title: "",
        profileId: "p",
        database: null,
        sql: "x",
        cursor: null,
        selection: null,
      },
      ...{ resultLayout: { active: "nope" }, pinnedPlans: null, dirty: false, filePath: null },
      ...{ timeoutSeconds: 0, rowCap: 10, autocommit: false, lastRun: null, revision: 1, updatedAt: "" },
    };
    expect(fromSaved(saved)).toMatchObject({
      title: "Query",
      resultLayout: null,
      pinnedPlans: [],
      autocommit: false,
    });
    expect(fromSaved({ ...saved, profileId: null })).toBeUndefined();
  });

  it("digests text so any change shows", () => {
    expect(textDigest("SELECT 1")).toBe(textDigest("SELECT 1"));
    expect(textDigest("SELECT 1")).not.toBe(textDigest("SELECT 2"));
    expect(textDigest("ab")).not.toBe(textDigest("ba"));
  });

  it("runs the last run again: the same target when the text is unchanged, else the statement at its caret", () => {
    const last = lastRunOf(
      "SELECT 1; SELECT 2",
      { mode: "statement-at-cursor", cursorOffset: 12 },
      new Date(0),
    );
    expect(rerunTarget(last, "SELECT 1; SELECT 2")).toEqual({
      mode: "statement-at-cursor",
      cursorOffset: 12,
    });
    const sel = lastRunOf(
      "SELECT 1; SELECT 2",
      { mode: "selection", selection: { start: 10, end: 18 } },
      new Date(0),
    );
    expect(rerunTarget(sel, "SELECT 1")).toEqual({ mode: "statement-at-cursor", cursorOffset: 8 });
  });

  it("names, moves and files tabs", () => {
    expect(nextTitle(["Query 1", "Query 3"])).toBe("Query 2");
    expect(moveBy(["a", "b", "c"], "a", 1)).toEqual(["b", "a", "c"]);
    expect(moveBy(["a", "b", "c"], "a", -1)).toEqual(["a", "b", "c"]);
    expect(moveOnto(["a", "b", "c"], "a", "c")).toEqual(["b", "c", "a"]);
    expect(moveOnto(["a", "b", "c"], "c", "a")).toEqual(["c", "a", "b"]);
    expect(titleFromFileName("/home/u/monthly report.SQL")).toBe("monthly report");
    expect(fileNameFor('a/b:"c"')).toBe("a b c.sql");
  });
});

describe("the transaction badge", () => {
  const base = { connected: true, running: false, warnAfterSeconds: 60, now: 10_000 };
  it("says how long a transaction has been open, from main's figure, and warns past the tag's limit", () => {
    const age = { ms: 5_000, receivedAt: 8_000 };
    expect(badgeView({ ...base, state: "in-transaction", age })).toEqual({
      state: "in-transaction",
      label: "in transaction for 7 s",
      warn: false,
    });
    const long = badgeView({ ...base, state: "in-transaction", age: { ms: 61_000, receivedAt: 10_000 } });
    expect(long.warn).toBe(true);
    expect(long.label).toMatch(/^in transaction for 1 min 1 s — locks are held/);
  });

  it("shows failed, idle, running and not connected as the session says", () => {
    expect(badgeView({ ...base, state: "failed", age: undefined }).label).toMatch(/failed/);
    expect(badgeView({ ...base, state: "idle", age: undefined }).label).toBe("idle");
    expect(badgeView({ ...base, running: true, state: "idle", age: undefined }).label).toBe("running…");
    expect(badgeView({ ...base, connected: false, state: "idle", age: undefined }).label).toBe(
      "not connected",
    );
    expect(durationText(7_260)).toBe("2 h 1 min");
  });
});
