import type { Page } from "playwright-core";

/** The Schema area: tree, object tabs, ER diagram and migrations. */
export class SchemaPage {
  constructor(readonly page: Page) {}

  async waitForLoaded(): Promise<void> {
    await this.page.getByTestId("schema-page").waitFor();
    await this.page.getByTestId("schema-tree").waitFor();
  }

  treeRow(rowId: string) {
    return this.page.locator(`[data-testid="tree-row"][data-row-id="${rowId}"]`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId("schema-search").fill(text);
  }

  async openTab(tab: "details" | "ddl" | "data" | "er" | "migrations"): Promise<void> {
    await this.page.getByTestId(`schema-tab-${tab}`).click();
  }

  dataRows() {
    return this.page.getByTestId("data-row");
  }

  /** Waits until the ER layout finished and returns the tables drawn. */
  async erTables(): Promise<string[]> {
    await this.page.waitForFunction(() => {
      const s = document.querySelector('[data-testid="er-status"]')?.textContent ?? "";
      return s.includes("layout") && !s.includes("laying out") && document.querySelectorAll('[data-testid="er-node"]').length > 0;
    });
    const tables = await this.page.getByTestId("er-node").evaluateAll((els) => els.map((e) => e.getAttribute("data-table") ?? ""));
    return tables.sort();
  }
}
