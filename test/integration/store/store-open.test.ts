import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeMigrations } from "../../../src/generated/store/migrations";
import { createMemoryLogger } from "../../../src/main/logger";
import { createStoreClient } from "../../../src/main/store/client";
import type { StoreMigration } from "../../../src/main/store/migrate";
import { openStore } from "../../../src/main/store/store";
import { ASIDE_DIR, STORE_FILE, storeUrl } from "../../../src/main/store/store-file";
import { createTestApp } from "../../harness/app";

const migration = (version: number, name: string, sql: string): StoreMigration => ({
  version,
  file: `${String(version).padStart(4, "0")}_${name}.sql`,
  sql,
  checksum: createHash("sha256").update(sql).digest("hex"),
});

const chain = [
  migration(1, "notes", "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"),
  migration(2, "note_tags", "-- tags\nALTER TABLE note ADD COLUMN tag TEXT;\nUPDATE note SET tag = 'old';"),
  migration(3, "note_index", "CREATE INDEX note_tag ON note(tag);\nCREATE TABLE seen (id TEXT);"),
];

async function sqlite(dataDir: string, sql: string, args: Array<string | number> = []) {
  const client = createClient({ url: storeUrl(join(dataDir, STORE_FILE)) });
  try {
    return (await client.execute({ sql, args })).rows.map((r) => ({ ...r }));
  } finally {
    client.close();
  }
}

const versions = (dataDir: string) =>
  sqlite(dataDir, `SELECT version, file FROM _store_migrations ORDER BY version`);

