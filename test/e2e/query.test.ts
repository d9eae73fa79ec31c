import { beforeAll, describe, expect, it } from "vitest";
import { until } from "../harness/until";
import type { QueryPage } from "./pages/query.page";
import { useE2eApp } from "./support/e2e-app";

const XSS = "<img src=x onerror=alert(1)>";

describe("a developer running SQL in the Query area", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_query",
      seed: `CREATE TABLE items AS SELECT g AS id, md5(g::text) AS label, (g * 1.5)::numeric(12,2) AS price,
                                 CASE WHEN g % 10 = 0 THEN NULL ELSE '' END AS note FROM generate_series(1, 25000) g`,
    },
    profile: "Query 15",
    area: "query",
  });
  let query: QueryPage;
  const dialogs: string[] = [];

  beforeAll(async () => {
    app.page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    query = app.pages.query;
    await query.waitForEditor();
  });

  it("pastes a query, runs it and scrolls through the rows up to the row cap, then loads all", async () => {
    await query.paste(`SELECT id, label, price, note, '${XSS}' AS "${XSS}" FROM items ORDER BY id`);
    await query.runWithShortcut();
    await query.row(0).waitFor();
    await expect(query.headers().allTextContents()).resolves.toEqual([
      "idinteger",
      "labeltext",
      "pricenumeric(12,2)",
      "notetext",
      `${XSS}text`,
    ]);
    const first = await query.row(0).getByTestId("grid-cell").allTextContents();
    expect(first).toEqual(["1", "c4ca4238a0b923820dcc509a6f75849b", "1.50", "", XSS]);
    // NULL shows distinctly from the empty string
    expect(await query.row(9).getByTestId("grid-cell").nth(3).getAttribute("data-null")).toBe("true");
    expect(await query.row(8).getByTestId("grid-cell").nth(3).getAttribute("data-null")).toBeNull();
    // only the visible rows exist in the page
    expect(await query.grid().getByTestId("grid-row").count()).toBeLessThan(100);

    await query.scrollGridToBottom();
    await query.row(9999).waitFor();
    if (process.env.PGDESK_E2E_SHOTS)
      await app.page.screenshot({ path: `${process.env.PGDESK_E2E_SHOTS}/query-grid.png` });
    expect(await query.row(9999).getByTestId("grid-cell").first().textContent()).toBe("10000");
    await query.loadAll();
    await app.page.getByTestId("result-tab").filter({ hasText: "25,000)" }).waitFor();
    await query.scrollGridToBottom();
    await query.row(24999).waitFor();
    expect(await query.row(24999).getByTestId("grid-cell").first().textContent()).toBe("25000");
  });

  it("keeps markup from the server as text", async () => {
    expect(await app.page.locator("img[src='x']").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await query.row(24999).getByTestId("grid-cell").nth(4).dblclick();
    await expect(app.page.getByTestId("cell-viewer-value").textContent()).resolves.toBe(XSS);
  });

  it("shows an error with its SQLSTATE and marks its position in the editor", async () => {
    await query.paste("SELECT id,\n       nope\nFROM items");
    await query.run();
    await query.statementError().waitFor();
    expect(await query.statementError().textContent()).toContain('column "nope" does not exist');
    expect(await query.statementError().textContent()).toContain("SQLSTATE 42703");
    await query.editorErrorMarker().first().waitFor();
    if (process.env.PGDESK_E2E_SHOTS)
      await app.page.screenshot({ path: `${process.env.PGDESK_E2E_SHOTS}/query-error.png` });
  });

  it("keeps a transaction open between runs and shows its state", async () => {
    await query.paste("BEGIN");
    await query.run();
    await app.page.locator('[data-testid="tx-state"][data-state="in-transaction"]').waitFor();
    await query.paste("SELECT 1/0");
    await query.run();
    await app.page.locator('[data-testid="tx-state"][data-state="failed"]').waitFor();
    await query.paste("ROLLBACK");
    await query.run();
    await app.page.locator('[data-testid="tx-state"][data-state="idle"]').waitFor();
  });

  it("cancels a long statement", async () => {
    await query.paste("SELECT pg_sleep(30)");
    await query.run();
    await app.page.locator('[data-testid="cancel"]:not([disabled])').waitFor();
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid="tx-state"]')?.textContent === "running…",
    );
    await until(
      async () =>
        (
          await app.db.pool.query(
            "SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'",
          )
        ).rowCount === 1,
      "the statement to run on the server",
      10_000,
    );
    await query.cancel();
    await query.statementError().waitFor();
    expect(await query.statementError().textContent()).toContain("canceling statement due to user request");
  });

  it("explains the statement under the caret with ANALYZE, sees a tip and compares with the plan after an index", async () => {
    await app.db.pool.query("ANALYZE items");
    await query.paste("SELECT 1;\nSELECT * FROM items WHERE label = 'c4ca4238a0b923820dcc509a6f75849b'");
    await app.page.getByTestId("explain-analyze").click();
    const labels = app.page.getByTestId("plan-node-label");
    await labels.first().waitFor();
    expect(await labels.allTextContents()).toContainEqual(expect.stringMatching(/Seq Scan on items/));
    await app.page.locator('[data-testid="plan-tip"][data-tip-kind="seq-scan-filter"]').waitFor();
    await app.page.getByTestId("explain-pin").click();
    await app.db.pool.query("CREATE INDEX items_label ON items (label)");
    await app.page.getByTestId("explain-run").click();
    await app.page.getByTestId("plan-node-label").filter({ hasText: "items_label" }).first().waitFor();
    await app.page.getByTestId("explain-compare").click();
    await app.page.getByTestId("plan-compare").waitFor();
    expect(await app.page.getByTestId("plan-compare-row").count()).toBeGreaterThan(0);
    await app.page.getByTestId("back-to-results").click();
  });

  it("streams a million rows into the grid and keeps scrolling responsive", async () => {
    await app.page.getByTestId("row-cap").fill("1000000");
    await query.paste("SELECT g AS n, md5(g::text) AS hash, now() AS at FROM generate_series(1, 1000000) g");
    const t0 = Date.now();
    await query.run();
    await app.page.getByTestId("result-tab").filter({ hasText: "(1,000,000)" }).waitFor({ timeout: 120_000 });
    const streamed = Date.now() - t0;
    await query.scrollGridToBottom();
    await query.row(999_999).waitFor();
    expect(await query.row(999_999).getByTestId("grid-cell").first().textContent()).toBe("1000000");
    // a frame of the page while a million rows are loaded: measure a scroll's next paint
    const frameMs = await query.grid().evaluate(
      (el) =>
        new Promise<number>((resolve) => {
          const t = performance.now();
          el.scrollTop = el.scrollHeight / 2;
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
        }),
    );
    await query.row(500_000).or(query.row(499_999)).first().waitFor();
    console.log(
      `query e2e: 1,000,000 rows streamed into the grid in ${streamed} ms; scroll to the middle painted in ${frameMs.toFixed(0)} ms`,
    );
    expect(await query.grid().getByTestId("grid-row").count()).toBeLessThan(100);
  });

  it("suggests the database's table names and keeps a searchable history", async () => {
    await query.paste("SELECT * FROM public");
    await app.page.keyboard.type(".");
    await app.page.locator(".suggest-widget .monaco-list-row", { hasText: "items" }).first().waitFor();
    await app.page.keyboard.press("Escape");
    await query.paste("SELECT 'history probe'");
    await query.run();
    await query.row(0).waitFor();
    await app.page.getByTestId("toggle-history").click();
    await app.page.getByLabel("Search history").fill("HISTORY PROBE");
    await app.page.getByTestId("history-panel").getByText("SELECT 'history probe'").first().waitFor();
    await app.page.getByTestId("toggle-history").click();
  });

  it("ran without CSP violations or console errors", async () => {
    await app.expectNoProblems();
  });
});
