import { mkdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { useE2eApp } from "./support/e2e-app";

describe("a first-time user in Chromium", () => {
  const app = useE2eApp({ database: { prefix: "e2e_shell" } });

  it("opens the printed URL and sees the shell with every area", async () => {
    const { shell } = app.pages;
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
      "recovery",
    ]) {
      await expect(shell.nav(area).count()).resolves.toBe(1);
    }
    // the token moved into an HttpOnly cookie: the address bar no longer shows it
    expect(app.page.url()).toBe(`${app.host.origin}/`);
    expect(await app.page.evaluate(() => document.cookie)).toBe("");
  });

  it("shows the server's own message for a wrong password", async () => {
    const { profiles } = app.pages;
    await profiles.startNew();
    await profiles.fill({
      name: "wrong",
      host: "127.0.0.1",
      port: app.db.server.port,
      database: app.db.name,
      user: "postgres",
      password: "nope",
    });
    expect(await profiles.test()).toContain('password authentication failed for user "postgres"');
  });

  it("adds a profile, tests it and opens its server overview", async () => {
    const { profiles, overview, shell } = app.pages;
    await profiles.fill({
      name: "Local 15",
      host: "127.0.0.1",
      port: app.db.server.port,
      database: app.db.name,
      user: app.db.server.user,
      password: app.db.server.password,
    });
    const tested = await profiles.test();
    expect(tested).toMatch(/Connected: PostgreSQL 15\.\d+, [\d.]+ ms/);
    await profiles.save();

    await overview.waitForLoaded();
    await expect(shell.currentProfile().textContent()).resolves.toBe("Local 15");
    expect(await overview.version().textContent()).toMatch(/^15\.\d+/);
    await overview.databaseRow(app.db.name).waitFor();
    await mkdir("docs", { recursive: true });
    await app.page.screenshot({ path: "docs/screenshot-overview.png" });
    await app.expectNoProblems();
  });

  it("never sends the saved password to the page", async () => {
    const body = await app.page.evaluate(async () => {
      const res = await fetch("/api/profiles:list", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      return res.text();
    });
    expect(body).toContain('"hasPassword":true');
    expect(body).not.toContain(app.db.server.password);
  });
});
