import type { Page } from "playwright-core";

/** The demo database card on the Connections page. */
export class DemoCardPage {
  constructor(readonly page: Page) {}

  card() {
    return this.page.getByTestId("demo-card");
  }

  async create(): Promise<void> {
    await this.page.getByTestId("demo-create").click();
  }

  progress() {
    return this.page.getByTestId("demo-progress");
  }

  async percent(): Promise<number> {
    return Number(await this.progress().getAttribute("aria-valuenow"));
  }

  phase() {
    return this.page.getByTestId("demo-phase");
  }

  /** Creates the demo from the card and waits for its overview (seeding takes a minute or two). */
  async createAndOpen(): Promise<void> {
    await this.card().waitFor();
    await this.create();
    await this.page.getByTestId("server-overview").waitFor({ timeout: 240_000 });
  }
}
