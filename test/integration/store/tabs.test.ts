import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../harness/app";
import { TAB_LIMITS } from "../../../src/shared/contract/tabs";
import { createStoreClient } from "../../../src/main/store/client";

const fail = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (err: { data: { code: string; message: string } }) => err.data,
  );

describe("query tabs and UI state in the app's store", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("creates a tab on its first save and changes only the fields a later save names", async () => {
    const first = await app.call("tabs:save", { id: "tab-a", title: "Orders", sql: "SELECT 1" });
    expect(first.revision).toBe(1);
    const second = await app.call("tabs:save", {
      id: "tab-a",
      sql: "SELECT 1 FROM orders",
      cursor: { line: 1, column: 9 },
      selection: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 9 },
      resultLayout: { widths: [120, 80], active: 0 },
      pinnedPlans: [{ label: "before index", plan: [{ Plan: { "Node Type": "Seq Scan" } }] }],
      profileId: "p1",
      database: "shop",
      dirty: true,
      filePath: "/home/u/orders.sql",
      timeoutSeconds: 30,
      rowCap: 500,
      autocommit: false,
      lastRun: { mode: "statement-at-cursor", cursorOffset: 4, digest: "d1", at: "2026-01-01T00:00:00Z" },
    });
    expect(second.revision).toBe(2);
    const [tab] = await app.call("tabs:list", {});
    expect(tab).toMatchObject({
      id: "tab-a",
      position: 0,
      title: "Orders",
      sql: "SELECT 1 FROM orders",
      cursor: { line: 1, column: 9 },
      resultLayout: { widths: [120, 80], active: 0 },
      pinnedPlans: [{ label: "before index", plan: [{ Plan: { "Node Type": "Seq Scan" } }] }],
      profileId: "p1",
      database: "shop",
      dirty: true,
      filePath: "/home/u/orders.sql",
      timeoutSeconds: 30,
      rowCap: 500,
      autocommit: false,
      lastRun: { mode: "statement-at-cursor", cursorOffset: 4, digest: "d1", at: "2026-01-01T00:00:00Z" },
      revision: 2,
    });
    expect(tab!.problems).toBeUndefined();
    await app.call("tabs:save", { id: "tab-a", filePath: null, dirty: false });
    const [cleared] = await app.call("tabs:list", {});
    expect(cleared).toMatchObject({ filePath: null, dirty: false, sql: "SELECT 1 FROM orders", revision: 3 });
  });

  it("refuses a text over the limit with a message saying so, and keeps the saved text whole", async () => {
    const huge = "x".repeat(TAB_LIMITS.sqlChars + 1);
    const error = await fail(app.call("tabs:save", { id: "tab-a", sql: huge }));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toContain("2,000,001 characters");
    expect(error.message).toContain("Nothing was cut");
    const [tab] = await app.call("tabs:list", {});
    expect(tab!.sql).toBe("SELECT 1 FROM orders");
    // exactly at the limit is kept, every character of it
    const max = "y".repeat(TAB_LIMITS.sqlChars - 1) + "é";
    await app.call("tabs:save", { id: "tab-a", sql: max });
    expect((await app.call("tabs:list", {}))[0]!.sql).toBe(max);
    await app.call("tabs:save", { id: "tab-a", sql: "SELECT 1 FROM orders" });
  });

  it("keeps concurrent saves of two tabs, each tab's last save winning", async () => {
    const saves = [];
    for (let i = 1; i <= 40; i++) {
      saves.push(app.call("tabs:save", { id: "tab-b", sql: `-- b ${i}` }));
      saves.push(app.call("tabs:save", { id: "tab-c", sql: `-- c ${i}`, cursor: { line: 1, column: i } }));
    }
    const acks = await Promise.all(saves);
    expect(acks.filter((a) => a.id === "tab-b").map((a) => a.revision)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const tabs = await app.call("tabs:list", {});
    expect(tabs.map((t) => t.id)).toEqual(["tab-a", "tab-b", "tab-c"]);
    expect(tabs[1]).toMatchObject({ sql: "-- b 40", revision: 40 });
    expect(tabs[2]).toMatchObject({ sql: "-- c 40", cursor: { line: 1, column: 40 }, revision: 40 });
  });

  it("reorders (named tabs first, the others after in their order) and closes", async () => {
    await app.call("tabs:save", { id: "tab-d", title: "d" });
    expect(await app.call("tabs:reorder", { ids: ["tab-c", "tab-a"] })).toEqual([
      { id: "tab-c", position: 0 },
      { id: "tab-a", position: 1 },
      { id: "tab-b", position: 2 },
      { id: "tab-d", position: 3 },
    ]);
    const unknown = await fail(app.call("tabs:reorder", { ids: ["tab-b", "gone"] }));
    expect(unknown).toMatchObject({ code: "NOT_FOUND" });
    expect(unknown.message).toContain("gone");
    await app.call("tabs:close", { id: "tab-a" });
    expect((await app.call("tabs:list", {})).map((t) => t.id)).toEqual(["tab-c", "tab-b", "tab-d"]);
  });

  it("says which saved part it could not read back instead of passing it on", async () => {
    const store = await app.ctx.store();
    const db = createStoreClient(`file://${store.path}`);
    await db.tab.update({ where: { id: "tab-b" }, data: { cursor: "{not json", resultLayout: '"ok"' } });
    await db.$disconnect();
    const tab = (await app.call("tabs:list", {})).find((t) => t.id === "tab-b")!;
    expect(tab.cursor).toBeNull();
    expect(tab.resultLayout).toBe("ok");
    expect(tab.sql).toBe("-- b 40");
    expect(tab.problems).toEqual([expect.stringMatching(/^The cursor position could not be read back/)]);
  });

  it("keeps the last profile, page and tab; null clears a key", async () => {
    expect(await app.call("ui:getState", {})).toEqual({
      lastProfileId: null,
      lastPage: null,
      activeTabId: null,
      activeTabByProfile: null,
      databaseByProfile: null,
      theme: null,
    });
    await app.call("ui:setState", {
      lastProfileId: "p1",
      lastPage: "query",
      activeTabId: "tab-c",
      theme: "dark",
    });
    expect(await app.call("ui:setState", { lastPage: null, activeTabByProfile: { p1: "tab-c" } })).toEqual({
      lastProfileId: "p1",
      lastPage: null,
      activeTabId: "tab-c",
      activeTabByProfile: { p1: "tab-c" },
      databaseByProfile: null,
      theme: "dark",
    });
    expect((await fail(app.call("ui:setState", { lastPage: "../x" }))).code).toBe("VALIDATION");
    expect((await fail(app.call("ui:setState", { activeTabByProfile: { p1: "../x" } }))).code).toBe(
      "VALIDATION",
    );
  });
});
