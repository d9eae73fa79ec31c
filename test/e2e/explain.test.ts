import { mkdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { useE2eApp } from "./support/e2e-app";

const XSS = `<img src=x onerror="window.__planXss=1">`;

const before = ` Gather  (cost=1000.00..5240.41 rows=2 width=58) (actual time=58.678..71.369 rows=2 loops=1)
   Workers Planned: 1
   Workers Launched: 1
   Buffers: shared hit=2387
   ->  Parallel Seq Scan on orders  (cost=0.00..4240.21 rows=1 width=58) (actual time=29.429..54.884 rows=1 loops=2)
         Filter: ((note = '${XSS}'::text) AND (status = 'refunded'::text))
         Rows Removed by Filter: 99999
         Buffers: shared hit=2387
 Planning Time: 0.099 ms
 Execution Time: 71.396 ms`;

const after = ` Index Scan using orders_note on orders  (cost=0.42..8.44 rows=1 width=58) (actual time=0.020..0.021 rows=2 loops=1)
   Index Cond: (note = '${XSS}'::text)
   Filter: (status = 'refunded'::text)
   Buffers: shared hit=4
 Planning Time: 0.120 ms
 Execution Time: 0.045 ms`;

describe("reading a pasted plan in the Plans area", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_explain",
      seed: `CREATE TABLE orders (id int PRIMARY KEY, status text NOT NULL, note text NOT NULL);
      INSERT INTO orders SELECT g, CASE WHEN g % 5000 = 0 THEN 'refunded' ELSE 'paid' END, 'note ' || g FROM generate_series(1, 50000) g;
      ANALYZE orders;`,
    },
    area: "plans",
  });

  it("shows the plan tree and a tip pointing at the seq scan, with markup kept as text", async () => {
    const { plans } = app.pages;
    await plans.paste("a", before);
    await plans.show();
    await plans.viewer().waitFor();

    const tip = plans.tip("seq-scan-filter");
    await tip.waitFor();
    expect(await tip.textContent()).toContain(
      "Sequential scan on orders throws away 99.9% of the rows it reads",
    );
    await expect(plans.nodeLabels().allTextContents()).resolves.toEqual([
      "Gather",
      "Parallel Seq Scan on orders",
    ]);

    await tip.getByTestId("plan-tip-show").click();
    await expect(plans.selectedNode().getAttribute("data-node-id")).resolves.toBe("1");
    // the filter with an <img onerror> payload is shown literally, never parsed as HTML
    await expect(plans.details().textContent()).resolves.toContain(XSS);
    expect(await app.page.locator("img").count()).toBe(0);
    expect(
      await app.page.evaluate(() => (window as unknown as { __planXss?: number }).__planXss),
    ).toBeUndefined();

    await app.page.getByTestId("plan-tab-flame").click();
    await expect(app.page.getByTestId("plan-flame-box").count()).resolves.toBe(2);
    await mkdir("docs", { recursive: true });
    await app.page.getByTestId("plan-tab-tree").click();
    await app.page.screenshot({ path: "docs/screenshot-plan.png", fullPage: true });
  });

  it("compares it with the plan after an index, node against node", async () => {
    const { plans } = app.pages;
    await plans.paste("b", after);
    await plans.show();
    await app.page.getByTestId("plan-compare").waitFor();
    const rows = plans.compareRows();
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(0).getAttribute("data-status")).resolves.toBe("removed");
    await expect(rows.nth(1).getAttribute("data-status")).resolves.toBe("changed");
    expect(await rows.nth(1).textContent()).toContain("Index Scan using orders_note on orders");
    expect(await app.page.getByTestId("compare-execution").textContent()).toMatch(
      /71\.4 ms.*0\.045 ms.*−99\.9% \(÷1587\)/,
    );
    await app.page.screenshot({ path: "docs/screenshot-plan-compare.png", fullPage: true });
    await app.expectNoProblems();
  });

  it("explains analyze a statement on a connection, pins it, and compares with the plan after an index", async () => {
    const { db } = app;
    await app.addProfile("Explain 15");
    await app.pages.shell.goTo("plans");

    const sql = "SELECT * FROM orders WHERE status = 'refunded'";
    await app.page.getByTestId("plans-explain-sql").fill(sql);
    await app.page.getByTestId("explain-option-analyze").check();
    await app.page.getByTestId("explain-analyze-note").waitFor();
    await app.page.getByTestId("explain-run").click();
    const panel = app.page.getByTestId("explain-panel");
    await panel.locator('[data-testid="plan-tip"][data-tip-kind="seq-scan-filter"]').waitFor();
    await panel.getByTestId("explain-warnings").waitFor();
    await panel.getByTestId("explain-pin").click();

    await db.pool.query("CREATE INDEX orders_status ON orders (status)");
    await app.page.getByTestId("explain-run").click();
    await panel.locator('[data-testid="plan-node-label"]', { hasText: "orders_status" }).first().waitFor();
    await panel.getByTestId("explain-compare").click();
    const rows = panel.getByTestId("plan-compare-row");
    await rows.first().waitFor();
    const statuses = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    expect(statuses).toContain("changed");
    expect(await panel.getByTestId("plan-compare-nodes").textContent()).toMatch(
      /Seq Scan on orders.*orders_status/,
    );
    // the rows the plan ran over are all still there
    expect((await db.pool.query("SELECT count(*)::int AS n FROM orders")).rows[0].n).toBe(50000);
    await app.page.screenshot({ path: "docs/screenshot-explain-compare.png", fullPage: true });
    expect(app.browser.problems).toEqual([]);
  });

  it("shows a 2,000-node plan by rendering only the rows on screen", async () => {
    const leaf = (i: number) => ({
      "Node Type": "Seq Scan",
      "Relation Name": `part_${i}`,
      Alias: `part_${i}`,
      "Parent Relationship": "Member",
      "Startup Cost": 0,
      "Total Cost": 10,
      "Plan Rows": 10,
      "Plan Width": 4,
      "Actual Startup Time": 0.01,
      "Actual Total Time": 0.5,
      "Actual Rows": 10,
      "Actual Loops": 1,
    });
    const plan = [
      {
        Plan: {
          "Node Type": "Append",
          "Startup Cost": 0,
          "Total Cost": 20000,
          "Plan Rows": 20000,
          "Plan Width": 4,
          "Actual Startup Time": 0.01,
          "Actual Total Time": 1000,
          "Actual Rows": 20000,
          "Actual Loops": 1,
          Plans: Array.from({ length: 2000 }, (_, i) => leaf(i)),
        },
        "Execution Time": 1001,
      },
    ];
    const { plans, shell } = app.pages;
    await shell.goTo("plans");
    await plans.paste("b", "");
    await plans.paste("a", JSON.stringify(plan));
    await plans.show();
    await expect(app.page.getByTestId("plan-node-count").textContent()).resolves.toBe("2001");
    const rendered = await app.page.getByTestId("plan-node").count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    // scrolling to the end brings the last partition into view
    await app.page.getByTestId("plan-tree-scroll").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await app.page.locator('[data-testid="plan-node-label"]', { hasText: "Seq Scan on part_1999" }).waitFor();
  });
});
