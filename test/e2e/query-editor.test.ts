import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, testServers, type FreshDatabase } from "../harness/database";
import { EditorPage } from "./pages/editor.page";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { ShellPage } from "./pages/shell.page";
import { launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

/** Server round trips on a loaded machine: wait on the condition, not on a clock. */
const settled = { timeout: 20_000 };

const SCHEMA = `
  CREATE TABLE customers (id int PRIMARY KEY, name text, email text);
  CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric, placed_at date);
  INSERT INTO customers SELECT g, 'c' || g, 'c' || g || '@example.com' FROM generate_series(1, 5) g;
  INSERT INTO orders SELECT g, 1 + g % 5, g * 10, DATE '2026-01-01' + g FROM generate_series(1, 20) g;`;

async function addProfile(b: E2EBrowser, db: FreshDatabase, name: string, tag?: string): Promise<void> {
  const profiles = new ProfilesPage(b.page);
  await new ShellPage(b.page).goTo("connections");
  await profiles.startNew();
  await profiles.fill({
    name,
    host: "127.0.0.1",
    port: db.server.port,
    database: db.name,
    user: db.server.user,
    password: db.server.password,
  });
  if (tag) await b.page.getByTestId("profile-form").locator('select[name="tag"]').selectOption(tag);
  await profiles.save();
  await new OverviewPage(b.page).waitForLoaded();
}

describe("query tabs survive a reload and a crash of the web host", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;
  let dataDir: string;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_tabs");
    host = await startWebHostProcess();
    dataDir = host.dataDir;
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    // the host restarted on the first one's folder, which the first (killed) never removed
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  it("brings back three tabs' text, caret, profile and re-runnable results after a reload", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await addProfile(b, db, "Tabs");
    await shell.goTo("query");
    const editor = new EditorPage(b.page);
    await editor.waitForEditor();
    const texts = ["SELECT 1 AS one", "SELECT 2 AS two", "SELECT 3 AS three"];
    for (const [i, sql] of texts.entries()) {
      if (i > 0) await editor.newTab();
      await editor.paste(sql);
    }
    await editor.runWithShortcut();
    await editor.row(0).waitFor();
    // the caret of the last tab goes after "SELECT 3"
    await b.page.keyboard.press("Home");
    for (let i = 0; i < "SELECT 3".length; i++) await b.page.keyboard.press("ArrowRight");
    await editor.waitUntilSaved();

    await b.page.reload();
    await editor.waitForEditor();
    await expect.poll(() => editor.tabs().count(), settled).toBe(3);
    await expect.poll(() => shell.currentProfile().textContent(), settled).toBe("Tabs");
    // the page shows the tab that was active, with its caret where it was
    expect(await editor.text()).toBe("SELECT 3 AS three");
    // the last run is offered again (not run by itself: it may write)
    await b.page.getByTestId("rerun").click();
    await expect.poll(() => editor.headers().allTextContents(), settled).toEqual(["threeinteger"]);
    await editor.focusEditor();
    await b.page.keyboard.type("0");
    await expect.poll(() => editor.text(), settled).toBe("SELECT 30 AS three");
    for (const [i, sql] of texts.slice(0, 2).entries()) {
      await editor.showTab(i);
      await expect.poll(() => editor.text(), settled).toBe(sql);
    }
  });

  it("loses at most the text not yet saved when the web host is killed mid-typing", async () => {
    const editor = new EditorPage(b.page);
    await editor.showTab(0);
    const first = "SELECT 'saved before the kill' AS a";
    await editor.paste(first);
    await editor.waitUntilSaved();
    // the user keeps typing without a pause for longer than a second: the autosave does not wait for one
    // no quotes or brackets: Monaco closes those ahead of the caret, so a save mid-word would hold
    // a closing quote the user had not typed yet and the saved text would be no prefix of the typing
    const tail = ", 1 AS typed_while_it_ran, 2 AS and_more_of_it, 3 AS still_typing, 4 AS done";
    await b.page.keyboard.type(tail, { delay: 40 });
    await host.kill();

    host = await startWebHostProcess({ dataDir });
    await new ShellPage(b.page).open(host.launchUrl);
    await editor.waitForEditor();
    await editor.showTab(0);
    const back = await editor.text();
    expect(back.startsWith(first)).toBe(true);
    expect((first + tail).startsWith(back)).toBe(true);
    // some of the tail was saved while the user was still typing
    expect(back.length).toBeGreaterThan(first.length);
  });
  it("reaches pages and the tab's actions from the command palette, and lists the shortcuts in one sheet", async () => {
    const editor = new EditorPage(b.page);
    await new ShellPage(b.page).goTo("overview");
    await b.page.keyboard.press("ControlOrMeta+K");
    const palette = b.page.getByTestId("command-palette");
    await b.page.getByTestId("palette-input").fill("go to query");
    await b.page.keyboard.press("Enter");
    await palette.waitFor({ state: "detached" });
    await editor.waitForEditor();

    const before = await editor.tabs().count();
    await b.page.keyboard.press("ControlOrMeta+Shift+P");
    await b.page.getByTestId("palette-input").fill("new query tab");
    await b.page.keyboard.press("Enter");
    await expect.poll(() => editor.tabs().count(), settled).toBe(before + 1);

    await b.page.keyboard.press("F1");
    const sheet = b.page.getByTestId("help-sheet");
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain("Roll back the tab's transaction");
    await b.page.keyboard.press("Escape");
    await sheet.waitFor({ state: "detached" });
  });
});

