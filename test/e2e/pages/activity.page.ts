import type { Page } from "playwright-core";

/** The Activity area: sessions, blocking tree, cancel/terminate. */
export class ActivityPage {
  constructor(readonly page: Page) {}

  async waitForLoaded(): Promise<void> {
    await this.page.getByTestId("blocking-tree").waitFor();
  }

  node(pid: number) {
    return this.page.getByTestId(`blocking-node-${pid}`);
  }

  /** Cancels a session from its blocking-tree row, confirming, and returns the server's answer. */
  async cancelFromTree(pid: number): Promise<string> {
    const node = this.node(pid);
    await node.getByTestId("cancel-session").click();
    await node.getByTestId("confirm-signal").click();
    const answer = this.page.getByTestId(`signal-${pid}`).getByTestId("signal-answer");
    await answer.first().waitFor();
    return (await answer.first().textContent()) ?? "";
  }

  async includeIdle(): Promise<void> {
    await this.page.getByLabel("idle sessions").check();
  }

  sessions() {
    return this.page.getByTestId("sessions-table");
  }

  session(pid: number) {
    return this.page.getByTestId(`session-${pid}`);
  }
}
