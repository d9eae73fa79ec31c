import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditMapping } from "../../../src/shared/contract/audit";
import type { Major } from "../../harness/database";
import {
  createAuditTriggerLayout,
  createBemiLayout,
  createPaperTrailLayout,
  createPgdeskLayout,
  createSupaAuditLayout,
} from "./layouts.fixture";
import { useAppOnDatabase } from "../../harness/app-on-database";

describe.each<Major>([15, 18])("the audit timeline on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, { prefix: "audit", profile: { name: "audit" } });
  let supaId: string;
  const mappings = new Map<string, AuditMapping>();

  beforeAll(async () => {
    const { app, db, profileId } = env;
    await createPgdeskLayout(db.pool);
    supaId = await createSupaAuditLayout(db.pool);
    await createAuditTriggerLayout(db.pool);
    await createBemiLayout(db.pool);
    await createPaperTrailLayout(db.pool);
    const { detected } = await app.call("audit:detect", { profileId });
    for (const d of detected) mappings.set(d.mapping.kind, d.mapping);
  });

  const source = (kind: string) => ({ profileId: env.profileId, mapping: mappings.get(kind)! });

  it("detects each of the five layouts by name, columns and types", () => {
    expect([...mappings.keys()].sort()).toEqual([
      "audit_trigger",
      "bemi",
      "paper_trail",
      "pgdesk",
      "supa_audit",
    ]);
    expect(mappings.get("pgdesk")).toMatchObject({
      schema: "public",
      table: "audit_logs",
      snapshotsIn: "metadata",
      columns: { entityId: "entityId", actor: "actorId", tenant: "organizationId" },
    });
    expect(mappings.get("audit_trigger")).toMatchObject({ schema: "audit", table: "logged_actions" });
  });

  it("shows an order's status changes as field diffs with the actor, oldest first", async () => {
    const { app } = env;
    const { events } = await app.call("audit:timeline", {
      ...source("pgdesk"),
      entity: "Order",
      entityId: "ord_1",
    });
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ["create", "usr_admin"],
      ["update", "usr_admin"],
      ["update", "usr_ops"],
    ]);
    expect(events[1]!.changes).toEqual([{ path: "status", kind: "changed", from: "PENDING", to: "PAID" }]);
    expect(events[2]!.changes).toEqual([{ path: "status", kind: "changed", from: "PAID", to: "SHIPPED" }]);
    expect(events[0]!.state).toEqual({ id: "ord_1", status: "PENDING", total: "10.00", note: "first" });
    expect(events[2]!.state).toMatchObject({ status: "SHIPPED" });
  });

  it("masks passwordHash on a user's timeline even though the log stored it", async () => {
    const { app } = env;
    const result = await app.call("audit:timeline", {
      ...source("pgdesk"),
      entity: "User",
      entityId: "usr_1",
    });
    const text = JSON.stringify(result);
    expect(text).not.toContain("LEAKED-HASH");
    expect(result.events[0]!.after).toMatchObject({ passwordHash: "••••••", email: "a@example.com" });
    expect(result.events[1]!.changes).toContainEqual({
      path: "passwordHash",
      kind: "changed",
      from: "••••••",
      to: "••••••",
    });
    expect(result.events[1]!.changes).toContainEqual({
      path: "email",
      kind: "changed",
      from: "a@example.com",
      to: "b@example.com",
    });
  });

  it("reads the 2ndQuadrant trigger's hstore rows from real DML, grouped by transaction", async () => {
    const { app } = env;
    const { events } = await app.call("audit:timeline", {
      ...source("audit_trigger"),
      entity: "public.items",
      entityId: "7",
    });
    expect(events.map((e) => e.kind)).toEqual(["create", "update", "update", "delete"]);
    expect(events[1]!.changes).toEqual([{ path: "price", kind: "changed", from: "19.90", to: "24.90" }]);
    expect(events[2]!.changes).toEqual([{ path: "name", kind: "changed", from: "lamp", to: "desk lamp" }]);
    expect(events[1]!.group).not.toBeNull();
    expect(events[1]!.group).toBe(events[2]!.group);
    expect(events[0]!.group).not.toBe(events[1]!.group);
    expect(events[2]!.state).toMatchObject({ name: "desk lamp", price: "24.90" });
    expect(events[3]!.state).toBeNull();
  });

  it("reads supa_audit versions by record id", async () => {
    const { app } = env;
    const { events } = await app.call("audit:timeline", {
      ...source("supa_audit"),
      entity: "public.account",
      entityId: supaId,
    });
    expect(events.map((e) => e.kind)).toEqual(["create", "update", "delete"]);
    expect(events[1]!.changes).toEqual([{ path: "name", kind: "changed", from: "Ada", to: "Ada L." }]);
  });

  it("reads Bemi changes with the actor from the context", async () => {
    const { app } = env;
    const { events } = await app.call("audit:timeline", {
      ...source("bemi"),
      entity: "public.posts",
      entityId: "42",
    });
    expect(events.map((e) => e.actor)).toEqual(["u-9", "u-7"]);
    expect(events[1]!.changes).toEqual([{ path: "title", kind: "changed", from: "Draft", to: "Published" }]);
  });

  it("rebuilds PaperTrail rows from object + object_changes, with timezone-less timestamps", async () => {
    const { app } = env;
    const { events } = await app.call("audit:timeline", {
      ...source("paper_trail"),
      entity: "Widget",
      entityId: "5",
    });
    expect(events.map((e) => [e.kind, e.actor])).toEqual([
      ["create", "alice"],
      ["update", "bob"],
      ["delete", "alice"],
    ]);
    expect(events[0]!.state).toEqual({ id: 5, name: "cog", qty: 1 });
    expect(events[1]!.changes).toEqual([{ path: "qty", kind: "changed", from: 1, to: 3 }]);
    expect(events[0]!.time).toBe("2026-04-01T08:00:00");
  });

  it("gives a clear error for an entity id of the wrong type", async () => {
    const { app } = env;
    const r = await app.raw("audit:timeline", {
      ...source("paper_trail"),
      entity: "Widget",
      entityId: "not-a-number",
    });
    expect(r).toMatchObject({ ok: false, error: { code: "PG_ERROR", sqlState: "22P02" } });
    if (!r.ok) expect(r.error.message).toContain("invalid input syntax for type bigint");
  });

  it("filters the browser by actor, action and text inside the changes", async () => {
    const { app } = env;
    const byActor = await app.call("audit:browse", { ...source("pgdesk"), filters: { actor: "usr_ops" } });
    expect(byActor.events.map((e) => e.id)).toEqual(["a3"]);
    const byText = await app.call("audit:browse", { ...source("pgdesk"), filters: { text: "SHIPPED" } });
    expect(byText.events.map((e) => e.id)).toEqual(["a3"]);
    const creates = await app.call("audit:browse", { ...source("pgdesk"), filters: { action: "CREATE" } });
    expect(creates.events.map((e) => e.id)).toEqual(["a1", "a4"]);
    const counts = await app.call("audit:counts", { ...source("pgdesk"), filters: {} });
    expect(counts.byAction).toEqual([
      { key: "UPDATE", count: 3 },
      { key: "CREATE", count: 2 },
    ]);
    expect(counts.byEntity).toEqual([
      { key: "Order", count: 3 },
      { key: "User", count: 2 },
    ]);
  });

  it("advises the (entity, entityId) index when the timeline cannot use one, and stops once it exists", async () => {
    const { app, db } = env;
    const before = await app.call("audit:advice", { ...source("pgdesk"), use: "entity" });
    expect(before).toEqual([
      {
        message: expect.stringContaining("No index on entity, entityId") as unknown as string,
        sql: 'CREATE INDEX CONCURRENTLY ON "public"."audit_logs" ("entity", "entityId", "createdAt");',
      },
    ]);
    await db.pool.query(before[0]!.sql);
    expect(await app.call("audit:advice", { ...source("pgdesk"), use: "entity" })).toEqual([]);
    // the newest-first browse needs an index led by the time column
    expect(await app.call("audit:advice", { ...source("pgdesk"), use: "time" })).toEqual([
      {
        message: "No index on createdAt: every page sorts the whole audit table.",
        sql: 'CREATE INDEX CONCURRENTLY ON "public"."audit_logs" ("createdAt", "id");',
      },
    ]);
  });

  it("keeps keyset pages stable while new rows arrive", async () => {
    const { app, db, profileId } = env;
    await db.pool.query(`
      CREATE TABLE busy_log (id bigserial PRIMARY KEY, action text, entity text, "entityId" text, metadata jsonb, "createdAt" timestamptz NOT NULL);
      CREATE INDEX ON busy_log ("createdAt", id);
      INSERT INTO busy_log (action, entity, "entityId", metadata, "createdAt")
      SELECT 'UPDATE', 'Thing', (g % 7)::text, jsonb_build_object('after', jsonb_build_object('n', g)), '2026-01-01'::timestamptz + (g / 3) * interval '1 minute'
      FROM generate_series(1, 120) g;`);
    const mapping: AuditMapping = {
      kind: "custom",
      schema: "public",
      table: "busy_log",
      columns: { id: "id", time: "createdAt", action: "action", entity: "entity", entityId: "entityId" },
      snapshotsIn: "metadata",
    };
    await app.call("audit:saveMapping", { profileId, mapping });
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await app.call("audit:browse", {
        profileId,
        mapping,
        limit: 25,
        ...(after ? { after } : {}),
      });
      seen.push(...page.events.map((e) => e.id));
      // newer rows arrive between pages: they belong before page 1, never inside later pages
      await db.pool.query(
        `INSERT INTO busy_log (action, entity, "entityId", "createdAt") VALUES ('CREATE', 'Thing', 'x', now())`,
      );
      after = page.nextCursor ?? undefined;
      pages++;
    } while (after && pages < 20);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen.map(Number)).toEqual([...Array(120).keys()].map((i) => 120 - i));
  });

  it("names a mapped column that was dropped, and shows bad snapshots without hiding the rest", async () => {
    const { app, db, profileId } = env;
    await db.pool.query(`
      CREATE TABLE custom_log (id int PRIMARY KEY, at timestamptz NOT NULL, kind text, obj text, oid_ text, before_txt text, after_txt text);
      INSERT INTO custom_log VALUES
        (1, '2026-05-01', 'INSERT', 'Doc', '1', NULL, '{"title": "a"}'),
        (2, '2026-05-02', 'UPDATE', 'Doc', '1', '{"title": "a"}', '{not json'),
        (3, '2026-05-03', 'UPDATE', 'Doc', '1', '{"title": "a"}', repeat('x', 10 * 1024 * 1024));`);
    const mapping: AuditMapping = {
      kind: "custom",
      schema: "public",
      table: "custom_log",
      columns: {
        id: "id",
        time: "at",
        action: "kind",
        entity: "obj",
        entityId: "oid_",
        before: "before_txt",
        after: "after_txt",
      },
    };
    const { events } = await app.call("audit:timeline", { profileId, mapping, entity: "Doc", entityId: "1" });
    expect(events.map((e) => e.problems)).toEqual([
      [],
      ["after is not valid JSON"],
      ["after snapshot is 10.0 MB; too large to show"],
    ]);
    expect(events[0]!.after).toEqual({ title: "a" });

    await db.pool.query(`ALTER TABLE custom_log DROP COLUMN after_txt`);
    const r = await app.raw("audit:timeline", { profileId, mapping, entity: "Doc", entityId: "1" });
    expect(r).toMatchObject({ ok: false, error: { code: "NOT_FOUND", field: "after" } });
    if (!r.ok) expect(r.error.message).toContain('after column "after_txt" is not in public.custom_log');
    const save = await app.raw("audit:saveMapping", { profileId, mapping });
    expect(save.ok).toBe(false);
  });

  it("exports a filtered timeline to CSV and JSON, redacted", async () => {
    const { app } = env;
    for (const format of ["csv", "json"] as const) {
      const path = join(app.dataDir, `user-history.${format}`);
      const out = await app.call("audit:export", {
        ...source("pgdesk"),
        filters: { entity: "User", entityId: "usr_1" },
        format,
        path,
      });
      expect(out.rows).toBe(2);
      const text = await readFile(path, "utf8");
      expect(text).toContain("b@example.com");
      expect(text).not.toContain("LEAKED-HASH");
      if (format === "json") expect(JSON.parse(text)).toHaveLength(2);
      else
        expect(text.split("\n")[0]).toBe(
          "time,action,entity,entityId,actor,tenant,transaction,changes,before,after",
        );
    }
    const done = app.events.filter(
      (e) => e.event === "audit:didExportProgress" && (e.payload as { done: boolean }).done,
    );
    expect(done).toHaveLength(2);
  });

  it("refuses an export to a relative path or a missing folder", async () => {
    const { app } = env;
    expect(
      await app.raw("audit:export", { ...source("pgdesk"), format: "csv", path: "relative.csv" }),
    ).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "path" } });
    expect(
      await app.raw("audit:export", { ...source("pgdesk"), format: "csv", path: "/no/such/folder/x.csv" }),
    ).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });
});
