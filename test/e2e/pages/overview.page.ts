import type { Page } from "playwright-core";

export class OverviewPage {
  constructor(readonly page: Page) {}

  async waitForLoaded(): Promise<void> {
    await this.page.getByTestId("server-overview").waitFor();
  }

  version() {
    return this.page.getByTestId("server-version");
  }

  databaseRow(name: string) {
    return this.page.getByTestId("database-list").locator("tr", { hasText: name });
  }
}
