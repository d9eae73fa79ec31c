import { describe, expect, it } from "vitest";
import { createPgdeskLayout } from "../integration/audit/layouts.fixture";
import { closedPort } from "../harness/ports";
import { loginFor, useE2eApp } from "./support/e2e-app";

/** Issue #24, item by item, as a new user meets them in the first hour. */
describe("the first hour: clear words, honest states, nothing surprising", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_first_hour",
      seed: async (db) => {
        await createPgdeskLayout(db.pool);
        await db.pool.query(`CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL)`);
        await db.pool.query(`INSERT INTO users VALUES ('usr_ops', 'ops@example.com')`);
      },
    },
  });

  it("a failed test says what happened and what to try, beside the button, the driver's words one click away", async () => {
    const { profiles } = app.pages;
    await profiles.startNew();
    const closed = await closedPort();
    await profiles.fill({ name: "x", host: "127.0.0.1", port: closed, database: "d", user: "u" });
    await profiles.test();
    const error = app.page.getByTestId("profile-actions").getByTestId("error");
    expect(await error.getAttribute("data-kind")).toBe("not-listening");
    expect(await error.getByTestId("error-what").textContent()).toContain(`127.0.0.1:${closed}`);
    expect(await error.getByTestId("error-original").isVisible()).toBe(false);
    await error.getByTestId("error-original-toggle").click();
    expect(await error.getByTestId("error-original").textContent()).toContain("ECONNREFUSED");
    // beside the button: to its right, and in the window without scrolling
    const button = (await app.page.getByTestId("profile-test").boundingBox())!;
    const box = (await error.boundingBox())!;
    const viewport = app.page.viewportSize()!;
    expect(box.x).toBeGreaterThan(button.x + button.width);
    expect(box.y).toBeLessThan(viewport.height);
    await app.page.getByRole("button", { name: "Cancel" }).click();
  });

  it("switching profile stays on the page the user is on", async () => {
    const { shell } = app.pages;
    await app.addProfile(loginFor(app.db, "First"));
    await app.addProfile(loginFor(app.db, "Second"));
    await shell.goTo("activity");
    await app.page.getByTestId("profile-switcher").selectOption({ label: "First" });
    await app.page.locator('[data-testid="current-profile"]', { hasText: "First" }).waitFor();
    expect(await shell.nav("activity").getAttribute("aria-current")).toBe("page");
  });

  it("counts read as words: 1 row, 2 rows", async () => {
    await app.pages.shell.goTo("query");
    const { query } = app.pages;
    await query.waitForEditor();
    await query.paste("select 1");
    await query.run();
    await app.page.locator('[data-testid="result-summary"]', { hasText: /^1 row in / }).waitFor();
    await query.paste("select generate_series(1, 2)");
    await query.run();
    expect(await app.page.getByTestId("result-summary").textContent()).toMatch(/^2 rows in /);
  });

  it("thresholds are named in words with their units, never as code names", async () => {
    await app.pages.shell.goTo("dashboard");
    await app.page.getByText("Thresholds", { exact: true }).click();
    const cache = app.page.getByTestId("threshold-cacheHitWarnPct");
    expect(await cache.textContent()).toMatch(/^Cache hit ratio: warn below \(%; default/);
    const labels = await app.page.locator('[data-testid^="threshold-"] > span').allInnerTexts();
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.filter((l) => /\b[a-z]+[A-Z]\w*/.test(l))).toEqual([]); // no camelCase key shows
  });

  it("audit: actors named through the users table, filters ignore letter case unless Exact, arrows move between events", async () => {
    await app.pages.shell.goTo("audit");
    const { audit } = app.pages;
    await audit.waitForEvents();
    await audit.filter({ entity: "oRDER", entityId: "ord_1" }); // ids stay exact, names fold
    await app.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="audit-event-row"]').length === 3,
    );
    const actors = await audit.rows().getByTestId("event-row-actor").allTextContents();
    expect(actors).toContain("ops@example.com (usr_ops)");
    await app.page.getByTestId("audit-filter-exact").check();
    await app.page.getByTestId("audit-filter-apply").click();
    await app.page.getByTestId("audit-empty").waitFor();
    await app.page.getByTestId("audit-filter-exact").uncheck();
    await app.page.getByTestId("audit-filter-apply").click();
    await audit.waitForEvents();
    await audit.rows().first().focus();
    await app.page.keyboard.press("ArrowDown");
    expect(await app.page.evaluate(() => document.activeElement?.getAttribute("data-index"))).toBe("1");
    await app.page.keyboard.press("Enter");
    await audit.timeline().waitFor();
  });

  it("the theme follows the system, switches, and stays switched after a reload", async () => {
    const html = app.page.locator("html");
    await app.page.emulateMedia({ colorScheme: "dark" });
    await app.page.locator('html[data-theme="dark"]').waitFor({ state: "attached" });
    await app.page.emulateMedia({ colorScheme: "light" });
    await app.page.locator('html[data-theme="light"]').waitFor({ state: "attached" });
    await app.page.getByTestId("theme-switch").selectOption("dark");
    await app.page.locator('html[data-theme="dark"]').waitFor({ state: "attached" });
    await app.page.reload();
    await app.page.getByRole("navigation", { name: "Areas" }).waitFor();
    await app.page.locator('html[data-theme="dark"]').waitFor({ state: "attached" });
    expect(await html.getAttribute("class")).toContain("dark");
    expect(await app.page.getByTestId("theme-switch").inputValue()).toBe("dark");
    await app.expectNoProblems();
  });
});
