import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { loginFor, useE2eApp } from "./support/e2e-app";

/*
 * Issue #17 as a user meets it: an inheritance parent shows its children's rows unless
 * asked for its own only (counted the same way), and the whole-database script, taken
 * from the Database script tab, runs in a new, empty database from the query editor.
 */
describe("schema fidelity in Chromium", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_fidelity",
      seed: `
      CREATE TABLE vehicles (id int PRIMARY KEY, wheels int CHECK (wheels >= 0));
      CREATE TABLE cars (doors int NOT NULL DEFAULT 4) INHERITS (vehicles);
      CREATE TABLE bikes (bell boolean) INHERITS (vehicles);
      INSERT INTO vehicles VALUES (1, 4), (2, 3);
      INSERT INTO cars VALUES (1, 4, 4), (11, 4, 5);
      INSERT INTO bikes VALUES (20, 2, true);
      CREATE VIEW wheel_count AS SELECT sum(wheels) AS n FROM vehicles;
      ANALYZE;`,
    },
    profile: "Fidelity 15",
    area: "schema",
  });
  let empty: FreshDatabase;
  beforeAll(async () => {
    empty = await freshDatabase(15, "e2e_replay");
  });
  afterAll(() => empty?.drop());

  it("shows an inheritance parent with its children, or its own rows only, counted the same way", async () => {
    const { schema } = app.pages;
    await schema.waitForLoaded();
    await schema.treeRow("table:public.vehicles").click();
    await schema.openTab("data");
    await app.page.getByTestId("children-choice").waitFor();
    // a child's key repeats its parent's (id 1 in vehicles and cars): all five rows are there
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 5);
    expect(await app.page.getByTestId("key-note").textContent()).toContain("child");
    await app.page.getByTestId("row-count-exact").click();
    expect(await app.page.getByTestId("row-exact").textContent()).toBe("5 rows (exact)");
    await app.page.getByTestId("this-table-only").check();
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="data-row"]').length === 2);
    await app.page.getByTestId("row-count-exact").click();
    expect(await app.page.getByTestId("row-exact").textContent()).toBe("2 rows (exact)");
  });

  it("runs the whole-database script in a new database from the editor", async () => {
    const { schema, query } = app.pages;
    await schema.openTab("script");
    await app.page.getByTestId("script-data").check();
    await app.page.getByTestId("script-make").click();
    await app.page.getByTestId("script-text").waitFor();
    const script = (await app.page.getByTestId("script-text").textContent()) ?? "";
    expect(script).toContain('CREATE TABLE "public"."cars"');

    await app.addProfile(loginFor(empty, "Replay 15"));
    await app.pages.shell.goTo("query");
    await query.waitForEditor();
    await query.paste(script);
    // the whole script, not the statement at the caret
    await app.page.getByTestId("run-all").click();
    await query.waitUntilIdle();
    expect(await query.statementError().allTextContents()).toEqual([]);

    const { rows } = await empty.pool.query<{ n: string }>(
      "SELECT (SELECT count(*) FROM vehicles) || '/' || (SELECT count(*) FROM ONLY vehicles) || '/' || (SELECT n FROM wheel_count) AS n",
    );
    expect(rows[0]!.n).toBe("5/2/17");
    await app.expectNoProblems();
  });
});
