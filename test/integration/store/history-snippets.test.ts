import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORY_MAX_ENTRIES } from "../../../src/main/store/history.repo";
import { HISTORY_SQL_CHARS } from "../../../src/shared/contract/query";
import { createTestApp, type TestApp } from "../../harness/app";

const entry = (i: number, profileId = "p1") => ({
  profileId,
  sql: `SELECT ${i}`,
  durationMs: i,
  rowCount: 1,
});

describe("query history and snippets in the store", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("folds case as JavaScript does, so a search for É finds é", async () => {
    const store = await app.ctx.store();
    await store.history.add([{ ...entry(1), sql: "SELECT 'café' AS Über" }]);
    const found = await app.call("query:history", { search: "CAFÉ über" });
    expect(found.map((h) => h.sql)).toEqual([]);
    expect((await app.call("query:history", { search: "CAFÉ' as ÜBER" })).map((h) => h.sql)).toEqual([
      "SELECT 'café' AS Über",
    ]);
  });

  it("says when it cut a statement to the length history keeps", async () => {
    const store = await app.ctx.store();
    await store.history.add([{ ...entry(2), sql: "y".repeat(HISTORY_SQL_CHARS + 5) }]);
    const [newest] = await app.call("query:history", { limit: 1 });
    expect(newest!.sql).toHaveLength(HISTORY_SQL_CHARS);
    expect(newest!.truncated).toBe(true);
  });

  it("keeps the newest entries when it grows past its size, even from one long script", async () => {
    const store = await app.ctx.store();
    const script = Array.from({ length: HISTORY_MAX_ENTRIES + 7 }, (_, i) => entry(i, "p2"));
    await store.history.add(script);
    const all = await app.call("query:history", { profileId: "p2", limit: 1000 });
    expect(all[0]!.sql).toBe(`SELECT ${HISTORY_MAX_ENTRIES + 6}`);
    const p1 = await app.call("query:history", { profileId: "p1" });
    expect(p1).toEqual([]); // the older entries of p1 were the oldest overall
    await app.call("query:clearHistory", {});
    expect(await app.call("query:history", {})).toEqual([]);
  });

  it("saves, renames, lists by name and deletes snippets", async () => {
    const b = await app.call("query:saveSnippet", { name: "beta", sql: "SELECT 'b'" });
    const a = await app.call("query:saveSnippet", { name: "Ärger", sql: "SELECT 'a'" });
    await app.call("query:saveSnippet", { id: b.id, name: "Beta 2", sql: "SELECT 'b2'" });
    expect((await app.call("query:snippets", {})).map((s) => [s.name, s.sql])).toEqual([
      ["Ärger", "SELECT 'a'"],
      ["Beta 2", "SELECT 'b2'"],
    ]);
    const gone = await app.raw("query:saveSnippet", { id: "nope", name: "x", sql: "" });
    expect(gone).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await app.call("query:deleteSnippet", { id: a.id });
    expect((await app.call("query:snippets", {})).map((s) => s.id)).toEqual([b.id]);
  });
});
