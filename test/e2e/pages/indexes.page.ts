import type { Page } from "playwright-core";

/** The Indexes area: tabs of verdicts, each with generated SQL actions. */
export class IndexesPage {
  constructor(readonly page: Page) {}

  async waitForLoaded(): Promise<void> {
    await this.page.getByTestId("indexes-page").waitFor();
    await this.page.getByTestId("inventory").waitFor();
  }

  async openTab(tab: "inventory" | "unused" | "duplicates" | "invalid" | "missing" | "bloat"): Promise<void> {
    await this.page.getByTestId(`indexes-tab-${tab}`).click();
    await this.page.getByTestId(tab).waitFor();
  }

  item(testId: "unused-item" | "duplicate-item" | "invalid-item" | "suggestion", text: string | RegExp) {
    return this.page.getByTestId(testId).filter({ hasText: text });
  }

  async refresh(): Promise<void> {
    const button = this.page.getByTestId("indexes-refresh");
    await button.click();
    await this.page.waitForFunction(() => {
      const b = document.querySelector('[data-testid="indexes-refresh"]');
      return b !== null && !(b as HTMLButtonElement).disabled;
    });
  }

  /** Runs a card's generated statement through the confirmation dialog. */
  async runFrom(card: ReturnType<IndexesPage["item"]>): Promise<void> {
    await card.getByTestId("run-sql").click();
    const dialog = this.page.getByTestId("confirm-dialog");
    await dialog.waitFor();
    await dialog.getByTestId("confirm-run").click();
    // The dialog closes when the statement finished; the report then refreshes on its own.
    await dialog.waitFor({ state: "detached", timeout: 60_000 });
  }
}
