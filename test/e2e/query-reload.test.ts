import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { until } from "../harness/until";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { QueryPage } from "./pages/query.page";
import { ShellPage } from "./pages/shell.page";
import { launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("a reloaded page leaves no query session behind", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_reload");
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await db?.drop();
  });

  const openTransactions = async () =>
    (
      await db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'pgdesk' AND state = 'idle in transaction'",
        [db.name],
      )
    ).rows[0]!.n;

  it("closes the tab's session (rolling back its open transaction) when the page reloads", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new ProfilesPage(b.page).addFor(db, "Reload");
    await new OverviewPage(b.page).waitForLoaded();
    await shell.goTo("query");
    const query = new QueryPage(b.page);
    await query.waitForEditor();
    // Run takes the statement under the caret: one statement per run
    for (const statement of ["BEGIN", "CREATE TABLE left_open (x int)"]) {
      await query.paste(statement);
      await query.run();
      await query.waitUntilIdle();
    }
    await until(async () => (await openTransactions()) === 1, "the tab's open transaction", 15_000);

    await b.page.reload();
    await until(
      async () => (await openTransactions()) === 0,
      "the session to close after the reload",
      15_000,
    );
    const { rows } = await db.pool.query("SELECT to_regclass('left_open') AS t");
    expect(rows[0].t).toBeNull();
  });
});
