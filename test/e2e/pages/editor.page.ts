import type { Page } from "playwright-core";
import { QueryPage } from "./query.page";

/** The query editor's tabs, transactions, safeguards, completion and the top bar's database switch. */
export class EditorPage extends QueryPage {
  constructor(page: Page) {
    super(page);
  }

  tabs() {
    return this.page.getByTestId("query-tab");
  }

  async newTab(): Promise<void> {
    const before = await this.tabs().count();
    await this.page.getByTestId("new-query-tab").click();
    await this.tabs().nth(before).waitFor();
    await this.waitForEditor();
  }

  async showTab(n: number): Promise<void> {
    await this.tabs().nth(n).click();
    await this.waitForEditor();
  }

  /** The editor's text as shown (Monaco draws spaces as no-break spaces). */
  async text(): Promise<string> {
    const raw = await this.page.getByTestId("sql-editor").locator(".view-lines").innerText();
    return raw.replace(/\u00a0/g, " ").trim();
  }

  /** Focuses the editor without moving its caret (a click would put the caret where it lands). */
  async focusEditor(): Promise<void> {
    // Chromium gets Monaco's EditContext element; other engines its textarea
    await this.page
      .getByTestId("sql-editor")
      .locator(".native-edit-context, textarea.inputarea")
      .first()
      .focus();
  }

  /** Waits until every tab's text is acknowledged by the store. */
  async waitUntilSaved(): Promise<void> {
    await this.page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="tab-save-state"]')].every(
        (el) => el.getAttribute("data-state") === "saved",
      ),
    );
  }

  async setMode(mode: "auto" | "manual"): Promise<void> {
    await this.page.getByTestId("commit-mode").selectOption(mode);
  }

  async rollback(): Promise<void> {
    await this.page.getByTestId("rollback").click();
  }

  /** The question the app is asking (the ask dialog with its test id). */
  dialog(testId: string) {
    return this.page.getByTestId(testId);
  }

  async answer(choice: string): Promise<void> {
    await this.page.getByTestId(`ask-${choice}`).click();
  }

  /** The suggestion labels on screen. */
  async suggestionLabels(): Promise<string[]> {
    const labels = await this.suggestions().locator(".label-name").allInnerTexts();
    return labels.map((l) => l.trim());
  }

  databaseSwitcher() {
    return this.page.getByTestId("database-switcher");
  }

  profileSwitcher() {
    return this.page.getByTestId("profile-switcher");
  }
}
