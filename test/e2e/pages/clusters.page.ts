import type { Page } from "playwright-core";

export interface DiscoverFields {
  apiUrl: string;
  user: string;
  password: string;
  name: string;
  environment?: string;
}

/** The Clusters area: discovery form, members, topology, switchover, history. */
export class ClustersPage {
  constructor(readonly page: Page) {}

  async discover(f: DiscoverFields): Promise<void> {
    const form = this.page.getByTestId("cluster-discover");
    await form.waitFor();
    await form.locator('input[name="apiUrl"]').fill(f.apiUrl);
    await form.locator('input[name="user"]').fill(f.user);
    await form.locator('input[name="password"]').fill(f.password);
    await form.locator('input[name="name"]').fill(f.name);
    if (f.environment) await form.locator('select[name="environment"]').selectOption(f.environment);
    await this.page.getByTestId("cluster-discover-run").click();
    await this.page.getByTestId("cluster-view").waitFor();
  }

  leader() {
    return this.page.getByTestId("cluster-leader");
  }

  /** Waits until the page (re-read from Patroni every few seconds) names this leader. */
  async waitForLeader(name: string): Promise<void> {
    await this.page
      .locator(`[data-testid="cluster-view"][data-leader="${name}"]`)
      .waitFor({ timeout: 45_000 });
  }

  members() {
    return this.page.getByTestId("cluster-member");
  }

  topologyNodes() {
    return this.page.getByTestId("topology-node");
  }

  topologyEdges() {
    return this.page.getByTestId("topology-edge");
  }

  /** Chooses the candidate, opens the confirmation, types `confirm` when asked, runs it and returns the result line. */
  async switchover(candidate: string, confirm?: string): Promise<string> {
    await this.page.getByTestId("switchover-candidate").selectOption(candidate);
    await this.page.getByTestId("switchover-start").click();
    if (confirm !== undefined) await this.page.getByTestId("switchover-confirm").fill(confirm);
    await this.page.getByTestId("switchover-run").click();
    const result = this.page.getByTestId("switchover-result");
    await result.waitFor({ timeout: 90_000 });
    return (await result.textContent()) ?? "";
  }
}
