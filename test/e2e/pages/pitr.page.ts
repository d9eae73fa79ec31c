import type { Page } from "playwright-core";

/** The Recovery area: archiving, pgBackRest settings, backup sets, the window, restores and their jobs. */
export class PitrPage {
  constructor(readonly page: Page) {}

  async waitForLoaded(): Promise<void> {
    await this.page.getByTestId("pitr-page").waitFor();
    await this.page.getByTestId("archiving-card").waitFor();
  }

  async configure(settings: { config: string; stanza: string; restoreRoot: string }): Promise<void> {
    const panel = this.page.getByTestId("pitr-settings");
    await panel.getByTestId("pitr-config").fill(settings.config);
    await panel.getByTestId("pitr-stanza").fill(settings.stanza);
    await panel.getByTestId("pitr-restore-root").fill(settings.restoreRoot);
    await panel.getByTestId("pitr-settings-save").click();
    await this.page.getByTestId("pitr-backups").waitFor();
  }

  async takeBackup(type: "full" | "diff" | "incr"): Promise<void> {
    await this.page.getByTestId("pitr-backup-type").selectOption(type);
    await this.page.getByTestId("pitr-backup-start").click();
  }

  job(kind: "backup" | "restore", state?: string) {
    const sel = `[data-testid="pitr-job"][data-job-kind="${kind}"]${state ? `[data-job-state="${state}"]` : ""}`;
    return this.page.locator(sel).first();
  }

  backupRows() {
    return this.page.getByTestId("pitr-backup-row");
  }

  windowFrom() {
    return this.page.getByTestId("pitr-window-from").first();
  }

  windowTo() {
    return this.page.getByTestId("pitr-window-to").first();
  }

  /** Picks a wall-clock time ("2026-12-07T14:04:05", server time zone) and starts the restore. */
  async restoreToTime(wallClock: string): Promise<void> {
    await this.page.getByTestId("pitr-target-kind").selectOption("time");
    await this.page.getByTestId("pitr-target-time").fill(wallClock);
    await this.page.getByTestId("pitr-restore-start").click();
  }

  targetProblem() {
    return this.page.getByTestId("pitr-target-problem");
  }

  async openRestoredCopy(): Promise<void> {
    await this.job("restore", "succeeded").getByTestId("pitr-open-copy").click();
  }
}
