import { mkdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type FreshDatabase } from "../harness/database";
import { OverviewPage } from "./pages/overview.page";
import { ProfilesPage } from "./pages/profiles.page";
import { ShellPage } from "./pages/shell.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./support/browser";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("a first-time user in Chromium", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;
  let db: FreshDatabase;

  beforeAll(async () => {
    db = await freshDatabase(15, "e2e_shell");
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(async () => {
    await b?.close();
    await host?.stop();
    await db?.drop();
  });

  it("opens the printed URL and sees the shell with every area", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    for (const area of [
      "connections",
      "overview",
      "dashboard",
      "query",
      "schema",
      "indexes",
      "activity",
      "audit",
      "backups",
    ]) {
      await expect(shell.nav(area).count()).resolves.toBe(1);
    }
    // the token moved into an HttpOnly cookie: the address bar no longer shows it
    expect(b.page.url()).toBe(`${host.origin}/`);
    expect(await b.page.evaluate(() => document.cookie)).toBe("");
  });

  it("shows the server's own message for a wrong password", async () => {
    const profiles = new ProfilesPage(b.page);
    await profiles.startNew();
    await profiles.fill({
      name: "wrong",
      host: "127.0.0.1",
      port: db.server.port,
      database: db.name,
      user: "postgres",
      password: "nope",
    });
    expect(await profiles.test()).toContain('password authentication failed for user "postgres"');
  });

  it("adds a profile, tests it and opens its server overview", async () => {
    const profiles = new ProfilesPage(b.page);
    await profiles.fill({
      name: "Local 15",
      host: "127.0.0.1",
      port: db.server.port,
      database: db.name,
      user: db.server.user,
      password: db.server.password,
    });
    const tested = await profiles.test();
    expect(tested).toMatch(/Connected: PostgreSQL 15\.\d+, [\d.]+ ms/);
    await profiles.save();

    const overview = new OverviewPage(b.page);
    await overview.waitForLoaded();
    await expect(new ShellPage(b.page).currentProfile().textContent()).resolves.toBe("Local 15");
    expect(await overview.version().textContent()).toMatch(/^15\.\d+/);
    await overview.databaseRow(db.name).waitFor();
    await mkdir("docs", { recursive: true });
    await b.page.screenshot({ path: "docs/screenshot-overview.png" });
    expect(await cspViolations(b.page)).toEqual([]);
    expect(b.problems).toEqual([]);
  });

  it("never sends the saved password to the page", async () => {
    const body = await b.page.evaluate(async () => {
      const res = await fetch("/api/profiles:list", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      return res.text();
    });
    expect(body).toContain('"hasPassword":true');
    expect(body).not.toContain(db.server.password);
  });
});
