import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createPgdeskLayout } from "../integration/audit/layouts.fixture";
import { QueryPage } from "./pages/query.page";
import { SchemaPage } from "./pages/schema.page";
import { ShellPage } from "./pages/shell.page";
import { seriousViolations, type AxeFinding } from "./support/axe";
import { useE2eApp } from "./support/e2e-app";

/** Each page of the app, opened as a user would, and what shows once it has loaded. */
const PAGES: Array<{ name: string; open(page: Page, shell: ShellPage): Promise<void> }> = [
  { name: "connections", open: (p, s) => visit(s, "connections", p.getByTestId("profile-list")) },
  {
    name: "profile form",
    open: async (p, s) => {
      await visit(s, "connections", p.getByTestId("profile-list"));
      await p.getByTestId("profile-new").click();
      await p.getByTestId("profile-form").waitFor();
    },
  },
  { name: "overview", open: (p, s) => visit(s, "overview", p.getByTestId("server-overview")) },
  { name: "dashboard", open: (p, s) => visit(s, "dashboard", p.getByTestId("health-checks")) },
  { name: "activity", open: (p, s) => visit(s, "activity", p.getByTestId("blocking-tree")) },
  {
    name: "query",
    open: (p, s) => visit(s, "query", p.getByTestId("sql-editor").locator(".monaco-editor")),
  },
  {
    name: "query with a result",
    open: async (p, s) => {
      await visit(s, "query", p.getByTestId("sql-editor").locator(".monaco-editor"));
      const query = new QueryPage(p);
      await query.paste("select 1 as one, null as nothing");
      await query.run();
      await query.grid().waitFor();
    },
  },
  { name: "plans", open: (p, s) => visit(s, "plans", p.getByRole("heading").first()) },
  { name: "indexes", open: (p, s) => visit(s, "indexes", p.getByTestId("inventory")) },
  { name: "schema", open: (p, s) => visit(s, "schema", p.getByTestId("schema-tree")) },
  {
    name: "schema ER",
    open: async (p, s) => {
      await visit(s, "schema", p.getByTestId("schema-tree"));
      await p.getByTestId("schema-tab-er").click();
      await p.locator(".react-flow__node").first().waitFor();
    },
  },
  {
    name: "schema data",
    open: async (p, s) => {
      await visit(s, "schema", p.getByTestId("schema-tree"));
      const schema = new SchemaPage(p);
      await schema.openObject("table", "public", "audit_logs");
      await schema.openTab("data");
      await schema.dataGrid().waitFor();
    },
  },
  { name: "audit", open: (p, s) => visit(s, "audit", p.getByTestId("audit-event-row").first()) },
  { name: "backups", open: (p, s) => visit(s, "backups", p.getByTestId("backups-page")) },
];

async function visit(shell: ShellPage, area: string, ready: ReturnType<Page["getByTestId"]>): Promise<void> {
  await shell.goTo(area);
  await ready.waitFor({ timeout: 60_000 });
}

describe("every page passes an axe-core scan in both themes (0 serious or critical)", () => {
  const app = useE2eApp({
    database: {
      prefix: "e2e_a11y",
      seed: async (db) => {
        await createPgdeskLayout(db.pool);
        await db.pool.query(`CREATE TABLE users (id text PRIMARY KEY, email text NOT NULL)`);
      },
    },
    profile: "A11y",
  });

  for (const theme of ["light", "dark"] as const) {
    it(`${theme} theme`, async () => {
      const { page } = app;
      await page.getByTestId("theme-switch").selectOption(theme);
      await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: "attached" });
      const found: Record<string, AxeFinding[]> = {};
      for (const p of PAGES) {
        await p.open(page, app.pages.shell);
        const v = await seriousViolations(page);
        if (v.length) found[p.name] = v;
      }
      expect(found).toEqual({});
      await app.expectNoProblems();
    }, 300_000);
  }
});
