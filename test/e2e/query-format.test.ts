import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { QueryPage } from "./pages/query.page";
import { ShellPage } from "./pages/shell.page";
import { SqlEditorPage } from "./pages/sql-editor.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

const MESSY =
  "select id,label  ,price::text as p,doc->>'k' as k from items where id>$$1$$::int or label='a' -- keep me\norder by id";
const FORMATTED = [
  "select",
  "  id,",
  "  label,",
  "  price::text as p,",
  "  doc ->> 'k' as k",
  "from",
  "  items",
  "where",
  "  id > $$1$$::int",
  "  or label = 'a' -- keep me",
  "order by",
  "  id",
].join("\n");

describe("a developer formatting SQL in the Query editor", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;
  let query: QueryPage;
  let editor: SqlEditorPage;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_query_format");
    await db.pool
      .query(`CREATE TABLE items AS SELECT g AS id, 'item ' || g AS label, (g * 1.5)::numeric(12,2) AS price,
                                 jsonb_build_object('k', 'v' || g) AS doc FROM generate_series(1, 5) g`);
    host = await startWebHostProcess();
    b = await launchBrowser();
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new ProfilesPage(b.page).addFor(db, "Format 15");
    await new OverviewPage(b.page).waitForLoaded();
    await shell.goTo("query");
    query = new QueryPage(b.page);
    editor = new SqlEditorPage(b.page);
    await query.waitForEditor();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await db?.drop();
  });

  it("formats a messy query with the Format button, runs it, and one undo restores the original", async () => {
    await query.paste(MESSY);
    await editor.waitForText(MESSY);
    await editor.clickFormat();
    await editor.waitForText(FORMATTED);
    expect(await editor.formatMessage().count()).toBe(0);
    await query.run();
    await query.row(0).waitFor();
    expect(await query.row(0).getByTestId("grid-cell").allTextContents()).toEqual([
      "2",
      "item 2",
      "3.00",
      "v2",
    ]);
    await editor.press("ControlOrMeta+Z");
    await editor.waitForText(MESSY);
  });

  it("formats with Shift+Alt+F (Monaco's Format Document action)", async () => {
    await editor.press("Shift+Alt+F");
    await editor.waitForText(FORMATTED);
    await editor.press("ControlOrMeta+Z");
    await editor.waitForText(MESSY);
  });

  it("formats only the selection with DataGrip's Ctrl+Alt+L", async () => {
    await query.paste("select   1 ;\nselect a,b from t where a=1");
    await editor.selectLastLine();
    await editor.keys("ControlOrMeta+Alt+L");
    await editor.waitForText("select   1 ;\nselect\n  a,\n  b\nfrom\n  t\nwhere\n  a = 1");
  });

  it("refuses to format what it would change in meaning, says why, and leaves the text alone", async () => {
    // 'a' newline 'b' is one string in PostgreSQL; on one line it would be a syntax error
    const sql = "select 'a'\n'b' as s";
    await query.paste(sql);
    await editor.clickFormat();
    await editor.formatMessage().waitFor();
    expect(await editor.formatMessage().textContent()).toContain(
      "formatting would change the meaning of this SQL",
    );
    expect(await editor.text()).toBe(sql);
    // the message goes away once the text changes
    await editor.focus();
    await b.page.keyboard.type(" ");
    await editor.formatMessage().waitFor({ state: "detached" });
  });

  it("ran without CSP violations or console errors", async () => {
    expect(await cspViolations(b.page)).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
