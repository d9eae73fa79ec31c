import type { Page } from "playwright-core";

/** The Fleet area: import, settings, the table worst first and its filters. */
export class FleetPage {
  constructor(readonly page: Page) {}

  async importUriList(text: string, labels: { group?: string; tags?: string } = {}): Promise<string> {
    await this.page.getByTestId("fleet-import").click();
    await this.page.getByTestId("import-source-uriList").check();
    await this.page.getByTestId("import-text").fill(text);
    await this.page.getByTestId("import-preview").click();
    await this.page.getByTestId("import-candidates").waitFor();
    if (labels.group) await this.page.locator('input[name="import-group"]').fill(labels.group);
    if (labels.tags) await this.page.locator('input[name="import-tags"]').fill(labels.tags);
    await this.page.getByTestId("import-run").click();
    const result = this.page.getByTestId("import-result");
    await result.waitFor();
    return (await result.textContent()) ?? "";
  }

  async setTimeoutSeconds(seconds: number): Promise<void> {
    await this.page.getByTestId("fleet-settings-open").click();
    const form = this.page.getByTestId("fleet-settings");
    await form.locator('input[name="timeoutSeconds"]').fill(String(seconds));
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
  }

  /** Starts a run and waits until every row has answered. */
  async refreshAndWait(): Promise<void> {
    await this.page.getByTestId("fleet-refresh").click();
    await this.page.locator('[data-testid="fleet-progress"][data-finished="no"]').waitFor();
    await this.page
      .locator('[data-testid="fleet-progress"][data-finished="yes"]')
      .waitFor({ timeout: 60_000 });
  }

  rows() {
    return this.page.getByTestId("fleet-row");
  }

  row(name: string) {
    return this.page.locator(`[data-testid="fleet-row"][data-name="${name}"]`);
  }

  shown() {
    return this.page.getByTestId("fleet-shown");
  }

  async filter(f: { group?: string; tag?: string; state?: string; text?: string }): Promise<void> {
    if (f.group !== undefined) await this.page.getByTestId("fleet-filter-group").selectOption(f.group);
    if (f.tag !== undefined) await this.page.getByTestId("fleet-filter-tag").selectOption(f.tag);
    if (f.state !== undefined) await this.page.getByTestId("fleet-filter-state").selectOption(f.state);
    if (f.text !== undefined) await this.page.getByTestId("fleet-filter-text").fill(f.text);
  }
}
