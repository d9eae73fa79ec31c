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

  /** The job of one database (several jobs may be listed). */
  jobOf(kind: "backup" | "restore", database: string, state?: string) {
    const sel = `[data-testid="job-row"][data-job-kind="${kind}"]${state ? `[data-job-state="${state}"]` : ""}`;
    return this.page.locator(sel).filter({ hasText: database }).first();
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

  /** The job's pg_dump/pg_restore log, opened. */
  async showLog(kind: "backup" | "restore", database?: string) {
    const job = database === undefined ? this.job(kind) : this.jobOf(kind, database);
    await job.getByRole("button", { name: "Log" }).click();
    const log = job.getByTestId("job-log");
    await log.waitFor();
    return log;
  }

  /** Restores a backup into a new database under the name the dialog proposes; returns that name. */
  async restoreWithProposedName(database: string): Promise<string> {
    const dialog = await this.openRestoreDialog(database);
    const name = await dialog.getByTestId("restore-database").inputValue();
    await dialog.getByTestId("restore-start").click();
    return name;
  }

  /** Opens a backup's restore dialog without starting anything. */
  async openRestoreDialog(database: string) {
    await this.backupRow(database).getByTestId("backup-restore").click();
    const dialog = this.page.getByTestId("restore-dialog");
    await dialog.waitFor();
    return dialog;
  }

  async openObjectPicker(): Promise<void> {
    await this.page.getByTestId("backup-objects-toggle").click();
    await this.page.getByTestId("backup-object-schema").first().waitFor();
  }

  async expandSchema(schema: string): Promise<void> {
    await this.page.getByRole("button", { name: `Expand schema ${schema}`, exact: true }).click();
  }

  /** Unticks one relation by its label, e.g. "table shop.order". */
  async untick(label: string): Promise<void> {
    await this.page.getByRole("checkbox", { name: label, exact: true }).uncheck();
  }

  async tickAll(): Promise<void> {
    await this.page.getByTestId("backup-objects-all").click();
  }

  async tickNone(): Promise<void> {
    await this.page.getByTestId("backup-objects-none").click();
  }

  async objectsSummary(): Promise<string> {
    return (await this.page.getByTestId("backup-objects-summary").textContent()) ?? "";
  }
}
