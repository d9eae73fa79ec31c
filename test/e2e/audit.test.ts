import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPgdeskLayout } from "../integration/audit/layouts.fixture";
import { cspViolations } from "./support/browser";
import { useE2eApp } from "./support/e2e-app";

describe("an admin reading one entity's history", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_audit",
      seed: async (db) => {
        await createPgdeskLayout(db.pool);
        // a value carrying markup must show as text
        await db.pool
          .query(`INSERT INTO audit_logs (id, "organizationId", "actorId", action, entity, "entityId", metadata, "createdAt")
      VALUES ('x1', 'org_1', '<img src=x onerror="window.__pwned=1">', 'UPDATE', 'Order', 'ord_2', '{"after": {"note": "<script>window.__pwned=1</script>"}}', '2026-01-05')`);
      },
    },
    profile: "Audit",
    area: "audit",
  });

  it("filters to one order and reads its status changes with the actor", async () => {
    const { audit } = app.pages;
    await audit.waitForEvents();
    await audit.filter({ entity: "Order", entityId: "ord_1" });
    await app.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="audit-event-row"]').length === 3,
    );
    await audit.openFirstRow();
    await expect(audit.timelineEvents().count()).resolves.toBe(3);
    const last = audit.timelineEvents().nth(2);
    expect(await last.getByTestId("event-actor").textContent()).toBe("actor id usr_ops"); // no users table here
    expect(await last.getByTestId("diff-status").textContent()).toContain("PAID → SHIPPED");
    await app.page.screenshot({ path: "docs/screenshot-audit.png" });
  });

  it("masks passwordHash on a user's timeline and exports it redacted", async () => {
    await app.page.getByRole("button", { name: "Back to all events" }).click();
    const { audit } = app.pages;
    await audit.filter({ entity: "User", entityId: "usr_1" });
    await app.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="audit-event-row"]').length === 2,
    );
    await audit.openFirstRow();
    const diff = await audit.timelineEvents().nth(1).getByTestId("diff-passwordHash").textContent();
    expect(diff).toContain("•");
    expect(await app.page.content()).not.toContain("LEAKED-HASH");

    await app.page.getByTestId("audit-timeline").getByTestId("audit-export-open").click();
    const path = join(app.dataDir, "usr_1.csv");
    await app.page.getByLabel("Export file path").fill(path);
    await app.page.getByTestId("audit-export-run").click();
    await app.page.getByTestId("audit-export-done").waitFor();
    await access(path);
    const csv = await readFile(path, "utf8");
    expect(csv).toContain("b@example.com");
    expect(csv).not.toContain("LEAKED-HASH");
  });

  it("shows markup from the server as text and runs no script", async () => {
    await app.page.getByRole("button", { name: "Back to all events" }).click();
    const { audit } = app.pages;
    await audit.filter({ entity: "Order", entityId: "ord_2" });
    await app.page.getByTestId("audit-events").getByText('<img src=x onerror="window.__pwned=1">').waitFor();
    expect(await app.page.locator("img").count()).toBe(0);
    await audit.openFirstRow();
    await app.page.getByText("<script>window.__pwned=1</script>").first().waitFor();
    expect(
      await app.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await cspViolations(app.page)).toEqual([]);
  });
});
