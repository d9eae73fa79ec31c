import type { Page } from "playwright-core";

/** The health dashboard: overall status, check cards, live charts. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async waitForChecks(): Promise<void> {
    await this.page.getByTestId("health-checks").waitFor();
  }

  status() {
    return this.page.getByTestId("health-status");
  }

  check(id: string) {
    return this.page.getByTestId(`check-${id}`);
  }

  async checkStatus(id: string): Promise<string | null> {
    return this.check(id).getAttribute("data-status");
  }

  async refresh(): Promise<void> {
    await this.page.getByTestId("health-refresh").click();
  }

  /** Waits until a check shows `status` (the report refreshes on demand). */
  async waitForCheckStatus(id: string, status: string): Promise<void> {
    await this.page
      .locator(`[data-testid="check-${id}"][data-status="${status}"]`)
      .waitFor({ timeout: 30_000 });
  }

  /** The statements check's one-click guide, confirmed. */
  async installStatements(): Promise<void> {
    await this.check("statements").getByTestId("install-statements").click();
    await this.check("statements").getByTestId("install-statements-confirm").click();
  }

  charts() {
    return this.page.getByTestId("live-charts");
  }

  /** Waits until the charts hold at least `n` samples; returns the newest sample's time. */
  async waitForSamples(n: number): Promise<string> {
    await this.page.waitForFunction(
      (min) =>
        Number(document.querySelector('[data-testid="live-charts"]')?.getAttribute("data-samples") ?? 0) >=
        min,
      n,
      { timeout: 60_000 },
    );
    return (await this.charts().getAttribute("data-last-at")) ?? "";
  }

  /** Opens a check's evidence table (the rows behind its value). */
  async showRows(id: string): Promise<void> {
    await this.check(id)
      .getByRole("button", { name: /^Show [\d,]+ rows?$/ })
      .click();
  }
}
