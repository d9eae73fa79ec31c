import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeFolder, tempFolder } from "../integration/backup/support";
import { useE2eApp } from "./support/e2e-app";

/**
 * A nightly backup that failed while nobody looked at the Backups page: the next time the
 * app opens, every screen says so until the user dismisses it.
 */
describe("a failed scheduled backup is shown above every screen", () => {
  const app = useE2eApp({ database: { prefix: "e2e_sched" }, profile: "Nightly" });
  let folder: string;

  beforeAll(async () => {
    folder = await tempFolder("pgdesk-e2e-sched-bk-");
  });
  afterAll(() => removeFolder(folder));

  it("after a restart, names the database and the reason, opens Backups, and can be dismissed", async () => {
    const { db } = app;
    await app.stopHost();

    // a schedule created long ago for a database that has since gone: due at the next start
    const { profiles } = JSON.parse(await readFile(join(app.dataDir, "profiles.json"), "utf8")) as {
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
      join(app.dataDir, "backup-schedules.json"),
      JSON.stringify({ version: 1, schedules: [schedule] }),
    );

    await app.startHost();
    const banner = app.page.getByTestId("schedule-failure");
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toMatch(
      new RegExp(`Scheduled backup of ${db.name}_gone failed at .*does not exist`),
    );

    await banner.getByRole("button", { name: "Open Backups" }).click();
    await app.page.getByTestId("backups-page").waitFor();
    await expect(app.pages.shell.currentProfile().textContent()).resolves.toBe("Nightly");

    await banner.getByRole("button", { name: "Dismiss" }).click();
    await app.page.getByTestId("schedule-failures").waitFor({ state: "detached" });
    await app.expectNoProblems();
  });
});
