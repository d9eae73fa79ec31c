import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { DemoCardPage } from "./pages/demo.page";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { SchemaPage } from "./pages/schema.page";
import { ShellPage } from "./pages/shell.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./support/browser";
import { closeWithDemo } from "./support/demo-cleanup";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("a developer browsing the schema in Chromium", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_schema");
    await db.pool.query(`
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
      ANALYZE;`);
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await db?.drop();
  });

  it("finds a table in the tree and reads its details and DDL", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new ProfilesPage(b.page).addFor(db, "Schema 15");
    await new OverviewPage(b.page).waitForLoaded();
    await shell.goTo("schema");

    const schema = new SchemaPage(b.page);
    await schema.waitForLoaded();
    await schema.treeRow("table:public.orders").waitFor();
    await schema.search("custom");
    await schema.treeRow("table:public.customers").click();
    await expect(schema.treeRow("table:public.orders").count()).resolves.toBe(0);
    expect(await b.page.getByTestId("details-title").textContent()).toBe("public.customers");
    expect(await b.page.getByTestId("details-columns").textContent()).toContain("deletedAt");

    await schema.openTab("ddl");
    const ddl = b.page.getByTestId("ddl-text");
    await ddl.waitFor();
    expect(await ddl.textContent()).toContain('CREATE TABLE "public"."customers" (');
    expect(await ddl.textContent()).toContain(
      'ADD CONSTRAINT "customers_tenant_id_fkey" FOREIGN KEY (tenant_id) REFERENCES tenants(id);',
    );
  });

  it("pages the data and toggles soft-deleted rows", async () => {
    const schema = new SchemaPage(b.page);
    await schema.openTab("data");
    await b.page.getByTestId("soft-deleted-count").waitFor();
    expect(await b.page.getByTestId("soft-deleted-count").textContent()).toBe("6 soft-deleted (deletedAt)");
    await b.page.getByTestId("soft-delete-unindexed").waitFor();
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 24);
    await b.page.getByTestId("show-deleted").check();
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 30);
    await b.page.getByTestId("row-count-exact").click();
    await b.page.getByTestId("row-exact").waitFor();
    expect(await b.page.getByTestId("row-exact").textContent()).toBe("30 rows (exact)");
  });

  it("draws the ER diagram focused on a table and widens the focus", async () => {
    const schema = new SchemaPage(b.page);
    await schema.openTab("er");
    // opened from customers: it and its direct neighbours
    expect(await schema.erTables()).toEqual(["public.customers", "public.orders", "public.tenants"]);
    await b.page.getByTestId("er-hops").fill("2");
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="er-node"]').length === 4);
    expect(await schema.erTables()).toEqual([
      "public.customers",
      "public.order_items",
      "public.orders",
      "public.tenants",
    ]);
    await b.page.getByTestId("er-focus").fill("");
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="er-node"]').length === 6);
    expect(await schema.erTables()).toContain("public.unrelated");
  });

  it("lists the Prisma migration history with the failed migration's log", async () => {
    const schema = new SchemaPage(b.page);
    await schema.openTab("migrations");
    await b.page.getByTestId("migrations-table").waitFor();
    const rows = b.page.getByTestId("migration-row");
    await expect(rows.count()).resolves.toBe(2);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).toEqual([
      "applied",
      "failed",
    ]);
    await rows.nth(1).getByRole("button", { name: "logs" }).click();
    expect(await b.page.getByTestId("migration-logs").textContent()).toBe('relation "orders" already exists');
    await b.page.getByTestId("table-sizes").waitFor();
    expect(await cspViolations(b.page)).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});

describe("the schema of the demo database", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;

  beforeAll(async () => {
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(() => closeWithDemo(b, host));

  it("shows the e-commerce and SaaS models: tree, DDL, soft-deleted orders, ER focus and the applied migration", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new DemoCardPage(b.page).createAndOpen();
    await shell.goTo("schema");

    const schema = new SchemaPage(b.page);
    await schema.waitForLoaded();
    for (const table of ["users", "orders", "organizations", "audit_logs"])
      await schema.treeRow(`table:public.${table}`).waitFor();
    await schema.search("orders");
    await schema.treeRow("table:public.orders").click();
    await schema.openTab("ddl");
    await b.page.getByTestId("ddl-text").waitFor();
    expect(await b.page.getByTestId("ddl-text").textContent()).toContain('CREATE TABLE "public"."orders" (');

    await schema.openTab("data");
    await b.page.getByTestId("soft-deleted-count").waitFor();
    expect(await b.page.getByTestId("soft-deleted-count").textContent()).toMatch(
      /^[\d,]+ soft-deleted \(deleted_at\)$/,
    );
    // the demo indexes deleted_at, so no warning
    await expect(b.page.getByTestId("soft-delete-unindexed").count()).resolves.toBe(0);
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length > 0);
    // the event store is big enough to page: 100 rows, then the next keyset page
    await schema.search("events");
    await schema.treeRow("table:public.events").click();
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 100);
    await b.page.getByTestId("load-more").click();
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 200);

    await schema.search("orders");
    await schema.treeRow("table:public.orders").click();
    await schema.openTab("er");
    const focused = await schema.erTables();
    expect(focused).toEqual(
      expect.arrayContaining(["public.orders", "public.users", "public.order_items", "public.payments"]),
    );
    expect(focused).not.toContain("public.workspaces");

    await schema.openTab("migrations");
    await b.page.getByTestId("migrations-table").waitFor();
    const rows = b.page.getByTestId("migration-row");
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).toEqual([
      "applied",
    ]);
    await b.page.getByTestId("migrations-folder").fill(join(process.cwd(), "prisma", "migrations"));
    await b.page.getByTestId("migrations-compare").click();
    await rows.first().getByText("matches file").waitFor();
    await b.page.screenshot({ path: "test-results/schema-demo-migrations.png" });
    expect(await cspViolations(b.page)).toEqual([]);
    expect(b.problems).toEqual([]);
  }, 300_000);
});
