import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeFolder, rowCounts, seed, tempFolder } from "../integration/backup/support";
import { useE2eApp } from "./support/e2e-app";

describe("backing up a database to a folder and restoring it, in Chromium", () => {
  const app = useE2eApp({
    database: { prefix: "e2e_bk", seed: (db) => seed(db.pool, 3000) },
    profile: "Backups 15",
    area: "backups",
  });
  let folder: string;
  let restored: string;

  beforeAll(async () => {
    restored = `${app.db.name}_copy`;
    folder = await tempFolder("pgdesk-e2e-bk-");
  });
  afterAll(async () => {
    const admin = new pg.Client({ ...app.db.connection, database: "postgres" });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${restored}" WITH (FORCE)`);
    await admin.end();
    await removeFolder(folder);
  });

  it("backs up with a progress bar, sees it verified, and restores it into a new database", async () => {
    const { db } = app;
    const page = app.pages.backups;
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
    await app.expectNoProblems();
    expect(app.host.output()).not.toContain(db.server.password);
  });

  it("a damaged archive re-verified shows failed with the reason, and restoring it asks first", async () => {
    const { db } = app;
    const page = app.pages.backups;
    const row = page.backupRow(db.name);
    const file = await row.getAttribute("data-file");
    // one byte changed in the middle: same size, another SHA-256
    const path = join(folder, file!);
    const bytes = await readFile(path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    await writeFile(path, bytes);
    await row.getByTestId("backup-verify").click();
    await app.page
      .locator(
        `[data-testid="backup-row"][data-file="${file}"] [data-testid="backup-verified"][data-state="failed"]`,
      )
      .waitFor();
    expect(await row.getByTestId("backup-verified").textContent()).toMatch(/^failed at .*SHA-256 differs/);
    const dialog = await page.openRestoreDialog(db.name);
    await dialog.getByTestId("restore-failed-check").waitFor();
    expect(await dialog.getByTestId("restore-start").isDisabled()).toBe(true);
    await dialog.getByTestId("restore-accept-failed").check();
    expect(await dialog.getByTestId("restore-start").isDisabled()).toBe(false);
    await dialog.getByRole("button", { name: "Close" }).click();
    expect(app.browser.problems).toEqual([]);
  });

  it("leaves a table out by unticking it in the object picker, and the command says so", async () => {
    const page = app.pages.backups;
    await page.openObjectPicker();
    await page.expandSchema("shop");
    await page.untick("table shop.order");
    await expect(page.objectsSummary()).resolves.toBe("Everything except 1 table.");
    const command = await page.previewCommand();
    expect(command).toContain(`'--exclude-table="shop"."order"'`);
    await page.tickAll();
    await expect(page.objectsSummary()).resolves.toBe("The whole database.");
    await page.tickNone();
    await app.page.getByTestId("backup-objects-blocked").waitFor();
    expect(await app.page.getByTestId("backup-start").isDisabled()).toBe(true);
    expect(app.browser.problems).toEqual([]);
  });
});
