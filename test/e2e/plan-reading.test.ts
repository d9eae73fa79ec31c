import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { FreshDatabase } from "../harness/database";
import { passfileFor } from "../integration/explain/plan-corpus/psql-render";
import { useE2eApp } from "./support/e2e-app";
const JOIN_SQL =
  "SELECT o.status, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.region = 'north' GROUP BY o.status ORDER BY 2 DESC";

/** What Debian's psql 15 prints for `script` (echoing every line it reads, as a session log has). */
function psqlSession(db: FreshDatabase, passfile: string, script: string): Promise<string> {
  const c = db.connection;
  return new Promise((resolve, reject) => {
    const child = spawn(
      "/usr/bin/psql",
      ["-X", "-a", "-h", c.host, "-p", String(c.port), "-U", c.user, "-d", c.database, "-f", "-"],
      { env: { ...process.env, PGPASSFILE: passfile, PGPASSWORD: "", PAGER: "" }, stdio: "pipe" },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 && !err ? resolve(out) : reject(new Error(`psql ${code}: ${err}`)),
    );
    child.stdin.end(script);
  });
}

describe("reading plans as they reach a person, and explaining what the editor holds", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_plan_reading",
      seed: `CREATE TABLE customers (id int PRIMARY KEY, region text NOT NULL);
      INSERT INTO customers SELECT g, (ARRAY['north', 'south', 'east'])[g % 3 + 1] FROM generate_series(1, 3000) g;
      CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL);
      INSERT INTO orders SELECT g, g % 3000 + 1, CASE WHEN g % 7 = 0 THEN 'refunded' ELSE 'paid' END FROM generate_series(1, 60000) g;
      ANALYZE customers; ANALYZE orders;`,
    },
    area: "plans",
  });
  /** A psql session on the test's database, its password in a 0600 passfile. */
  const session = async (script: string) => {
    const passfile = await passfileFor(app.db.connection);
    try {
      return await psqlSession(app.db, passfile.path, script);
    } finally {
      await passfile.remove();
    }
  };

  it("reads a psql session with a bordered, wrapped plan as the server's JSON of the same plan", async () => {
    const { rows } = await app.db.pool.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) ${JOIN_SQL}`);
    const printed = await session(
      [
        "-- the slow report, as run on the server",
        "\\timing on",
        "SET work_mem = '4MB';",
        "\\pset border 2",
        "\\pset format wrapped",
        "\\pset columns 50",
        `EXPLAIN ${JOIN_SQL};`,
        "",
      ].join("\n"),
    );
    // the terminal was narrow: psql wrapped the plan's lines inside its frame
    expect(printed).toMatch(/^\|.*\.\|\n\|\./m);
    expect(printed).toContain("Time:");

    const { plans } = app.pages;
    await plans.paste("b", "");
    await plans.paste("a", JSON.stringify(rows[0]!["QUERY PLAN"]));
    await plans.show();
    await plans.viewer().waitFor();
    const fromJson = await plans.nodeLabels().allTextContents();
    expect(fromJson.length).toBeGreaterThan(3);

    await plans.paste("a", printed.replace(/\n/g, "\r\n"));
    await plans.show();
    await app.page.getByTestId("plan-reading-note").waitFor();
    await expect(plans.nodeLabels().allTextContents()).resolves.toEqual(fromJson);
    // what came with the plan (the echoed commands, \timing's line) is named, not read as nodes
    expect(await app.page.getByTestId("plan-skipped").textContent()).toMatch(/SET work_mem/);
  });

  it("says a paste holds several plans and lets the user pick one", async () => {
    const printed = await session(
      [
        "\\pset border 1",
        "EXPLAIN SELECT * FROM orders WHERE id = 5;",
        "\\pset expanded on",
        `EXPLAIN ${JOIN_SQL};`,
        "",
      ].join("\n"),
    );
    const { plans } = app.pages;
    await plans.paste("a", printed);
    await plans.show();
    await app.page.getByTestId("plan-picker").waitFor();
    expect(await app.page.getByTestId("plan-picker").textContent()).toContain("2 plans in this paste");
    await expect(plans.nodeLabels().allTextContents()).resolves.toEqual([
      "Index Scan using orders_pkey on orders",
    ]);
    await app.page.getByTestId("plan-picker-select").selectOption("1");
    await plans.nodeLabels().filter({ hasText: "Seq Scan on customers" }).waitFor();
  });

  it("refuses text that is not a plan, quoting the line", async () => {
    const { plans } = app.pages;
    await plans.paste("a", "Hi! here is the plan you asked for:\nI think it is slow because of the join");
    await plans.show();
    await app.page.getByTestId("plan-refusal").waitFor();
    expect(await app.page.getByTestId("plan-refusal-line").textContent()).toContain("Hi! here is the plan");
    expect(await plans.nodeLabels().count()).toBe(0);
  });

  it("explains analyze what the editor holds now, after an edit, and pins that plan", async () => {
    await app.addProfile("Plans 15");
    await app.pages.shell.goTo("query");
    const { query } = app.pages;
    await query.waitForEditor();
    const panel = query.explainPanel();
    const ranSql = panel.getByTestId("explain-ran-sql");

    const first = "SELECT * FROM orders WHERE id < 100";
    await query.paste(first);
    await app.page.getByTestId("explain-analyze").click();
    await panel.getByTestId("plan-node-label").filter({ hasText: "orders_pkey" }).first().waitFor();
    expect(await ranSql.textContent()).toBe(first);

    // edited after the first run: the panel's own button explains the new text
    const second = "SELECT status, count(*) FROM orders GROUP BY status";
    await query.paste(second);
    await panel.getByTestId("explain-stale").waitFor();
    await panel.getByTestId("explain-run").click();
    await panel.getByTestId("plan-node-label").filter({ hasText: "Seq Scan on orders" }).first().waitFor();
    expect(await ranSql.textContent()).toBe(second);
    expect(await panel.getByTestId("explain-ran-options").textContent()).toContain("ANALYZE");
    await panel.getByTestId("explain-pin").click();
    expect(await panel.getByTestId("pinned-sql").textContent()).toBe(second);

    // and the toolbar's button, after another edit
    const third = "SELECT count(*) FROM customers WHERE region = 'east'";
    await query.paste(third);
    await app.page.getByTestId("explain-analyze").click();
    await panel.getByTestId("plan-node-label").filter({ hasText: "Seq Scan on customers" }).first().waitFor();
    expect(await ranSql.textContent()).toBe(third);
    expect(await panel.getByTestId("pinned-sql").textContent()).toBe(second);
  });

  it("shows no misestimate tip on a scan a LIMIT stopped early", async () => {
    const { query } = app.pages;
    const panel = query.explainPanel();
    const sql = "SELECT * FROM orders WHERE status = 'paid' LIMIT 5";
    await query.paste(sql);
    await app.page.getByTestId("explain-analyze").click();
    await panel.getByTestId("explain-ran-sql").filter({ hasText: "LIMIT 5" }).waitFor();
    const scan = panel.getByTestId("plan-node").filter({ hasText: "Seq Scan on orders" });
    // planned ~51,000 rows, got 5: the LIMIT stopped it, which the tree says instead of a tip
    await scan.getByTestId("plan-node-early-stop").waitFor();
    expect(await panel.locator('[data-testid="plan-tip"][data-tip-kind="misestimate"]').count()).toBe(0);
  });

  it("compares this run with an earlier run of the same query from plan history, in one choice", async () => {
    const { query } = app.pages;
    const panel = query.explainPanel();
    await query.paste("SELECT * FROM orders WHERE customer_id = 42");
    await app.page.getByTestId("explain-analyze").click();
    await panel.getByTestId("explain-ran-sql").filter({ hasText: "= 42" }).waitFor();
    await app.db.pool.query("CREATE INDEX orders_customer ON orders (customer_id)");
    // other constant, other spacing: the same query
    await query.paste("select *  from orders\nwhere customer_id = 7");
    await app.page.getByTestId("explain-analyze").click();
    await panel.getByTestId("plan-node-label").filter({ hasText: "orders_customer" }).first().waitFor();
    await panel.getByTestId("explain-history").filter({ hasText: "1 earlier run of this query" }).waitFor();
    await panel.getByTestId("explain-history-select").selectOption({ index: 1 });
    await panel.getByTestId("explain-history-compare").waitFor();
    expect(await panel.getByTestId("plan-compare-nodes").textContent()).toMatch(
      /Seq Scan on orders.*orders_customer/,
    );
  });
});
