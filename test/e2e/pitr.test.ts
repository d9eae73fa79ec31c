import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackrestCluster, type BackrestCluster } from "../harness-extra/backrest-cluster";
import { until } from "../harness/until";
import { startE2eApp, type E2eApp } from "./support/e2e-app";

/** Backup sets and the window on the page, a restore to a time picked in the UI, and the dropped table back in the copy. */
describe("point-in-time recovery in Chromium", () => {
  let app: E2eApp;
  let cluster: BackrestCluster;
  const started = Date.now();

  beforeAll(async () => {
    cluster = await startBackrestCluster();
    await cluster.pool.query(`CREATE TABLE orders (id int PRIMARY KEY, total numeric);
      INSERT INTO orders SELECT g, g * 2.5 FROM generate_series(1, 300) g`);
    // the profile a user types for the cluster (its superuser over TCP)
    app = await startE2eApp({ profile: { name: "Orders primary", ...cluster.connection } });
  });

  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
    console.log(`e2e pitr: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it("restores to a moment picked on the page and shows the dropped table in the restored copy", async () => {
    const { shell, overview, pitr: page, schema } = app.pages;
    const b = app.browser;
    // the Overview shows archiving too
    await b.page.getByTestId("archiving-card").waitFor();

    await shell.goTo("recovery");
    await page.waitForLoaded();
    await page.configure({ config: cluster.config, stanza: cluster.stanza, restoreRoot: cluster.copies });
    await page.takeBackup("full");
    await page.job("backup", "succeeded").waitFor({ timeout: 90_000 });
    await page.backupRows().first().waitFor();
    await expect(page.backupRows().count()).resolves.toBe(1);
    expect(await page.backupRows().first().getAttribute("data-type")).toBe("full");

    // the moment: a whole second after the last change, then the table is dropped
    const clock = async () =>
      (await cluster.pool.query<{ t: Date }>("SELECT clock_timestamp() AS t")).rows[0]!.t;
    const moment = new Date(Math.ceil(((await clock()).getTime() + 1) / 1000) * 1000);
    await until(async () => (await clock()) > moment, "the server clock to pass the chosen moment");
    await cluster.pool.query("DROP TABLE orders");
    await cluster.archiveNow();
    await shell.goTo("overview");
    await shell.goTo("recovery");
    await page.waitForLoaded();
    const wallClock = moment.toISOString().slice(0, 19); // the cluster runs in UTC
    // the page refreshes its window: its end must reach past the moment (the archived drop)
    await until(
      async () => ((await page.windowTo().textContent()) ?? "") >= wallClock.replace("T", " "),
      "the window to reach past the chosen moment",
      60_000,
    );
    // a moment before the backup is refused on the page, before anything starts
    await b.page.getByTestId("pitr-target-time").fill("2000-01-01T00:00:00");
    await expect(page.targetProblem().textContent()).resolves.toContain(
      "before the end of the oldest backup",
    );
    expect(await b.page.getByTestId("pitr-restore-start").isDisabled()).toBe(true);

    await page.restoreToTime(wallClock);
    await page.job("restore", "succeeded").waitFor({ timeout: 120_000 });
    await b.page.screenshot({ path: "docs/screenshot-pitr.png", fullPage: true });

    await page.openRestoredCopy();
    await overview.waitForLoaded();
    await expect(shell.currentProfile().textContent()).resolves.toContain("Orders primary @");
    await b.page.getByTestId("profile-tag").filter({ hasText: "restore" }).first().waitFor();
    await shell.goTo("schema");
    await schema.waitForLoaded();
    await schema.search("orders");
    await schema.treeRow("table:public.orders").waitFor();
    await app.expectNoProblems();

    // the primary really lost it
    const { rows } = await cluster.pool.query("SELECT to_regclass('orders') AS t");
    expect(rows[0].t).toBeNull();
  });
});
