import { describe, expect, it } from "vitest";
import { until } from "../harness/until";
import { useE2eApp } from "./support/e2e-app";

describe("a reloaded page leaves no query session behind", () => {
  const app = useE2eApp({ database: { prefix: "e2e_reload" }, profile: "Reload", area: "query" });

  const openTransactions = async () =>
    (
      await app.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'pgdesk' AND state = 'idle in transaction'",
        [app.db.name],
      )
    ).rows[0]!.n;

  it("closes the tab's session (rolling back its open transaction) when the page reloads", async () => {
    const { query } = app.pages;
    await query.waitForEditor();
    // Run takes the statement under the caret: one statement per run
    for (const statement of ["BEGIN", "CREATE TABLE left_open (x int)"]) {
      await query.paste(statement);
      await query.run();
      await query.waitUntilIdle();
    }
    await until(async () => (await openTransactions()) === 1, "the tab's open transaction", 15_000);

    await app.page.reload();
    await until(
      async () => (await openTransactions()) === 0,
      "the session to close after the reload",
      15_000,
    );
    const { rows } = await app.db.pool.query("SELECT to_regclass('left_open') AS t");
    expect(rows[0].t).toBeNull();
  });
});
