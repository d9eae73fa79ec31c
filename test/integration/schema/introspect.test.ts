import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchemaModel } from "../../../src/shared/contract/schema";
import { freshDatabase, type FreshDatabase, type Major } from "../../harness/database";
import { everyKindSchema, foreignServerSetup } from "./every-kind.fixture";
import { useAppOnDatabase } from "../../harness/app-on-database";

/** The model minus what legitimately differs between two databases (oids, owners, times, stats). */
function comparable(m: SchemaModel) {
  const strip = <T extends object>(list: T[], ...keys: string[]) =>
    list.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => !keys.includes(k))));
  return {
    schemas: strip(m.schemas, "owner"),
    relations: strip(m.relations, "oid", "owner", "rowEstimate", "acl"),
    constraints: m.constraints,
    indexes: m.indexes,
    triggers: m.triggers,
    rules: m.rules,
    functions: strip(m.functions, "oid", "owner"),
    sequences: strip(m.sequences, "owner"),
    enums: strip(m.enums, "owner"),
    domains: strip(m.domains, "owner"),
    composites: strip(m.composites, "owner"),
    extensions: m.extensions,
    policies: m.policies,
  };
}

describe.each<Major>([15, 18])("schema introspection and DDL on PostgreSQL %i", (major) => {
  const env = useAppOnDatabase(major, {
    prefix: "schema",
    seed: (db) => db.pool.query(foreignServerSetup + everyKindSchema),
    profile: { name: "s" },
  });
  let target: FreshDatabase;
  let model: SchemaModel;

  beforeAll(async () => {
    target = await freshDatabase(major, "schema_rt");
    model = await env.app.call("schema:introspect", { profileId: env.profileId });
  });
  afterAll(async () => {
    await target.drop();
  });

  const rel = (schema: string, name: string) =>
    model.relations.find((r) => r.schema === schema && r.name === name)!;

  it("reads tables, partitions, inheritance, views and foreign tables with their columns", () => {
    const customers = rel("public", "customers");
    expect(customers.kind).toBe("table");
    expect(customers.comment).toBe("It's the customers");
    const col = (n: string) => customers.columns.find((c) => c.name === n)!;
    expect(col("id")).toMatchObject({ type: "bigint", notNull: true, identity: "a" });
    expect(col("email")).toMatchObject({ notNull: true, comment: "login e-mail" });
    expect(col("Full Name").collation).toBe('"C"');
    expect(col("mood")).toMatchObject({
      type: '"Odd Schema"."Mood"',
      default: '\'ok\'::"Odd Schema"."Mood"',
    });
    expect(col("email_lower").generated).toEqual({ expr: "lower(email)", kind: "s" });
    expect(customers.columns.map((c) => c.name)).toEqual([
      "id",
      "email",
      "Full Name",
      "mood",
      "score",
      "addr",
      "email_lower",
      "deletedAt",
      "created_at",
      "favorite_order",
    ]);

    expect(rel("public", "events")).toMatchObject({ kind: "partitioned", partitionKey: "RANGE (at)" });
    expect(rel("public", "events_2024").partitionOf).toEqual({
      schema: "public",
      name: "events",
      bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
    });
    expect(rel("public", "events_default").partitionOf?.bound).toBe("DEFAULT");
    expect(rel("public", "special_item").inherits).toEqual([{ schema: "public", name: "base_item" }]);
    expect(
      rel("public", "special_item")
        .columns.filter((c) => c.inherited)
        .map((c) => c.name),
    ).toEqual(["id", "name"]);
    expect(rel("public", "active_customers").kind).toBe("view");
    expect(rel("public", "order_totals").kind).toBe("matview");
    expect(rel("public", "remote_things")).toMatchObject({ kind: "foreign", foreignServer: "dummy_srv" });
    expect(rel("public", "orders")).toMatchObject({ rlsEnabled: true });
    expect(rel("Odd Schema", 'My "Quoted" Table').columns.map((c) => c.name)).toEqual(["id", "sel"]);
    expect(rel("Odd Schema", "select").columns.map((c) => c.name)).toEqual([
      "Mixed Case",
      'with "quotes"',
      "tablé_ünï",
    ]);
    // extension members (pg_stat_statements' view) are not user objects
    expect(model.relations.find((r) => r.name === "pg_stat_statements")).toBeUndefined();
    expect(model.extensions.map((e) => e.name)).toEqual(
      expect.arrayContaining(["pg_stat_statements", "plpgsql"]),
    );
  });

  it("reads constraints with FK actions, NOT VALID, exclusion, and the FK cycle", () => {
    const k = (name: string) => model.constraints.find((c) => c.name === name)!;
    expect(k("orders_customer_fk")).toMatchObject({
      type: "f",
      table: "orders",
      columns: ["customer_id"],
      references: { schema: "public", table: "customers", columns: ["id"], onUpdate: "r", onDelete: "c" },
    });
    expect(k("customers_favorite_fk").references).toMatchObject({ table: "orders", onDelete: "n" });
    expect(k("status_known")).toMatchObject({ type: "c", notValid: true });
    expect(k("no same quotes")).toMatchObject({ type: "x", columns: ['with "quotes"'] });
    expect(k("customers_pkey")).toMatchObject({ type: "p", columns: ["id"] });
    expect(model.constraints.find((c) => c.table === "events_2024" && c.type === "p")?.inherited).toBe(true);
  });

  it("reads indexes, triggers, rules, functions, sequences, types and policies", () => {
    expect(model.indexes.find((i) => i.name === "customers_deleted_idx")).toMatchObject({
      partial: true,
      columns: ["deletedAt"],
      method: "btree",
    });
    expect(model.indexes.find((i) => i.name === "orders_customer_idx")?.columns).toEqual([
      "customer_id",
      "placed_at",
    ]);
    expect(model.indexes.find((i) => i.name === "customers_pkey")).toMatchObject({
      primary: true,
      unique: true,
      constraint: "customers_pkey",
    });
    expect(model.indexes.find((i) => i.name === "events_payload_idx")?.method).toBe("gin");
    expect(model.triggers.map((t) => t.name)).toContain("orders_touch");
    expect(model.rules).toEqual([expect.objectContaining({ table: "base_item", name: "no_delete" })]);
    const add = model.functions.find((f) => f.name === "add")!;
    expect(add).toMatchObject({
      kind: "f",
      args: "a integer, b integer",
      result: "integer",
      language: "sql",
      volatility: "i",
      comment: "adds",
    });
    expect(model.functions.find((f) => f.name === "noop")).toMatchObject({ kind: "p", language: "plpgsql" });
    expect(model.sequences.find((s) => s.name === "invoice_no")).toMatchObject({
      dataType: "bigint",
      increment: "5",
      start: "100",
    });
    expect(model.sequences.find((s) => s.name === "orders_id_seq")?.ownedBy).toEqual({
      schema: "public",
      table: "orders",
      column: "id",
    });
    // identity sequences belong to their column
    expect(model.sequences.find((s) => s.name === "customers_id_seq")).toBeUndefined();
    expect(model.enums).toEqual([
      expect.objectContaining({ schema: "Odd Schema", name: "Mood", labels: ["sad", "ok", "it's great"] }),
    ]);
    expect(model.domains[0]).toMatchObject({
      name: "positive_int",
      baseType: "integer",
      notNull: true,
      default: "1",
      checks: [{ name: "positive", definition: "CHECK ((VALUE > 0))" }],
    });
    expect(model.composites[0]?.attributes).toEqual([
      { name: "street", type: "text" },
      { name: "zip Code", type: "character varying(10)", collation: '"C"' },
    ]);
    expect(model.policies.find((p) => p.name === "orders_insert")).toMatchObject({
      permissive: false,
      command: "a",
      check: "(total < (1000000)::numeric)",
    });
    expect(model.schemas.find((s) => s.name === "Odd Schema")?.comment).toBe("a schema with a space");
  });

  it("serves the model from the cache until refreshed", async () => {
    const { app, db, profileId } = env;
    await db.pool.query("CREATE TABLE public.added_later (id int)");
    const cached = await app.call("schema:introspect", { profileId });
    expect(cached.relations.find((r) => r.name === "added_later")).toBeUndefined();
    const refreshed = await app.call("schema:refresh", { profileId });
    expect(refreshed.relations.find((r) => r.name === "added_later")).toBeDefined();
    await db.pool.query("DROP TABLE public.added_later");
    model = await app.call("schema:refresh", { profileId });
  });

  it("gives DDL of single objects with odd names quoted", async () => {
    const { app, profileId } = env;
    const ddl = async (input: Record<string, unknown>) =>
      (await app.call("schema:ddl", { profileId, ...input } as never)).ddl;
    const table = await ddl({ kind: "table", schema: "Odd Schema", name: 'My "Quoted" Table' });
    expect(table).toContain('CREATE TABLE "Odd Schema"."My ""Quoted"" Table" (');
    expect(table).toContain(
      'FOREIGN KEY (sel) REFERENCES "Odd Schema".' + '"select"("Mixed Case") ON UPDATE CASCADE',
    );
    const orders = await ddl({ kind: "table", schema: "public", name: "orders" });
    expect(orders).toContain('CREATE SEQUENCE "public"."orders_id_seq"');
    expect(orders).toContain('ALTER SEQUENCE "public"."orders_id_seq" OWNED BY "public"."orders"."id";');
    expect(orders).toMatch(/ADD CONSTRAINT "status_known" CHECK .*'paid'.* NOT VALID;/);
    expect(orders).toContain("ENABLE ROW LEVEL SECURITY");
    expect(await ddl({ kind: "view", schema: "public", name: "active_customers" })).toMatch(
      /^CREATE VIEW "public"."active_customers" AS\n\s*SELECT/,
    );
    expect(
      await ddl({ kind: "function", oid: model.functions.find((f) => f.name === "add")!.oid }),
    ).toContain("CREATE OR REPLACE FUNCTION public.add(a integer, b integer DEFAULT 1)");
    expect(await ddl({ kind: "enum", schema: "Odd Schema", name: "Mood" })).toBe(
      `CREATE TYPE "Odd Schema"."Mood" AS ENUM ('sad', 'ok', 'it''s great');`,
    );
    expect(await ddl({ kind: "index", schema: "public", name: "customers_deleted_idx" })).toBe(
      'CREATE INDEX customers_deleted_idx ON public.customers USING btree ("deletedAt") WHERE ("deletedAt" IS NULL);',
    );
    const missing = await app.raw("schema:ddl", { profileId, kind: "table", schema: "public", name: "nope" });
    expect(missing).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("round-trips: the database script applied to an empty database introspects back to the same model", async () => {
    const { app, profileId } = env;
    const { ddl } = await app.call("schema:ddl", { profileId, kind: "schema" });
    await target.pool.query(foreignServerSetup);
    await target.pool.query(ddl);
    const other = (await app.call("profiles:save", { draft: { name: "t", ...target.connection } })).id;
    const copy = await app.call("schema:introspect", { profileId: other });
    expect(comparable(copy)).toEqual(comparable(model));
  });
});
