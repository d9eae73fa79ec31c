import { setTimeout as pause } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useE2eApp } from "./support/e2e-app";

describe("a DBA watching a database's health in Chromium", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_health",
      seed: "CREATE TABLE orders (id serial PRIMARY KEY, total int); INSERT INTO orders (total) SELECT g FROM generate_series(1, 100) g",
    },
    profile: "Health 15",
    area: "dashboard",
  });
  let blocker: pg.Client;
  let waiter: pg.Client;
  let writing = true;
  let load: Promise<void>;

  beforeAll(async () => {
    blocker = new pg.Client(app.db.connection);
    waiter = new pg.Client(app.db.connection);
    await Promise.all([blocker.connect(), waiter.connect()]);
    // steady traffic so the live charts have something to draw
    const writer = new pg.Client(app.db.connection);
    await writer.connect();
    load = (async () => {
      while (writing) {
        await writer.query("INSERT INTO orders (total) VALUES (1)");
        await pause(20); // the traffic's pace, not a wait for anything
      }
      await writer.end();
    })();
  });
  afterAll(async () => {
    writing = false;
    await load;
    await blocker?.end();
    await waiter?.end();
  });

  it("opens the dashboard and sees the checks and the charts moving", async () => {
    const { dashboard: dash } = app.pages;
    await dash.waitForChecks();
    expect(await dash.status().textContent()).toMatch(/^(healthy|degraded|unhealthy)$/);
    // connected: pass or warn (warn is a round trip over 50 ms, a figure a loaded machine can reach)
    expect(await dash.checkStatus("connectivity")).toMatch(/^(pass|warn)$/);
    expect(await dash.check("connectivity").textContent()).toContain(`Connected to ${app.db.name}`);
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
    await app.page.getByTestId("chart-transactions").locator("path.recharts-curve").first().waitFor();
    await app.page.screenshot({ path: "docs/screenshot-dashboard.png", fullPage: true });
  });

  it("shows a blocked session in the dashboard and the blocking tree, and cancels it", async () => {
    const { dashboard: dash, activity, shell } = app.pages;
    const blockerPid = (await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const waiterPid = (await waiter.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await blocker.query("BEGIN; LOCK TABLE orders IN SHARE MODE");
    const blocked = waiter.query("UPDATE orders SET total = 0 WHERE id = 1").catch((e: Error) => e);

    await dash.refresh();
    await dash.waitForCheckStatus("lockWaiters", "warn");
    expect(await dash.check("lockWaiters").getByTestId("check-message").textContent()).toContain(
      `held by sessions ${blockerPid}`,
    );

    await shell.goTo("activity");
    await activity.waitForLoaded();
    await activity.node(waiterPid).waitFor();
    expect(await activity.node(blockerPid).getAttribute("data-depth")).toBe("0");
    expect(await activity.node(waiterPid).getAttribute("data-depth")).toBe("1");
    expect(await activity.cancelFromTree(waiterPid)).toBe(`Cancel request sent to process ${waiterPid}.`);
    expect(String(await blocked)).toMatch(/canceling statement due to user request/);
    await activity.node(waiterPid).waitFor({ state: "detached" });
    await blocker.query("ROLLBACK");
    await app.expectNoProblems();
  });
});
