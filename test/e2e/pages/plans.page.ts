import type { Page } from "playwright-core";

/** The Plans area (pasted plans) and the plan viewer it shares with the Query page's EXPLAIN panel. */
export class PlansPage {
  constructor(readonly page: Page) {}

  async paste(which: "a" | "b", plan: string): Promise<void> {
    await this.page.getByTestId(`plans-input-${which}`).fill(plan);
  }

  async show(): Promise<void> {
    await this.page.getByTestId("plans-show").click();
  }

  viewer() {
    return this.page.getByTestId("plan-viewer");
  }

  tips() {
    return this.page.getByTestId("plan-tip");
  }

  tip(kind: string) {
    return this.page.locator(`[data-testid="plan-tip"][data-tip-kind="${kind}"]`);
  }

  nodeLabels() {
    return this.page.getByTestId("plan-node-label");
  }

  selectedNode() {
    return this.page.locator('[data-testid="plan-node"][aria-selected="true"]');
  }

  details() {
    return this.page.getByTestId("plan-node-details");
  }

  compareRows() {
    return this.page.getByTestId("plan-compare-row");
  }

  /** EXPLAIN (no ANALYZE) of a statement on the current profile's connection. */
  async explainOnConnection(sql: string): Promise<void> {
    await this.page.getByTestId("plans-explain-sql").fill(sql);
    await this.page.getByTestId("explain-run").click();
    await this.explainPanel().getByTestId("plan-viewer").waitFor();
  }

  explainPanel() {
    return this.page.getByTestId("explain-panel");
  }
}
