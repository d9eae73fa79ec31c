import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { createPgdeskLayout } from "../integration/audit/layouts.fixture";
import { AuditPage } from "./pages/audit.page";
import { DemoCardPage } from "./pages/demo.page";
import { ProfilesPage } from "./pages/profiles.page";
import { ShellPage } from "./pages/shell.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./support/browser";
import { closeWithDemo } from "./support/demo-cleanup";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("an admin reading one entity's history", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_audit");
    await createPgdeskLayout(db.pool);
    // a value carrying markup must show as text
    await db.pool
      .query(`INSERT INTO audit_logs (id, "organizationId", "actorId", action, entity, "entityId", metadata, "createdAt")
      VALUES ('x1', 'org_1', '<img src=x onerror="window.__pwned=1">', 'UPDATE', 'Order', 'ord_2', '{"after": {"note": "<script>window.__pwned=1</script>"}}', '2026-01-05')`);
    host = await startWebHostProcess();
    b = await launchBrowser();
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new ProfilesPage(b.page).addFor(db, "Audit");
    await shell.goTo("audit");
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await db?.drop();
  });

  it("filters to one order and reads its status changes with the actor", async () => {
    const audit = new AuditPage(b.page);
    await audit.waitForEvents();
    await audit.filter({ entity: "Order", entityId: "ord_1" });
    await b.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="audit-event-row"]').length === 3,
    );
    await audit.openFirstRow();
    await expect(audit.timelineEvents().count()).resolves.toBe(3);
    const last = audit.timelineEvents().nth(2);
    expect(await last.getByTestId("event-actor").textContent()).toBe("usr_ops");
    expect(await last.getByTestId("diff-status").textContent()).toContain("PAID → SHIPPED");
    await b.page.screenshot({ path: "docs/screenshot-audit.png" });
  });

  it("masks passwordHash on a user's timeline and exports it redacted", async () => {
    await b.page.getByRole("button", { name: "Back to all events" }).click();
    const audit = new AuditPage(b.page);
    await audit.filter({ entity: "User", entityId: "usr_1" });
    await b.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="audit-event-row"]').length === 2,
    );
    await audit.openFirstRow();
    const diff = await audit.timelineEvents().nth(1).getByTestId("diff-passwordHash").textContent();
    expect(diff).toContain("•");
    expect(await b.page.content()).not.toContain("LEAKED-HASH");

    await b.page.getByTestId("audit-timeline").getByTestId("audit-export-open").click();
    const path = join(host.dataDir, "usr_1.csv");
    await b.page.getByLabel("Export file path").fill(path);
    await b.page.getByTestId("audit-export-run").click();
    await b.page.getByTestId("audit-export-done").waitFor();
    await access(path);
    const csv = await readFile(path, "utf8");
    expect(csv).toContain("b@example.com");
    expect(csv).not.toContain("LEAKED-HASH");
  });

  it("shows markup from the server as text and runs no script", async () => {
    await b.page.getByRole("button", { name: "Back to all events" }).click();
    const audit = new AuditPage(b.page);
    await audit.filter({ entity: "Order", entityId: "ord_2" });
    await b.page.getByTestId("audit-events").getByText('<img src=x onerror="window.__pwned=1">').waitFor();
    expect(await b.page.locator("img").count()).toBe(0);
    await audit.openFirstRow();
    await b.page.getByText("<script>window.__pwned=1</script>").first().waitFor();
    expect(await b.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await cspViolations(b.page)).toEqual([]);
  });
});

describe("the audit timeline of the demo database, written by its Prisma audit-trail extension", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;

  beforeAll(async () => {
    host = await startWebHostProcess();
    b = await launchBrowser();
    await new ShellPage(b.page).open(host.launchUrl);
    await new DemoCardPage(b.page).createAndOpen();
    await new ShellPage(b.page).goTo("audit");
  });
  afterAll(() => closeWithDemo(b, host));

  it("filters to one order and reads its status changes as diffs with the actor", async () => {
    const audit = new AuditPage(b.page);
    await audit.waitForEvents();
    await audit.filter({ entity: "Order", action: "UPDATE" });
    await b.page.getByTestId("audit-event-row").filter({ hasText: "status" }).first().waitFor();
    await b.page.getByTestId("audit-event-row").filter({ hasText: "status" }).first().click();
    await audit.timelineEvents().first().waitFor();
    // the first event creates the order (status added); later ones move it on (status changed)
    const statusChange = audit
      .timelineEvents()
      .filter({ has: b.page.getByTestId("diff-status").filter({ hasText: "→" }) })
      .first();
    expect(await statusChange.getByTestId("diff-status").textContent()).toMatch(/changed.+→/);
    expect((await statusChange.getByTestId("event-actor").textContent())?.trim()).not.toBe("");
  });

  it("masks passwordHash on a user's timeline and exports the timeline", async () => {
    await b.page.getByRole("button", { name: "Back to all events" }).click();
    const audit = new AuditPage(b.page);
    await audit.filter({ entity: "User", action: "CREATE" });
    await audit.openFirstRow();
    const created = audit.timelineEvents().first();
    expect(await created.getByTestId("diff-passwordHash").textContent()).toContain("••••••");

    await b.page.getByTestId("audit-timeline").getByTestId("audit-export-open").click();
    const path = join(host.dataDir, "demo-user.json");
    await b.page.locator("select").filter({ hasText: "CSV" }).selectOption("json");
    await b.page.getByLabel("Export file path").fill(path);
    await b.page.getByTestId("audit-export-run").click();
    await b.page.getByTestId("audit-export-done").waitFor();
    const events = JSON.parse(await readFile(path, "utf8")) as Array<{
      after: Record<string, unknown> | null;
    }>;
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toMatch(/scrypt|\$[0-9a-z]+\$/);
    expect(b.problems).toEqual([]);
  });
});
