import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { removeFolder, tempFolder } from "../integration/backup/support";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { ShellPage } from "./pages/shell.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

/**
 * A nightly backup that failed while nobody looked at the Backups page: the next time the
 * app opens, every screen says so until the user dismisses it.
 */
describe("a failed scheduled backup is shown above every screen", () => {
  let dataDir: string;
  let folder: string;
  let host: RunningWebHost | undefined;
  let b: E2EBrowser;
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_sched");
    dataDir = await mkdtemp(join(tmpdir(), "pgdesk-e2e-sched-"));
    folder = await tempFolder("pgdesk-e2e-sched-bk-");
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await db?.drop();
    await removeFolder(dataDir);
    await removeFolder(folder);
  });

  it("after a restart, names the database and the reason, opens Backups, and can be dismissed", async () => {
    host = await startWebHostProcess({ dataDir });
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new ProfilesPage(b.page).addFor(db, "Nightly");
    await new OverviewPage(b.page).waitForLoaded();
    // leave the page first, so it does not keep knocking on the stopped host
    await b.page.goto("about:blank");
    await host.stop();

    // a schedule created long ago for a database that has since gone: due at the next start
    const { profiles } = JSON.parse(await readFile(join(dataDir, "profiles.json"), "utf8")) as {
      profiles: Array<{ id: string }>;
    };
    const schedule = {
      id: "nightly",
      profileId: profiles[0]!.id,
      database: `${db.name}_gone`,
      folder,
      format: "custom",
      scope: "full",
      time: "00:00",
      createdAt: "2020-01-01T00:00:00.000Z",
    };
    await writeFile(
      join(dataDir, "backup-schedules.json"),
      JSON.stringify({ version: 1, schedules: [schedule] }),
    );

    host = await startWebHostProcess({ dataDir });
    await shell.open(host.launchUrl);
    const banner = b.page.getByTestId("schedule-failure");
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toMatch(
      new RegExp(`Scheduled backup of ${db.name}_gone failed at .*does not exist`),
    );

    await banner.getByRole("button", { name: "Open Backups" }).click();
    await b.page.getByTestId("backups-page").waitFor();
    await expect(shell.currentProfile().textContent()).resolves.toBe("Nightly");

    await banner.getByRole("button", { name: "Dismiss" }).click();
    await b.page.getByTestId("schedule-failures").waitFor({ state: "detached" });
    expect(await cspViolations(b.page)).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
