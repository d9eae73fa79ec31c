import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  relationKey,
  toDumpSelection,
  toggleRelation,
  toggleSchema,
  type Unticked,
} from "../../../src/shared/backup/object-selection";
import type { DumpableSchema } from "../../../src/shared/contract/backup";
import { finished, removeFolder, run, seed, tempFolder } from "./support";
import { useAppOnDatabase } from "../../harness/app-on-database";

const extras = `
  CREATE EXTENSION pg_stat_statements;
  CREATE SCHEMA empty_one;
  CREATE TABLE shop.events (id int, at date NOT NULL) PARTITION BY RANGE (at);
  CREATE TABLE shop.events_2025 PARTITION OF shop.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
  CREATE TABLE shop.events_2026 PARTITION OF shop.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
  INSERT INTO shop.events VALUES (1, '2025-05-05'), (2, '2026-05-05');
  CREATE TABLE public."a.b, c" (x int);
  INSERT INTO public."a.b, c" VALUES (1);`;

/** The TOC of an archive as pg_restore lists it, one entry per line. */
async function contents(path: string): Promise<string[]> {
  const { stdout } = await run("/usr/lib/postgresql/15/bin/pg_restore", ["--list", path]);
  return stdout.split("\n").filter((l) => /^\d+;/.test(l));
}

const has = (toc: string[], entry: string) => toc.some((l) => l.includes(` ${entry} `));

/** A seeded database with every kind of relation, and an app with a profile for it, per describe block. */
function pickFixture(major: 15 | 18, name: string) {
  return useAppOnDatabase(major, {
    prefix: name,
    seed: async (db) => {
      await seed(db.pool, 50);
      await db.pool.query(extras);
    },
  });
}

describe.each([15, 18] as const)("what a backup can include or leave out (PostgreSQL %i)", (major) => {
  const f = pickFixture(major, "bk_pick");

  it("lists schemas and relations by kind, partitions under their parent, without extension members or owned sequences", async () => {
    const { database, schemas } = await f.app.call("backup:objects", {
      profileId: f.profileId,
      database: f.db.name,
    });
    expect(database).toBe(f.db.name);
    const byName = Object.fromEntries(schemas.map((s) => [s.name, s.objects]));
    expect(Object.keys(byName).sort()).toEqual(["empty_one", "public", "shop"]);
    expect(byName.empty_one).toEqual([]);
    expect(byName.public!.map((o) => o.name).sort()).toEqual(["Mixed Case", "a.b, c"]);
    expect(byName.shop!.map((o) => [o.name, o.kind, o.partitionOf ?? null])).toEqual([
      ["big_orders", "view", null],
      ["customer", "table", null],
      ["events", "partitioned", null],
      ["events_2025", "partition", "events"],
      ["events_2026", "partition", "events"],
      ["order", "table", null],
      ["order_totals", "matview", null],
      ["ticket_seq", "sequence", null],
    ]);
    expect(byName.shop!.find((o) => o.name === "customer")!.bytes).toBeGreaterThan(0);
  });

  it("refuses an unknown profile and a missing database with clear errors", async () => {
    const missing = await f.app.raw("backup:objects", {
      profileId: f.profileId,
      database: `${f.db.name}_nope`,
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/does not exist/);
    const bad = await f.app.raw("backup:objects", { profileId: "" });
    expect(bad.ok).toBe(false);
  });
});

// Debian's pg_dump 15 refuses an 18 server, so the dumps run against 15 only.
describe("a backup dumps exactly what was ticked, in each form the picker chooses (PostgreSQL 15)", () => {
  const f = pickFixture(15, "bk_pick_dump");

  it("leaves out a table, a partitioned table with its partitions, a schema; or keeps only one table", async () => {
    const { schemas } = await f.app.call("backup:objects", { profileId: f.profileId, database: f.db.name });
    const shop = schemas.find((s) => s.name === "shop")!;
    const pub = schemas.find((s) => s.name === "public")!;
    const everything = new Set(schemas.flatMap((s) => s.objects.map((o) => relationKey(s.name, o.name))));
    const folder = await tempFolder();
    const backup = async (unticked: Unticked) => {
      const sel = toDumpSelection(schemas as DumpableSchema[], unticked);
      expect(sel.blocked).toBeUndefined();
      const { jobId } = await f.app.call("backup:start", {
        profileId: f.profileId,
        database: f.db.name,
        folder,
        includeSchemas: sel.includeSchemas,
        excludeSchemas: sel.excludeSchemas,
        includeTables: sel.includeTables,
        excludeTables: sel.excludeTables,
      });
      const job = await finished(f.app, jobId);
      expect(job.error).toBeUndefined();
      return { sel, job, toc: await contents(join(folder, job.file)) };
    };
    try {
      // one table left out: its data and definition go, the functions stay
      const a = await backup(toggleRelation(shop, "order", new Set()));
      expect(a.sel.excludeTables).toEqual([{ schema: "shop", name: "order" }]);
      expect(has(a.toc, "TABLE DATA shop order")).toBe(false);
      expect(has(a.toc, "TABLE DATA shop customer")).toBe(true);
      expect(has(a.toc, "FUNCTION shop touch(integer)")).toBe(true);
      expect(a.job.progress.tablesTotal).toBe(a.job.progress.tablesDone);

      // a partitioned table left out takes its partitions along
      const b = await backup(toggleRelation(shop, "events", new Set()));
      expect(b.toc.some((l) => /TABLE( DATA)? shop events/.test(l))).toBe(false);
      expect(has(b.toc, "TABLE DATA shop order")).toBe(true);

      // only one oddly named table: --table with exact quoting, nothing else
      const c = await backup(toggleRelation(pub, "a.b, c", everything));
      expect(c.sel.includeTables).toEqual([{ schema: "public", name: "a.b, c" }]);
      expect(has(c.toc, "TABLE DATA public a.b, c")).toBe(true);
      expect(c.toc.filter((l) => l.includes(" TABLE DATA "))).toHaveLength(1);
      expect(c.job.progress.tablesTotal).toBe(1);

      // a whole schema left out
      const d = await backup(toggleSchema(shop, new Set()));
      expect(d.sel.excludeSchemas).toEqual(["shop"]);
      expect(d.toc.some((l) => l.includes(" shop "))).toBe(false);
      expect(has(d.toc, "TABLE DATA public Mixed Case")).toBe(true);
    } finally {
      await removeFolder(folder);
    }
  });
});
