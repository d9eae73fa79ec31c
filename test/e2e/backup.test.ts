import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { removeFolder, rowCounts, seed, tempFolder } from "../integration/backup/support";
import { BackupsPage } from "./pages/backups.page";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { ShellPage } from "./pages/shell.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("backing up a database to a folder and restoring it, in Chromium", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;
  let folder: string;
  let restored: string;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_bk");
    await seed(db.pool, 3000);
    restored = `${db.name}_copy`;
    folder = await tempFolder("pgdesk-e2e-bk-");
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    const admin = new pg.Client({ ...db.connection, database: "postgres" });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${restored}" WITH (FORCE)`);
    await admin.end();
    await db?.drop();
    await removeFolder(folder);
  });

  it("backs up with a progress bar, sees it verified, and restores it into a new database", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new ProfilesPage(b.page).addFor(db, "Backups 15");
    await new OverviewPage(b.page).waitForLoaded();
    await shell.goTo("backups");

    const page = new BackupsPage(b.page);
    await page.waitForLoaded();
    await page.chooseFolder(folder);
    await page.chooseDatabase(db.name);
    const command = await page.previewCommand();
    expect(command).toMatch(/pg_dump (--password )?--format=c --file=.*\.dump\.partial --verbose/);
    expect(command).not.toContain(db.server.password);

    // a lock holds pg_dump mid-way, so the running job and its bar are really seen
    const locker = new pg.Client(db.connection);
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query('LOCK TABLE shop."order" IN ACCESS EXCLUSIVE MODE');
    try {
      await page.start();
      await page.job("backup", "running").waitFor();
      await expect(page.progressOf("backup").getAttribute("aria-valuenow")).resolves.toBe("0");
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
    await page.job("backup", "succeeded").waitFor({ timeout: 60_000 });
    await expect(page.progressOf("backup").getAttribute("aria-valuenow")).resolves.toBe("100");

    const row = page.backupRow(db.name);
    await row.waitFor();
    await expect(row.getByTestId("backup-verified").textContent()).resolves.toMatch(/^verified/);

    await page.restoreInto(db.name, restored);
    await page.job("restore", "succeeded").waitFor({ timeout: 60_000 });
    const copy = new pg.Pool({ ...db.connection, database: restored });
    try {
      expect(await rowCounts(copy)).toEqual(await rowCounts(db.pool));
    } finally {
      await copy.end();
    }
    expect(await cspViolations(b.page)).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(host.output()).not.toContain(db.server.password);
  });

  it("leaves a table out by unticking it in the object picker, and the command says so", async () => {
    const page = new BackupsPage(b.page);
    await page.openObjectPicker();
    await page.expandSchema("shop");
    await page.untick("table shop.order");
    await expect(page.objectsSummary()).resolves.toBe("Everything except 1 table.");
    const command = await page.previewCommand();
    expect(command).toContain(`'--exclude-table="shop"."order"'`);
    await page.tickAll();
    await expect(page.objectsSummary()).resolves.toBe("The whole database.");
    await page.tickNone();
    await b.page.getByTestId("backup-objects-blocked").waitFor();
    expect(await b.page.getByTestId("backup-start").isDisabled()).toBe(true);
    expect(b.problems).toEqual([]);
  });
});
