import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DashboardPage } from "./pages/dashboard.page";
import { DemoCardPage } from "./pages/demo.page";
import { OverviewPage } from "./pages/overview.page";
import { ShellPage } from "./pages/shell.page";
import { launchBrowser, type E2EBrowser } from "./support/browser";
import { closeWithDemo } from "./support/demo-cleanup";
import { startWebHostProcess, type RunningWebHost } from "./support/web-host";

describe("a first-time user with no server creates the demo database", () => {
  let host: RunningWebHost;
  let b: E2EBrowser;

  beforeAll(async () => {
    host = await startWebHostProcess();
    b = await launchBrowser();
  });
  afterAll(() => closeWithDemo(b, host));

  it("clicks Create demo database, watches the progress and lands on a populated overview", async () => {
    const shell = new ShellPage(b.page);
    await shell.open(host.launchUrl);
    const demo = new DemoCardPage(b.page);
    await demo.card().waitFor();
    await demo.create();
    await demo.progress().waitFor();
    // condition waits: the bar moves past the server start into seeding
    await b.page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="demo-progress"]')?.getAttribute("aria-valuenow") ?? 0) >=
        20,
      undefined,
      { timeout: 120_000 },
    );
    expect(await demo.phase().textContent()).not.toBe("");

    const overview = new OverviewPage(b.page);
    await b.page.getByTestId("server-overview").waitFor({ timeout: 240_000 });
    await expect(shell.currentProfile().textContent()).resolves.toBe("Demo database");
    expect(await overview.version().textContent()).toMatch(/^15\.\d+/);
    await overview.databaseRow("pgdesk_demo").waitFor();

    await shell.goTo("dashboard");
    const dashboard = new DashboardPage(b.page);
    await dashboard.waitForChecks();
    await b.page.screenshot({ path: "test-results/demo-dashboard.png", fullPage: true });
    expect(b.problems).toEqual([]);
  }, 300_000);
});