// every major the run started: the e2e project names 15 (provide.pgMajors), a run with 18 covers it too
describe.each(testServers().map((s) => s.major))("the query editor on PostgreSQL %i", (major) => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let work: FreshDatabase;
  let prod: FreshDatabase;
  let editor: EditorPage;
  let shell: ShellPage;

  const count = async (db: FreshDatabase, table: string) =>
    (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  beforeAll(async () => {
    [work, prod] = await Promise.all([freshDatabase(major, "e2e_work"), freshDatabase(major, "e2e_prod")]);
    await Promise.all([work.pool.query(SCHEMA), prod.pool.query(SCHEMA)]);
    host = await startWebHostProcess();
    b = await launchBrowser();
    shell = new ShellPage(b.page);
    editor = new EditorPage(b.page);
    await shell.open(host.launchUrl);
    await addProfile(b, prod, "Prod", "production");
    await addProfile(b, work, "Work");
    await shell.goTo("query");
    await editor.waitForEditor();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await Promise.all([work?.drop(), prod?.drop()]);
  });

  it("manual-commit mode keeps the change in an open transaction, and Rollback leaves the table unchanged", async () => {
    await editor.setMode("manual");
    await editor.paste("DELETE FROM orders WHERE id <= 5");
    await editor.run();
    await expect.poll(() => editor.txState().getAttribute("data-state"), settled).toBe("in-transaction");
    expect(await count(work, "orders")).toBe(20);
    await editor.rollback();
    await expect.poll(() => editor.txState().getAttribute("data-state"), settled).toBe("idle");
    expect(await count(work, "orders")).toBe(20);
  });

  it("asks before switching profile with an open transaction, and stays when told", async () => {
    await editor.paste("UPDATE customers SET name = 'renamed' WHERE id = 1");
    await editor.run();
    await expect.poll(() => editor.txState().getAttribute("data-state"), settled).toBe("in-transaction");
    const prodId = await editor
      .profileSwitcher()
      .locator("option", { hasText: "Prod" })
      .getAttribute("value");
    await editor.profileSwitcher().selectOption(prodId!);
    await editor.dialog("transaction-dialog").waitFor();
    await editor.answer("stay");
    await expect.poll(() => shell.currentProfile().textContent(), settled).toBe("Work");
    await expect.poll(() => editor.txState().getAttribute("data-state"), settled).toBe("in-transaction");

    await editor.profileSwitcher().selectOption(prodId!);
    await editor.answer("rollback");
    await expect.poll(() => shell.currentProfile().textContent(), settled).toBe("Prod");
    await shell.goTo("query");
    const { rows } = await work.pool.query("SELECT name FROM customers WHERE id = 1");
    expect(rows[0].name).toBe("c1");
  });

  it("on a production profile, DELETE without WHERE asks, showing the statement, and cancelling leaves the rows", async () => {
    await expect.poll(() => shell.currentProfile().textContent(), settled).toBe("Prod");
    await b.page.getByTestId("profile-frame").waitFor();
    await editor.waitForEditor();
    await editor.paste("DELETE FROM orders");
    await editor.run();
    const question = editor.dialog("confirm-statement");
    await question.waitFor();
    expect(await question.getByTestId("ask-code").textContent()).toBe("DELETE FROM orders");
    expect(await question.textContent()).toContain("WHERE");
    await editor.answer("cancel");
    await question.waitFor({ state: "detached" });
    expect(await count(prod, "orders")).toBe(20);
  });

  it("completes the columns of orders only after `o.`, and a CTE's columns", async () => {
    await editor.paste("SELECT  FROM orders o JOIN customers c ON c.id = o.customer_id");
    await b.page.keyboard.press("Home");
    for (let i = 0; i < "SELECT ".length; i++) await b.page.keyboard.press("ArrowRight");
    await b.page.keyboard.type("o.");
    await b.page.keyboard.press("Control+Space");
    await editor.suggestions().first().waitFor();
    await expect
      .poll(async () => (await editor.suggestionLabels()).sort(), settled)
      .toEqual(["customer_id", "id", "placed_at", "total"]);
    await b.page.keyboard.press("Escape");

    await editor.paste(
      "WITH recent AS (SELECT id AS order_id, total AS amount FROM orders) SELECT r. FROM recent r",
    );
    await b.page.keyboard.press("End");
    for (let i = 0; i < " FROM recent r".length; i++) await b.page.keyboard.press("ArrowLeft");
    await b.page.keyboard.press("Control+Space");
    await editor.suggestions().first().waitFor();
    await expect
      .poll(async () => (await editor.suggestionLabels()).sort(), settled)
      .toEqual(["amount", "order_id"]);
    await b.page.keyboard.press("Escape");
  });

  it("switches the profile's database from the top bar and keeps the page", async () => {
    const other = work.name;
    await editor.databaseSwitcher().locator("option", { hasText: other }).waitFor({ state: "attached" });
    await editor.databaseSwitcher().selectOption(other);
    await expect.poll(() => editor.databaseSwitcher().inputValue(), settled).toBe(other);
    await b.page.getByTestId("query-page").waitFor();
    await editor.waitForEditor();
    await editor.paste("SELECT current_database() AS db");
    await editor.run();
    await expect.poll(() => editor.row(0).textContent(), settled).toContain(other);
    expect(await shell.currentProfile().textContent()).toBe("Prod");
  });
});
