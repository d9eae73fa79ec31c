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

  async openTab(tab: "details" | "ddl" | "data" | "er" | "script" | "migrations"): Promise<void> {
    await this.page.getByTestId(`schema-tab-${tab}`).click();
  }

  dataRows() {
    return this.page.getByTestId("data-row");
  }

  /** Waits until the ER layout finished and returns the tables drawn. */
  async erTables(): Promise<string[]> {
    await this.page.waitForFunction(() => {
      const s = document.querySelector('[data-testid="er-status"]')?.textContent ?? "";
      return (
        s.includes("layout") &&
        !s.includes("laying out") &&
        document.querySelectorAll('[data-testid="er-node"]').length > 0
      );
    });
    const tables = await this.page
      .getByTestId("er-node")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-table") ?? ""));
    return tables.sort();
  }

  /** A tree row by its object (functions carry their oid after the name), whatever characters the name holds (quotes, newlines). */
  treeRowOf(kind: string, schema: string, name: string) {
    return this.page.locator(
      `[data-testid="tree-row"][data-row-id^=${cssString(`${kind}:${schema}.${name}`)}]`,
    );
  }

  /** Opens a schema's details from its top-level row (the search cleared). */
  async openSchema(name: string): Promise<void> {
    await this.search("");
    await this.page.locator(`[data-testid="tree-row"][data-row-id=${cssString(`s:${name}`)}]`).click();
    await this.page.getByTestId("details-title").filter({ hasText: name }).waitFor();
  }

  /** Shows a relation's columns under it in the tree. */
  async expand(kind: string, schema: string, name: string): Promise<void> {
    await this.treeRowOf(kind, schema, name).first().getByRole("button", { name: "Expand" }).click();
  }

  /** Searches the tree and opens the object's details. */
  async openObject(kind: string, schema: string, name: string, search = name): Promise<void> {
    await this.search(search);
    const row = this.treeRowOf(kind, schema, name).first();
    await row.click();
    await this.page.getByTestId("details-title").waitFor();
  }

  details() {
    return this.page.getByTestId("details-panel").or(this.page.getByTestId("details-facts")).first();
  }

  ddl() {
    return this.page.getByTestId("ddl-text");
  }

  dataGrid() {
    return this.page.getByTestId("data-grid");
  }

  erDiagram() {
    return this.page.getByTestId("er-diagram");
  }

  /** The Prisma migration history with one migration's logs opened. */
  async openMigrationLogs(n: number) {
    await this.openTab("migrations");
    const row = this.page.getByTestId("migration-row").nth(n);
    await row.getByRole("button", { name: "logs" }).click();
    return this.page.getByTestId("migrations-panel");
  }

  /** Sorts the data grid by a column (its header button) and waits for the re-read rows. */
  async sortDataBy(column: string): Promise<void> {
    await this.dataGrid().locator("th button").filter({ hasText: column }).first().click();
    await this.dataGrid()
      .locator("th button")
      .filter({ hasText: `${column} ▲` })
      .first()
      .waitFor();
  }

  /** Adds a row filter on the data tab. */
  async filterData(column: string, op: string, value: string): Promise<void> {
    await this.page.getByLabel("Filter column").selectOption(column);
    await this.page.getByLabel("Filter operator").selectOption(op);
    await this.page.getByLabel("Filter value").fill(value);
    await this.page.getByTestId("filter-add").click();
  }

  /** Counts the rows exactly and returns the shown text. */
  async exactRowCount(): Promise<string> {
    await this.page.getByTestId("row-count-exact").click();
    const exact = this.page.getByTestId("row-exact");
    await exact.waitFor();
    return (await exact.textContent()) ?? "";
  }

  /** Exports the ER diagram and returns the downloaded file's path. */
  async exportEr(format: "svg" | "png"): Promise<string> {
    const download = this.page.waitForEvent("download");
    await this.page.getByTestId(`er-export-${format}`).click();
    return (await download).path();
  }
}

/** A CSS string literal for an attribute selector (quotes, backslashes and newlines escaped). */
function cssString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\a ")}"`;
}