describe("the store file: open, migrate, move aside", () => {
  let root: string;
  let n = 0;
  const freshDir = () => join(root, `d${++n}`);
  const log = createMemoryLogger();
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "pgdesk-store-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("creates a fresh store at the last migration, in WAL mode with synchronous=FULL on every connection", async () => {
    const dir = freshDir();
    const store = await openStore({ dataDir: dir, log });
    expect(store.status()).toMatchObject({ path: join(dir, STORE_FILE), version: storeMigrations.length });
    expect(await versions(dir)).toEqual(storeMigrations.map((m) => ({ version: m.version, file: m.file })));
    // it holds the SQL the user typed: private, like the JSON files it replaces
    for (const f of [STORE_FILE, `${STORE_FILE}-wal`])
      expect((await stat(join(dir, f))).mode & 0o777).toBe(0o600);
    // a transaction (reorder) then a plain write: the settings hold on whichever connection runs them
    await store.tabs.save({ id: "t1", sql: "x" });
    await store.tabs.reorder(["t1"]);
    const db = createStoreClient(storeUrl(store.path));
    const [mode] = await db.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
    const [sync] = await db.$queryRawUnsafe<Array<{ synchronous: number | bigint }>>("PRAGMA synchronous");
    expect(mode!.journal_mode).toBe("wal");
    expect(Number(sync!.synchronous)).toBe(2); // FULL
    await db.$disconnect();
    await store.close();
  });

  it("matches the Prisma schema: every model's every field written and read back through the client", async () => {
    const store = await openStore({ dataDir: freshDir(), log });
    const db = createStoreClient(storeUrl(store.path));
    const at = new Date("2026-01-02T03:04:05.678Z");
    const tab = {
      ...{ id: "t", position: 3, title: "T", profileId: "p", database: "d", sql: "S", cursor: "{}" },
      ...{ selection: "{}", resultLayout: "{}", pinnedPlans: "[]", dirty: true, filePath: "/f", revision: 7 },
      ...{ timeoutSeconds: 30, rowCap: 500, autocommit: false, lastRun: "{}" },
      ...{ createdAt: at, updatedAt: at },
    };
    expect(await db.tab.create({ data: tab })).toEqual(tab);
    expect(await db.uiState.create({ data: { key: "k", value: "1", updatedAt: at } })).toEqual({
      key: "k",
      value: "1",
      updatedAt: at,
    });
    const entry = {
      ...{ id: "h", profileId: "p", at, sql: "S", sqlLower: "s", truncated: true },
      ...{ durationMs: 1.5, rowCount: 4, error: "e" },
    };
    expect(await db.historyEntry.create({ data: entry })).toEqual({ seq: 1, ...entry });
    const snippet = { id: "s", name: "N", sql: "S", updatedAt: at };
    expect(await db.snippet.create({ data: snippet })).toEqual(snippet);
    const plan = {
      ...{ id: "ph", profileId: "p", database: "d", queryKey: "k", normalizedSql: "N", sql: "S" },
      ...{
        options: "{}",
        ranAt: at,
        serverVersionNum: 180001,
        planJson: "[]",
        executionMs: 2.5,
        totalCost: 9.25,
      },
    };
    expect(await db.planHistoryEntry.create({ data: plan })).toEqual({ seq: 1, ...plan });
    const policy = { tag: "production", policy: "{}", updatedAt: at };
    expect(await db.tagPolicy.create({ data: policy })).toEqual(policy);
    await db.$disconnect();
    await store.close();
  });

  it("upgrades a store from each earlier version, keeping its data", async () => {
    for (const migrations of [chain, storeMigrations]) {
      for (let from = 0; from < migrations.length; from++) {
        const dir = freshDir();
        await (await openStore({ dataDir: dir, log, migrations: migrations.slice(0, from) })).close();
        if (migrations === chain && from >= 1)
          await sqlite(dir, "INSERT INTO note (id, body) VALUES (1, 'kept')");
        const store = await openStore({ dataDir: dir, log, migrations });
        expect(store.status().version).toBe(migrations.length);
        await store.close();
        expect((await versions(dir)).map((v) => v.version)).toEqual(migrations.map((m) => m.version));
        if (migrations === chain && from >= 1)
          expect(await sqlite(dir, "SELECT id, body, tag FROM note")).toEqual([
            { id: 1, body: "kept", tag: from === 1 ? "old" : null },
          ]);
      }
    }
  });

  it("leaves a failing migration's store at the previous version and names the file and statement", async () => {
    const dir = freshDir();
    await (await openStore({ dataDir: dir, log, migrations: chain.slice(0, 1) })).close();
    await sqlite(dir, "INSERT INTO note (id, body) VALUES (1, 'kept')");
    const bad = migration(
      2,
      "broken",
      "CREATE TABLE half (x INT);\n\nINSERT INTO missing_table VALUES (1);\n",
    );
    const failure = openStore({ dataDir: dir, log, migrations: [chain[0]!, bad] });
    await expect(failure).rejects.toThrow(
      /^Migration 0002_broken\.sql failed at statement 2 \(line 3: INSERT INTO missing_table VALUES \(1\);\): .*no such table: missing_table.*The store was left at version 1\.$/,
    );
    expect(await versions(dir)).toEqual([{ version: 1, file: "0001_notes.sql" }]);
    expect(await sqlite(dir, "SELECT name FROM sqlite_master WHERE name = 'half'")).toEqual([]);
    expect(await sqlite(dir, "SELECT body FROM note")).toEqual([{ body: "kept" }]);
    // nothing was moved aside: the file is fine, the migration is not
    expect(existsSync(join(dir, ASIDE_DIR))).toBe(false);
  });

  it("moves a file that is not a database aside (with its WAL), says so, and starts a new store", async () => {
    const dir = freshDir();
    await (await openStore({ dataDir: dir, log })).close();
    await writeFile(join(dir, STORE_FILE), "these are my notes, not a database\n".repeat(200));
    await writeFile(join(dir, `${STORE_FILE}-wal`), "stray wal");
    const app = await createTestApp({ dataDir: dir });
    try {
      const status = await app.call("store:status", {});
      expect(status.notices).toHaveLength(1);
      const notice = status.notices[0]!;
      expect(notice.kind).toBe("moved-aside");
      expect(notice.message).toContain("not an SQLite database");
      expect(notice.message).toContain("moved, not deleted");
      const aside = notice.path!;
      expect(aside.startsWith(join(dir, ASIDE_DIR))).toBe(true);
      expect(await readdir(aside)).toEqual(expect.arrayContaining([STORE_FILE, `${STORE_FILE}-wal`]));
      expect(await readFile(join(aside, STORE_FILE), "utf8")).toContain("these are my notes");
      expect(await readFile(join(aside, `${STORE_FILE}-wal`), "utf8")).toBe("stray wal");
      expect(app.log.lines.some((l) => l.startsWith("error") && l.includes(aside))).toBe(true);
      await app.call("tabs:save", { id: "t", sql: "works again" });
      expect((await app.call("tabs:list", {}))[0]!.sql).toBe("works again");
    } finally {
      await app.close();
    }
  });

  it("moves a damaged database aside: its pages fail the integrity check", async () => {
    const dir = freshDir();
    const store = await openStore({ dataDir: dir, log });
    for (let i = 0; i < 40; i++) await store.tabs.save({ id: `t${i}`, sql: `select ${i};`.repeat(200) });
    await store.close();
    // everything into the main file, so the damage below is not hidden by newer WAL frames
    await sqlite(dir, "PRAGMA wal_checkpoint(TRUNCATE)");
    const file = await open(join(dir, STORE_FILE), "r+");
    const { size } = await file.stat();
    await file.write(Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, Math.floor(size / 2 / 4096) * 4096);
    await file.close();
    const reopened = await openStore({ dataDir: dir, log });
    const [notice] = reopened.status().notices;
    expect(notice).toMatchObject({ kind: "moved-aside" });
    expect(notice!.message).toMatch(/integrity check failed|malformed/);
    expect(await reopened.tabs.list()).toEqual([]);
    await reopened.close();
  });

  it("moves a store written by a newer pgdesk aside instead of guessing at its schema", async () => {
    const dir = freshDir();
    await (await openStore({ dataDir: dir, log })).close();
    const newer = storeMigrations.length + 1;
    await sqlite(
      dir,
      `INSERT INTO _store_migrations (version, file, checksum, applied_at) VALUES (?, '9999_future.sql', 'x', 'now')`,
      [newer],
    );
    const store = await openStore({ dataDir: dir, log });
    const [notice] = store.status().notices;
    expect(notice!.message).toContain(
      `written by a newer pgdesk (The store is at schema version ${newer}; this pgdesk knows versions up to ${storeMigrations.length})`,
    );
    expect(notice!.message).toContain("move it back as pgdesk.db");
    expect(notice!.path).toMatch(/-newer$/);
    expect(existsSync(join(notice!.path!, STORE_FILE))).toBe(true);
    expect(store.status().version).toBe(storeMigrations.length);
    await store.close();
  });

  it("is opened once per app, closed at shutdown, and says why when it cannot be opened", async () => {
    const dir = freshDir();
    const app = await createTestApp({ dataDir: dir });
    const [a, b] = await Promise.all([app.ctx.store(), app.ctx.store()]);
    expect(a).toBe(b);
    await app.call("tabs:save", { id: "t", sql: "x" });
    await app.close();
    await expect(app.ctx.store()).rejects.toThrow(/closed/);
    // the client was disconnected, not just forgotten
    await expect(a.tabs.list()).rejects.toThrow(/closed/i);

    const broken = freshDir();
    await rm(broken, { recursive: true, force: true });
    await writeFile(join(root, "not-a-folder"), "");
    const unusable = await createTestApp({ dataDir: join(root, "not-a-folder") });
    try {
      const result = await unusable.raw("store:status", {});
      expect(result).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
      expect(!result.ok && result.error.message).toMatch(
        /^The app's local store could not be opened: .*not-a-folder/,
      );
    } finally {
      await unusable.ctx.shutdown();
    }
  });
});
