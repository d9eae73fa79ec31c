import { describe, expect, it } from "vitest";
import { useE2eApp } from "./support/e2e-app";

describe("a developer browsing the schema in Chromium", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_schema",
      seed: `
      CREATE TABLE tenants (id serial PRIMARY KEY, name text NOT NULL);
      CREATE TABLE customers (id serial PRIMARY KEY, tenant_id int NOT NULL REFERENCES tenants, email text NOT NULL, "deletedAt" timestamptz);
      CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric(10,2) NOT NULL);
      CREATE TABLE order_items (order_id int REFERENCES orders, sku text, qty int, PRIMARY KEY (order_id, sku));
      CREATE TABLE unrelated (id int PRIMARY KEY);
      INSERT INTO tenants (name) VALUES ('acme');
      INSERT INTO customers (tenant_id, email, "deletedAt")
        SELECT 1, 'c' || g || '@example.com', CASE WHEN g % 5 = 0 THEN now() END FROM generate_series(1, 30) g;
      CREATE TABLE "_prisma_migrations" (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz,
        migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(),
        applied_steps_count int NOT NULL DEFAULT 0);
      INSERT INTO "_prisma_migrations" VALUES
        ('1', repeat('a', 64), '2024-01-01 00:00:02+00', '20240101000000_init', NULL, NULL, '2024-01-01 00:00:00+00', 1),
        ('2', repeat('b', 64), NULL, '20240201000000_orders', 'relation "orders" already exists', NULL, '2024-02-01 00:00:00+00', 0);
      ANALYZE;`,
    },
    profile: "Schema 15",
    area: "schema",
  });

  it("finds a table in the tree and reads its details and DDL", async () => {
    const { schema } = app.pages;
    await schema.waitForLoaded();
    await schema.treeRow("table:public.orders").waitFor();
    await schema.search("custom");
    await schema.treeRow("table:public.customers").click();
    await expect(schema.treeRow("table:public.orders").count()).resolves.toBe(0);
    expect(await app.page.getByTestId("details-title").textContent()).toBe("public.customers");
    expect(await app.page.getByTestId("details-columns").textContent()).toContain("deletedAt");

    await schema.openTab("ddl");
    const ddl = app.page.getByTestId("ddl-text");
    await ddl.waitFor();
    expect(await ddl.textContent()).toContain('CREATE TABLE "public"."customers" (');
    expect(await ddl.textContent()).toContain(
      'ADD CONSTRAINT "customers_tenant_id_fkey" FOREIGN KEY (tenant_id) REFERENCES tenants(id);',
    );
  });

  it("pages the data and toggles soft-deleted rows", async () => {
    const { schema } = app.pages;
    await schema.openTab("data");
    await app.page.getByTestId("soft-deleted-count").waitFor();
    expect(await app.page.getByTestId("soft-deleted-count").textContent()).toBe("6 soft-deleted (deletedAt)");
    await app.page.getByTestId("soft-delete-unindexed").waitFor();
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 24);
    await app.page.getByTestId("show-deleted").check();
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 30);
    await app.page.getByTestId("row-count-exact").click();
    await app.page.getByTestId("row-exact").waitFor();
    expect(await app.page.getByTestId("row-exact").textContent()).toBe("30 rows (exact)");
  });

  it("draws the ER diagram focused on a table and widens the focus", async () => {
    const { schema } = app.pages;
    await schema.openTab("er");
    // opened from customers: it and its direct neighbours
    expect(await schema.erTables()).toEqual(["public.customers", "public.orders", "public.tenants"]);
    await app.page.getByTestId("er-hops").fill("2");
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="er-node"]').length === 4);
    expect(await schema.erTables()).toEqual([
      "public.customers",
      "public.order_items",
      "public.orders",
      "public.tenants",
    ]);
    await app.page.getByTestId("er-focus").fill("");
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="er-node"]').length === 6);
    expect(await schema.erTables()).toContain("public.unrelated");
  });

  it("lists the Prisma migration history with the failed migration's log", async () => {
    const { schema } = app.pages;
    await schema.openTab("migrations");
    await app.page.getByTestId("migrations-table").waitFor();
    const rows = app.page.getByTestId("migration-row");
    await expect(rows.count()).resolves.toBe(2);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).toEqual([
      "applied",
      "failed",
    ]);
    await rows.nth(1).getByRole("button", { name: "logs" }).click();
    expect(await app.page.getByTestId("migration-logs").textContent()).toBe(
      'relation "orders" already exists',
    );
    await app.page.getByTestId("table-sizes").waitFor();
    await app.expectNoProblems();
  });
});
