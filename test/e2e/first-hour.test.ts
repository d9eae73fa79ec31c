import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/main/db/embedded-postgres";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { createPgdeskLayout } from "../integration/audit/layouts.fixture";
import { AuditPage } from "./pages/audit.page";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { QueryPage } from "./pages/query.page";
import { ShellPage } from "./pages/shell.page";
import { launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

/** Issue #24, item by item, as a new user meets them in the first hour. */
describe("the first hour: clear words, honest states, nothing surprising", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;
  let shell: ShellPage;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_first_hour");
    await createPgdeskLayout(db.pool);
    await db.pool.query(`CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL)`);
    await db.pool.query(`INSERT INTO users VALUES ('usr_ops', 'ops@example.com')`);
    host = await startWebHostProcess();
    b = await launchBrowser();
    shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await db?.drop();
  });

  it("a failed test says what happened and what to try, beside the button, the driver's words one click away", async () => {
    const profiles = new ProfilesPage(b.page);
    await profiles.startNew();
    const closed = await freePort();
    await profiles.fill({ name: "x", host: "127.0.0.1", port: closed, database: "d", user: "u" });
    await profiles.test();
    const error = b.page.getByTestId("profile-actions").getByTestId("error");
    expect(await error.getAttribute("data-kind")).toBe("not-listening");
    expect(await error.getByTestId("error-what").textContent()).toContain(`127.0.0.1:${closed}`);
    expect(await error.getByTestId("error-original").isVisible()).toBe(false);
    await error.getByTestId("error-original-toggle").click();
    expect(await error.getByTestId("error-original").textContent()).toContain("ECONNREFUSED");
    // beside the button: to its right, and in the window without scrolling
    const button = (await b.page.getByTestId("profile-test").boundingBox())!;
    const box = (await error.boundingBox())!;
    const viewport = b.page.viewportSize()!;
    expect(box.x).toBeGreaterThan(button.x + button.width);
    expect(box.y).toBeLessThan(viewport.height);
    await b.page.getByRole("button", { name: "Cancel" }).click();
  });

  it("switching profile stays on the page the user is on", async () => {
    const profiles = new ProfilesPage(b.page);
    await profiles.addFor(db, "First");
    await new OverviewPage(b.page).waitForLoaded();
    await shell.goTo("connections");
    await profiles.addFor(db, "Second");
    await new OverviewPage(b.page).waitForLoaded();
    await shell.goTo("activity");
    await b.page.getByTestId("profile-switcher").selectOption({ label: "First" });
    await b.page.locator('[data-testid="current-profile"]', { hasText: "First" }).waitFor();
    expect(await shell.nav("activity").getAttribute("aria-current")).toBe("page");
  });

  it("counts read as words: 1 row, 2 rows", async () => {
    await shell.goTo("query");
    const query = new QueryPage(b.page);
    await query.waitForEditor();
    await query.paste("select 1");
    await query.run();
    await b.page.locator('[data-testid="result-summary"]', { hasText: /^1 row in / }).waitFor();
    await query.paste("select generate_series(1, 2)");
    await query.run();
    expect(await b.page.getByTestId("result-summary").textContent()).toMatch(/^2 rows in /);
  });

  it("thresholds are named in words with their units, never as code names", async () => {
    await shell.goTo("dashboard");
    await b.page.getByText("Thresholds", { exact: true }).click();
    const cache = b.page.getByTestId("threshold-cacheHitWarnPct");
    expect(await cache.textContent()).toMatch(/^Cache hit ratio: warn below \(%; default/);
    const labels = await b.page.locator('[data-testid^="threshold-"] > span').allInnerTexts();
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.filter((l) => /\b[a-z]+[A-Z]\w*/.test(l))).toEqual([]); // no camelCase key shows
  });

  it("audit: actors named through the users table, filters ignore letter case unless Exact, arrows move between events", async () => {
    await shell.goTo("audit");
    const audit = new AuditPage(b.page);
    await audit.waitForEvents();
    await audit.filter({ entity: "oRDER", entityId: "ord_1" }); // ids stay exact, names fold
    await b.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="audit-event-row"]').length === 3,
    );
    const actors = await audit.rows().getByTestId("event-row-actor").allTextContents();
    expect(actors).toContain("ops@example.com (usr_ops)");
    await b.page.getByTestId("audit-filter-exact").check();
    await b.page.getByTestId("audit-filter-apply").click();
    await b.page.getByTestId("audit-empty").waitFor();
    await b.page.getByTestId("audit-filter-exact").uncheck();
    await b.page.getByTestId("audit-filter-apply").click();
    await audit.waitForEvents();
    await audit.rows().first().focus();
    await b.page.keyboard.press("ArrowDown");
    expect(await b.page.evaluate(() => document.activeElement?.getAttribute("data-index"))).toBe("1");
    await b.page.keyboard.press("Enter");
    await audit.timeline().waitFor();
  });

  it("the theme follows the system, switches, and stays switched after a reload", async () => {
    const html = b.page.locator("html");
    await b.page.emulateMedia({ colorScheme: "dark" });
    await b.page.locator('html[data-theme="dark"]').waitFor({ state: "attached" });
    await b.page.emulateMedia({ colorScheme: "light" });
    await b.page.locator('html[data-theme="light"]').waitFor({ state: "attached" });
    await b.page.getByTestId("theme-switch").selectOption("dark");
    await b.page.locator('html[data-theme="dark"]').waitFor({ state: "attached" });
    await b.page.reload();
    await b.page.getByRole("navigation", { name: "Areas" }).waitFor();
    await b.page.locator('html[data-theme="dark"]').waitFor({ state: "attached" });
    expect(await html.getAttribute("class")).toContain("dark");
    expect(await b.page.getByTestId("theme-switch").inputValue()).toBe("dark");
    expect(b.problems).toEqual([]);
  });
});
