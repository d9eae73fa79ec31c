import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { DemoCardPage } from "./pages/demo.page";
import { IndexesPage } from "./pages/indexes.page";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { ShellPage } from "./pages/shell.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./support/browser";
import { closeWithDemo } from "./support/demo-cleanup";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("a DBA reading index advice in Chromium", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_idx");
    // Planted: an unused 1 MB+ index, a prefix duplicate, and a selective filter with no index.
    await db.pool.query(`
      CREATE EXTENSION pg_stat_statements;
      CREATE TABLE accounts (id serial PRIMARY KEY, region int NOT NULL, email text NOT NULL, bio text NOT NULL);
      INSERT INTO accounts (region, email, bio) SELECT g % 50, 'a' || g || '@example.com', md5(g::text) || md5((g * 7)::text)
        FROM generate_series(1, 40000) g;
      CREATE INDEX accounts_bio_idx ON accounts (bio);
      CREATE INDEX accounts_region_idx ON accounts (region);
      CREATE INDEX accounts_region_id_idx ON accounts (region, id);
      ANALYZE accounts;
    `);
    const c = await db.pool.connect();
    try {
      for (let i = 0; i < 25; i++)
        await c.query("SELECT id FROM accounts WHERE email = $1", [`a${i}@example.com`]);
      await c.query("SELECT pg_stat_force_next_flush()");
      await c.query("SELECT 1");
    } finally {
      c.release();
    }
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await db?.drop();
  });

  it("opens Indexes and sees the unused, duplicate and missing indexes", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new ProfilesPage(b.page).addFor(db, "Indexes 15");
    await new OverviewPage(b.page).waitForLoaded();
    await shell.goTo("indexes");

    const indexes = new IndexesPage(b.page);
    await indexes.waitForLoaded();
    await b.page.getByTestId("inventory-row").filter({ hasText: "accounts_bio_idx" }).waitFor();

    await indexes.openTab("unused");
    await indexes.item("unused-item", "accounts_bio_idx").waitFor();
    expect(await b.page.getByTestId("stats-age").textContent()).toMatch(
      /Statistics have been collecting since/,
    );

    await indexes.openTab("duplicates");
    const dup = indexes.item("duplicate-item", "accounts_region_idx");
    await dup.waitFor();
    expect(await dup.textContent()).toContain("a prefix of accounts_region_id_idx");

    await indexes.openTab("missing");
    const suggestion = indexes.item("suggestion", "accounts (email)");
    await suggestion.waitFor();
    expect(await suggestion.getByTestId("generated-sql").textContent()).toBe(
      'CREATE INDEX CONCURRENTLY "accounts_email_idx" ON "public"."accounts" USING btree ("email");',
    );
    expect(await cspViolations(b.page)).toEqual([]);
    expect(b.problems).toEqual([]);
  });

  it("opens the generated CREATE INDEX CONCURRENTLY in the query editor", async () => {
    const indexes = new IndexesPage(b.page);
    await indexes.item("suggestion", "accounts (email)").getByTestId("open-in-editor").click();
    await b.page.locator('[data-testid="nav-query"][aria-current="page"]').waitFor();
    await b.page.locator(".monaco-editor").getByText("accounts_email_idx").first().waitFor();
    await new ShellPage(b.page).goTo("indexes");
    await indexes.waitForLoaded();
  });

  it("runs the reviewed statement after confirming, and the suggestion disappears after refresh", async () => {
    const indexes = new IndexesPage(b.page);
    await indexes.openTab("missing");
    await indexes.runFrom(indexes.item("suggestion", "accounts (email)"));
    await indexes.refresh();
    await b.page.getByText("No missing-index suggestion.").waitFor();
    const { rows } = await db.pool.query(
      "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email_idx'::regclass",
    );
    expect(rows).toEqual([{ indisvalid: true }]);
    expect(b.problems).toEqual([]);
  });
});

describe("index advice on the demo database, whose workload planted the problems", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;

  beforeAll(async () => {
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(() => closeWithDemo(b, host));

  it("sees the demo's unused, duplicate and missing indexes, creates the missing one and sees the suggestion go", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    await new DemoCardPage(b.page).createAndOpen();
    await shell.goTo("indexes");
    const indexes = new IndexesPage(b.page);
    await indexes.waitForLoaded();

    await indexes.openTab("unused");
    await indexes.item("unused-item", "events_created_at_idx").waitFor();
    await indexes.openTab("duplicates");
    expect(await indexes.item("duplicate-item", /^users_email_idx /).textContent()).toContain(
      "identical to users_email_key",
    );
    await indexes.openTab("missing");
    const suggestion = indexes.item("suggestion", "public.events (type)");
    await suggestion.waitFor();
    expect(await suggestion.getByTestId("generated-sql").textContent()).toMatch(
      /^CREATE INDEX CONCURRENTLY "events_type_idx" ON "public"."events" USING btree \("type"\);$/,
    );

    await indexes.runFrom(suggestion);
    await indexes.refresh();
    await b.page
      .getByTestId("suggestion")
      .filter({ hasText: "public.events (type)" })
      .waitFor({ state: "detached" });
    expect(b.problems).toEqual([]);
  }, 300_000);
});
