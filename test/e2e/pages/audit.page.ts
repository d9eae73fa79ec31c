import type { Page } from "playwright-core";

export class AuditPage {
  constructor(readonly page: Page) {}

  async waitForEvents(): Promise<void> {
    await this.page.getByTestId("audit-event-row").first().waitFor();
  }

  async filter(fields: Record<string, string>): Promise<void> {
    const form = this.page.getByTestId("audit-filters");
    for (const [name, value] of Object.entries(fields))
      await form.locator(`input[name="${name}"]`).fill(value);
    await this.page.getByTestId("audit-filter-apply").click();
  }

  rows() {
    return this.page.getByTestId("audit-event-row");
  }

  async openFirstRow(): Promise<void> {
    await this.rows().first().click();
    await this.page.getByTestId("timeline-event").first().waitFor();
  }

  timelineEvents() {
    return this.page.getByTestId("timeline-event");
  }

  timeline() {
    return this.page.getByTestId("audit-timeline");
  }

  events() {
    return this.page.getByTestId("audit-events");
  }

  /** Shows the row as it was after one timeline event. */
  async showRowState(n: number): Promise<void> {
    await this.timelineEvents().nth(n).getByRole("button", { name: "Row as it was" }).click();
    await this.timelineEvents().nth(n).getByTestId("row-state").waitFor();
  }
}
