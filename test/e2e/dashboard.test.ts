import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { ActivityPage } from "./pages/activity.page";
import { DashboardPage } from "./pages/dashboard.page";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { ShellPage } from "./pages/shell.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("a DBA watching a database's health in Chromium", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;
  let blocker: pg.Client;
  let waiter: pg.Client;
  let writing = true;
  let load: Promise<void>;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_health");
    await db.pool.query(
      "CREATE TABLE orders (id serial PRIMARY KEY, total int); INSERT INTO orders (total) SELECT g FROM generate_series(1, 100) g",
    );
    blocker = new pg.Client(db.connection);
    waiter = new pg.Client(db.connection);
    await Promise.all([blocker.connect(), waiter.connect()]);
    // steady traffic so the live charts have something to draw
    const writer = new pg.Client(db.connection);
    await writer.connect();
    load = (async () => {
      while (writing) {
        await writer.query("INSERT INTO orders (total) VALUES (1)");
        await new Promise((r) => setTimeout(r, 20));
      }
      await writer.end();
    })();
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(async () => {
    writing = false;
    await load;
    await blocker?.end();
    await waiter?.end();
    await b?.close();
    await host?.stop();
    await db?.drop();
  });

  it("opens the dashboard and sees the checks and the charts moving", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new ProfilesPage(b.page).addFor(db, "Health 15");
    await new OverviewPage(b.page).waitForLoaded();
    await shell.goTo("dashboard");

    const dash = new DashboardPage(b.page);
    await dash.waitForChecks();
    expect(await dash.status().textContent()).toMatch(/^(healthy|degraded|unhealthy)$/);
    expect(await dash.checkStatus("connectivity")).toBe("pass");
    expect(await dash.checkStatus("invalidIndexes")).toBe("pass");
    // the missing extension is explained, not a blank card
    expect(await dash.check("statements").getByTestId("check-action").textContent()).toContain(
      "CREATE EXTENSION pg_stat_statements",
    );
    await dash.installStatements();
    await dash.waitForCheckStatus("statements", "pass");

    const first = await dash.waitForSamples(1);
    const later = await dash.waitForSamples(2);
    expect(Date.parse(later)).toBeGreaterThan(Date.parse(first));
    await b.page.getByTestId("chart-transactions").locator("path.recharts-curve").first().waitFor();
    await b.page.screenshot({ path: "docs/screenshot-dashboard.png", fullPage: true });
  });

  it("shows a blocked session in the dashboard and the blocking tree, and cancels it", async () => {
    const blockerPid = (await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const waiterPid = (await waiter.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await blocker.query("BEGIN; LOCK TABLE orders IN SHARE MODE");
    const blocked = waiter.query("UPDATE orders SET total = 0 WHERE id = 1").catch((e: Error) => e);

    const dash = new DashboardPage(b.page);
    await dash.refresh();
    await dash.waitForCheckStatus("lockWaiters", "warn");
    expect(await dash.check("lockWaiters").getByTestId("check-message").textContent()).toContain(
      `held by sessions ${blockerPid}`,
    );

    await new ShellPage(b.page).goTo("activity");
    const activity = new ActivityPage(b.page);
    await activity.waitForLoaded();
    await activity.node(waiterPid).waitFor();
    expect(await activity.node(blockerPid).getAttribute("data-depth")).toBe("0");
    expect(await activity.node(waiterPid).getAttribute("data-depth")).toBe("1");
    expect(await activity.cancelFromTree(waiterPid)).toBe(`Cancel request sent to process ${waiterPid}.`);
    expect(String(await blocked)).toMatch(/canceling statement due to user request/);
    await activity.node(waiterPid).waitFor({ state: "detached" });
    await blocker.query("ROLLBACK");
    expect(await cspViolations(b.page)).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
