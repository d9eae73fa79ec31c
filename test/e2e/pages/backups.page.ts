import type { Page } from "playwright-core";

/** The Backups area: form, jobs panel, backup list and restore dialog. */
export class BackupsPage {
  constructor(readonly page: Page) {}

  async waitForLoaded(): Promise<void> {
    await this.page.getByTestId("backups-page").waitFor();
    await this.page.getByTestId("tools-chosen").waitFor();
  }

  async chooseFolder(folder: string): Promise<void> {
    const input = this.page.getByTestId("backup-folder");
    await input.fill(folder);
    await input.press("Enter");
  }

  async chooseDatabase(name: string): Promise<void> {
    await this.page.getByTestId("backup-database").selectOption(name);
  }

  async previewCommand(): Promise<string> {
    await this.page.getByTestId("backup-preview").click();
    const cmd = this.page.getByTestId("backup-command");
    await cmd.waitFor();
    return (await cmd.textContent()) ?? "";
  }

  async start(): Promise<void> {
    await this.page.getByTestId("backup-start").click();
  }

  job(kind: "backup" | "restore", state?: string) {
    const sel = `[data-testid="job-row"][data-job-kind="${kind}"]${state ? `[data-job-state="${state}"]` : ""}`;
    return this.page.locator(sel).first();
  }

  progressOf(kind: "backup" | "restore") {
    return this.job(kind).getByTestId("job-progress");
  }

  backupRow(database: string) {
    return this.page.getByTestId("backup-row").filter({ hasText: database }).first();
  }

  async restoreInto(database: string, newDatabase: string): Promise<void> {
    await this.backupRow(database).getByTestId("backup-restore").click();
    const dialog = this.page.getByTestId("restore-dialog");
    await dialog.waitFor();
    await dialog.getByTestId("restore-database").fill(newDatabase);
    await dialog.getByTestId("restore-start").click();
  }
}
