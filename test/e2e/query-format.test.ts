import { beforeAll, describe, expect, it } from "vitest";
import { useE2eApp } from "./support/e2e-app";

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
  const app = useE2eApp({
    database: {
      prefix: "e2e_query_format",
      seed: `CREATE TABLE items AS SELECT g AS id, 'item ' || g AS label, (g * 1.5)::numeric(12,2) AS price,
                                 jsonb_build_object('k', 'v' || g) AS doc FROM generate_series(1, 5) g`,
    },
    profile: "Format 15",
    area: "query",
  });
  beforeAll(() => app.pages.query.waitForEditor());

  it("formats a messy query with the Format button, runs it, and one undo restores the original", async () => {
    const { query, sqlEditor: editor } = app.pages;
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
    const { sqlEditor: editor } = app.pages;
    await editor.press("Shift+Alt+F");
    await editor.waitForText(FORMATTED);
    await editor.press("ControlOrMeta+Z");
    await editor.waitForText(MESSY);
  });

  it("formats only the selection with DataGrip's Ctrl+Alt+L", async () => {
    const { query, sqlEditor: editor } = app.pages;
    await query.paste("select   1 ;\nselect a,b from t where a=1");
    await editor.selectLastLine();
    await editor.keys("ControlOrMeta+Alt+L");
    await editor.waitForText("select   1 ;\nselect\n  a,\n  b\nfrom\n  t\nwhere\n  a = 1");
  });

  it("refuses to format what it would change in meaning, says why, and leaves the text alone", async () => {
    const { query, sqlEditor: editor } = app.pages;
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
    await app.page.keyboard.type(" ");
    await editor.formatMessage().waitFor({ state: "detached" });
  });

  it("ran without CSP violations or console errors", async () => {
    await app.expectNoProblems();
  });
});
