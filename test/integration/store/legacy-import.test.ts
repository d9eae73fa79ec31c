import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../harness/app";

/** query-history.json as pgdesk 0.1 wrote it: newest last, pretty-printed. */
const oldHistory = [
  {
    profileId: "p1",
    sql: "SELECT 1",
    durationMs: 1.5,
    rowCount: 1,
    id: "a1",
    at: "2026-03-01T10:00:00.000Z",
  },
  {
    ...{ profileId: "p2", sql: "DELETE FROM t WHERE 50% _ ok", durationMs: 3, rowCount: null },
    ...{ error: 'relation "t" does not exist', id: "a2", at: "2026-03-01T10:01:00.000Z" },
  },
  {
    profileId: "p1",
    sql: "x".repeat(20_000),
    durationMs: 2,
    rowCount: 0,
    id: "a3",
    at: "2026-03-01T10:02:00.000Z",
  },
  { profileId: "p1", durationMs: 2, id: "broken", at: "2026-03-01T10:03:00.000Z" },
  {
    profileId: "p1",
    sql: "SELECT 'newest'",
    durationMs: 4,
    rowCount: 1,
    id: "a4",
    at: "2026-03-01T10:04:00.000Z",
  },
];
const oldSnippets = [
  { id: "s1", name: "zeta", sql: "SELECT 'z'", updatedAt: "2026-02-01T00:00:00.000Z" },
  { id: "s2", name: "Alpha", sql: "SELECT 'a'", updatedAt: "2026-02-02T00:00:00.000Z" },
];
const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

describe("upgrading from the JSON history and snippets files", () => {
  let dataDir: string;
  let app: TestApp;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "pgdesk-legacy-"));
  });
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const restart = async () => {
    await app?.close();
    app = await createTestApp({ dataDir });
  };

  it("imports every readable entry, in order, and keeps the old files renamed", async () => {
    await writeFile(join(dataDir, "query-history.json"), json(oldHistory));
    await writeFile(join(dataDir, "query-snippets.json"), json(oldSnippets));
    await restart();
    const history = await app.call("query:history", {});
    expect(history.map((h) => h.id)).toEqual(["a4", "a3", "a2", "a1"]);
    expect(history[2]).toEqual({
      id: "a2",
      profileId: "p2",
      at: "2026-03-01T10:01:00.000Z",
      sql: "DELETE FROM t WHERE 50% _ ok",
      durationMs: 3,
      rowCount: null,
      error: 'relation "t" does not exist',
    });
    // the old store cut statements at 20,000 characters without saying so; now it says so
    expect(history[1]).toMatchObject({ sql: "x".repeat(20_000), truncated: true });
    expect(history[3]!.truncated).toBeUndefined();
    expect((await app.call("query:snippets", {})).map((s) => [s.id, s.name, s.sql, s.updatedAt])).toEqual([
      ["s2", "Alpha", "SELECT 'a'", "2026-02-02T00:00:00.000Z"],
      ["s1", "zeta", "SELECT 'z'", "2026-02-01T00:00:00.000Z"],
    ]);
    expect(await readFile(join(dataDir, "query-history.json.imported"), "utf8")).toBe(json(oldHistory));
    expect(await readFile(join(dataDir, "query-snippets.json.imported"), "utf8")).toBe(json(oldSnippets));
    const { notices } = await app.call("store:status", {});
    expect(notices.map((n) => n.kind)).toEqual(["imported", "imported"]);
    expect(notices[0]!.message).toMatch(
      /^Imported 4 history entries from .*query-history\.json; 1 unreadable entries were not imported; the file is kept as .*query-history\.json\.imported\.$/,
    );
  });

  it("searches the imported history as before: any case, % and _ as plain characters, per profile", async () => {
    const search = (s: string, profileId?: string) =>
      app
        .call("query:history", { search: s, ...(profileId ? { profileId } : {}) })
        .then((h) => h.map((e) => e.id));
    expect(await search("50% _")).toEqual(["a2"]);
    expect(await search("%")).toEqual(["a2"]);
    expect(await search("NEWEST")).toEqual(["a4"]);
    expect(await search("select", "p1")).toEqual(["a4", "a1"]);
    expect(await search("select", "p2")).toEqual([]);
  });

  it("imports nothing twice after a restart, or when an import was cut short before the rename", async () => {
    await restart();
    expect((await app.call("store:status", {})).notices).toEqual([]);
    // a crash between the import's commit and the rename leaves the file in place
    await copyFile(join(dataDir, "query-history.json.imported"), join(dataDir, "query-history.json"));
    // and an older pgdesk may have edited a snippet meanwhile: the later edit wins
    const edited = [
      { ...oldSnippets[0]!, sql: "SELECT 'z2'", updatedAt: "2026-04-01T00:00:00.000Z" },
      oldSnippets[1],
    ];
    await writeFile(join(dataDir, "query-snippets.json"), json(edited));
    await restart();
    expect((await app.call("query:history", {})).map((h) => h.id)).toEqual(["a4", "a3", "a2", "a1"]);
    expect((await app.call("query:snippets", {})).find((s) => s.id === "s1")!.sql).toBe("SELECT 'z2'");
    const { notices } = await app.call("store:status", {});
    expect(notices[0]!.message).toMatch(
      /^Imported 0 history entries .* kept as .*query-history\.json\.imported-2\.$/,
    );
    expect(notices[1]!.message).toMatch(
      /^Imported 1 snippets .* kept as .*query-snippets\.json\.imported-2\.$/,
    );
  });

  it("leaves a file it cannot read where it is, and says why", async () => {
    await writeFile(join(dataDir, "query-snippets.json"), '[{"id": "s9", "name": "cut off');
    await restart();
    const { notices } = await app.call("store:status", {});
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "import-failed", path: join(dataDir, "query-snippets.json") });
    expect(notices[0]!.message).toMatch(
      /^Could not import snippets from .*: .*JSON.*The file was left as it is\.$/,
    );
    expect(await readFile(join(dataDir, "query-snippets.json"), "utf8")).toBe(
      '[{"id": "s9", "name": "cut off',
    );
    expect(await app.call("query:snippets", {})).toHaveLength(2);
  });
});
