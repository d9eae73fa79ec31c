import { describe, expect, it } from "vitest";
import type { FreshDatabase } from "../harness/database";
import { useE2eApp } from "./support/e2e-app";

/** Planted: an unused 1 MB+ index, a prefix duplicate, and a selective filter with no index. */
async function plantIndexProblems(db: FreshDatabase): Promise<void> {
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
}

describe("a DBA reading index advice in Chromium", () => {
  const app = useE2eApp({
    database: { prefix: "e2e_idx", seed: plantIndexProblems },
    profile: "Indexes 15",
    area: "indexes",
  });

  it("opens Indexes and sees the unused, duplicate and missing indexes", async () => {
    const { indexes } = app.pages;
    await indexes.waitForLoaded();
    await app.page.getByTestId("inventory-row").filter({ hasText: "accounts_bio_idx" }).waitFor();

    await indexes.openTab("unused");
    await indexes.item("unused-item", "accounts_bio_idx").waitFor();
    expect(await app.page.getByTestId("stats-age").textContent()).toMatch(
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
    await app.expectNoProblems();
  });

  it("opens the generated CREATE INDEX CONCURRENTLY in the query editor", async () => {
    const { indexes, shell } = app.pages;
    await indexes.item("suggestion", "accounts (email)").getByTestId("open-in-editor").click();
    await app.page.locator('[data-testid="nav-query"][aria-current="page"]').waitFor();
    await app.page.locator(".monaco-editor").getByText("accounts_email_idx").first().waitFor();
    await shell.goTo("indexes");
    await indexes.waitForLoaded();
  });

  it("runs the reviewed statement after confirming, and the suggestion disappears after refresh", async () => {
    const { indexes } = app.pages;
    await indexes.openTab("missing");
    await indexes.runFrom(indexes.item("suggestion", "accounts (email)"));
    await indexes.refresh();
    await app.page.getByText("No missing-index suggestion.").waitFor();
    const { rows } = await app.db.pool.query(
      "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email_idx'::regclass",
    );
    expect(rows).toEqual([{ indisvalid: true }]);
    expect(app.browser.problems).toEqual([]);
  });
});
