import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe";
import { DEMO_TIMEOUT_MS, useE2eApp } from "./support/e2e-app";

/**
 * One demo for the whole file: seeding it takes a minute or more, so the areas' checks on
 * its data follow its creation here, in the app the user created it in (the areas that
 * only read first, the one that changes the demo last). A new check on demo data joins
 * this file rather than creating a demo of its own.
 */
describe("a first-time user with no server creates the demo database and explores it", () => {
  const app = useE2eApp();

  it(
    "clicks Create demo database, watches the progress and lands on a populated overview",
    async () => {
      const { shell, demo, overview, dashboard } = app.pages;
      await demo.card().waitFor();
      await demo.create();
      await demo.progress().waitFor();
      // condition waits: the bar moves past the server start into seeding
      await app.page.waitForFunction(
        () =>
          Number(
            document.querySelector('[data-testid="demo-progress"]')?.getAttribute("aria-valuenow") ?? 0,
          ) >= 20,
        undefined,
        { timeout: 120_000 },
      );
      expect(await demo.phase().textContent()).not.toBe("");

      await app.page.getByTestId("server-overview").waitFor({ timeout: 240_000 });
      await expect(shell.currentProfile().textContent()).resolves.toBe("Demo database");
      expect(await overview.version().textContent()).toMatch(/^15\.\d+/);
      await overview.databaseRow("pgdesk_demo").waitFor();

      await shell.goTo("dashboard");
      await dashboard.waitForChecks();
      await app.page.screenshot({ path: "test-results/demo-dashboard.png", fullPage: true });
      expect(app.browser.problems).toEqual([]);
    },
    DEMO_TIMEOUT_MS,
  );

  describe("the audit timeline, written by the seed's Prisma audit-trail extension", () => {
    it("filters to one order and reads its status changes as diffs with the actor", async () => {
      const { audit, shell } = app.pages;
      await shell.goTo("audit");
      await audit.waitForEvents();
      await audit.filter({ entity: "Order", action: "UPDATE" });
      await app.page.getByTestId("audit-event-row").filter({ hasText: "status" }).first().waitFor();
      await app.page.getByTestId("audit-event-row").filter({ hasText: "status" }).first().click();
      await audit.timelineEvents().first().waitFor();
      // the first event creates the order (status added); later ones move it on (status changed)
      const statusChange = audit
        .timelineEvents()
        .filter({ has: app.page.getByTestId("diff-status").filter({ hasText: "→" }) })
        .first();
      expect(await statusChange.getByTestId("diff-status").textContent()).toMatch(/changed.+→/);
      expect((await statusChange.getByTestId("event-actor").textContent())?.trim()).not.toBe("");
    });

    it("masks passwordHash on a user's timeline and exports the timeline", async () => {
      await app.page.getByRole("button", { name: "Back to all events" }).click();
      const { audit } = app.pages;
      await audit.filter({ entity: "User", action: "CREATE" });
      await audit.openFirstRow();
      const created = audit.timelineEvents().first();
      expect(await created.getByTestId("diff-passwordHash").textContent()).toContain("••••••");

      await app.page.getByTestId("audit-timeline").getByTestId("audit-export-open").click();
      const path = join(app.dataDir, "demo-user.json");
      await app.page.locator("select").filter({ hasText: "CSV" }).selectOption("json");
      await app.page.getByLabel("Export file path").fill(path);
      await app.page.getByTestId("audit-export-run").click();
      await app.page.getByTestId("audit-export-done").waitFor();
      const events = JSON.parse(await readFile(path, "utf8")) as Array<{
        after: Record<string, unknown> | null;
      }>;
      expect(events.length).toBeGreaterThan(0);
      expect(JSON.stringify(events)).not.toMatch(/scrypt|\$[0-9a-z]+\$/);
      expect(app.browser.problems).toEqual([]);
    });
  });

  describe("the schema: the e-commerce and SaaS models", () => {
    it("shows the e-commerce and SaaS models: tree, DDL, soft-deleted orders, ER focus and the applied migration", async () => {
      const { schema, shell } = app.pages;
      await shell.goTo("schema");
      await schema.waitForLoaded();
      for (const table of ["users", "orders", "organizations", "audit_logs"])
        await schema.treeRow(`table:public.${table}`).waitFor();
      await schema.search("orders");
      await schema.treeRow("table:public.orders").click();
      await schema.openTab("ddl");
      await app.page.getByTestId("ddl-text").waitFor();
      expect(await app.page.getByTestId("ddl-text").textContent()).toContain(
        'CREATE TABLE "public"."orders" (',
      );

      await schema.openTab("data");
      await app.page.getByTestId("soft-deleted-count").waitFor();
      expect(await app.page.getByTestId("soft-deleted-count").textContent()).toMatch(
        /^[\d,]+ soft-deleted \(deleted_at\)$/,
      );
      // the demo indexes deleted_at, so no warning
      await expect(app.page.getByTestId("soft-delete-unindexed").count()).resolves.toBe(0);
      await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length > 0);
      // the event store is big enough to page: 100 rows, then the next keyset page
      await schema.search("events");
      await schema.treeRow("table:public.events").click();
      await app.page.waitForFunction(
        () => document.querySelectorAll('[data-testid="data-row"]').length === 100,
      );
      await app.page.getByTestId("load-more").click();
      await app.page.waitForFunction(
        () => document.querySelectorAll('[data-testid="data-row"]').length === 200,
      );

      await schema.search("orders");
      await schema.treeRow("table:public.orders").click();
      await schema.openTab("er");
      const focused = await schema.erTables();
      expect(focused).toEqual(
        expect.arrayContaining(["public.orders", "public.users", "public.order_items", "public.payments"]),
      );
      expect(focused).not.toContain("public.workspaces");

      await schema.openTab("migrations");
      await app.page.getByTestId("migrations-table").waitFor();
      const rows = app.page.getByTestId("migration-row");
      expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))).toEqual([
        "applied",
      ]);
      await app.page.getByTestId("migrations-folder").fill(join(process.cwd(), "prisma", "migrations"));
      await app.page.getByTestId("migrations-compare").click();
      await rows.first().getByText("matches file").waitFor();
      await app.page.screenshot({ path: "test-results/schema-demo-migrations.png" });
      await app.expectNoProblems();
    });
  });

  describe("the demo card, found again on Connections", () => {
    it("shows its connection details, its password on request (the one that logs in), stop and start, and passes axe in both themes", async () => {
      await app.pages.shell.goTo("connections");
      const card = app.pages.demo.card();
      await card.getByTestId("demo-connection").waitFor();
      for (const control of ["demo-stop", "demo-reset", "demo-remove"])
        expect(await card.getByTestId(control).isEnabled()).toBe(true);
      expect(await card.getByTestId("demo-password").textContent()).toBe("••••••••");
      await card.getByTestId("demo-password-toggle").click();
      await card.locator('[data-testid="demo-password"]:not(:has-text("•"))').waitFor();
      const client = new pg.Client({
        host: (await card.getByTestId("demo-host").textContent())!,
        port: Number(await card.getByTestId("demo-port").textContent()),
        user: (await card.getByTestId("demo-user").textContent())!,
        database: (await card.getByTestId("demo-database").textContent())!,
        password: (await card.getByTestId("demo-password").textContent())!,
      });
      await client.connect();
      await client.end();
      for (const theme of ["light", "dark"] as const) {
        await app.page.getByTestId("theme-switch").selectOption(theme);
        await app.page.locator(`html[data-theme="${theme}"]`).waitFor({ state: "attached" });
        expect(await seriousViolations(app.page)).toEqual([]);
      }
      await card.getByTestId("demo-stop").click();
      await card.locator('[data-testid="demo-state"]', { hasText: /^stopped/ }).waitFor({ timeout: 60_000 });
      await card.getByTestId("demo-start").click();
      await card.locator('[data-testid="demo-state"]', { hasText: /^running/ }).waitFor({ timeout: 60_000 });
      await app.expectNoProblems();
    }, 180_000);
  });

  describe("index advice, on the problems the demo's workload planted", () => {
    it("sees the demo's unused, duplicate and missing indexes, creates the missing one and sees the suggestion go", async () => {
      const { indexes, shell } = app.pages;
      await shell.goTo("indexes");
      await indexes.waitForLoaded();

      await indexes.openTab("unused");
      await indexes.item("unused-item", "events_created_at_idx").waitFor();
      await indexes.openTab("duplicates");
      expect(await indexes.item("duplicate-item", /^users_email_idx /).textContent()).toContain(
        "identical to users_email_key",
      );
      await indexes.openTab("missing");
      const suggestion = indexes.item("suggestion", "public.events (type)");
      await suggestion.waitFor();
      expect(await suggestion.getByTestId("generated-sql").textContent()).toMatch(
        /^CREATE INDEX CONCURRENTLY "events_type_idx" ON "public"."events" USING btree \("type"\);$/,
      );

      await indexes.runFrom(suggestion);
      await indexes.refresh();
      await app.page
        .getByTestId("suggestion")
        .filter({ hasText: "public.events (type)" })
        .waitFor({ state: "detached" });
      expect(app.browser.problems).toEqual([]);
    });
  });
});
