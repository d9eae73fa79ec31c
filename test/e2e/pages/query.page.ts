import type { Page } from "playwright-core";

/** The Query area: editor, toolbar, results grid and messages. */
export class QueryPage {
  constructor(readonly page: Page) {}

  async waitForEditor(): Promise<void> {
    await this.page.getByTestId("sql-editor").locator(".monaco-editor").waitFor();
  }

  /** Replaces the editor's text the way a paste does (no auto-closing quotes). */
  async paste(sql: string): Promise<void> {
    await this.page.getByTestId("sql-editor").locator(".view-lines").click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.insertText(sql);
  }

  async run(): Promise<void> {
    await this.page.getByTestId("run").click();
  }

  async runWithShortcut(): Promise<void> {
    await this.page.getByTestId("sql-editor").locator(".view-lines").click();
    await this.page.keyboard.press("ControlOrMeta+Enter");
  }

  txState() {
    return this.page.getByTestId("tx-state");
  }

  async waitUntilIdle(): Promise<void> {
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid="tx-state"]')?.textContent !== "running…",
    );
  }

  grid() {
    return this.page.getByTestId("results-grid");
  }

  headers() {
    return this.page.getByTestId("grid-header");
  }

  row(n: number) {
    return this.grid().locator(`[data-testid="grid-row"][data-row="${n}"]`);
  }

  async scrollGridToBottom(): Promise<void> {
    await this.grid().evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
  }

  async loadAll(): Promise<void> {
    await this.page.getByTestId("load-all").click();
  }

  async showMessages(): Promise<void> {
    await this.page.getByTestId("messages-tab").click();
  }

  statementError() {
    return this.page.getByTestId("statement-error");
  }

  editorErrorMarker() {
    return this.page.getByTestId("sql-editor").locator(".squiggly-error");
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId("cancel").click();
  }

  messages() {
    return this.page.getByTestId("run-messages");
  }

  /** Opens a value in the side viewer (double-click on its cell). */
  async openCell(row: number, col: number): Promise<void> {
    await this.row(row).getByTestId("grid-cell").nth(col).dblclick();
    await this.cellViewer().waitFor();
  }

  cellViewer() {
    return this.page.getByTestId("cell-viewer");
  }

  /** EXPLAIN of the statement under the caret, shown in place of the results. */
  async explain(): Promise<void> {
    await this.page.getByTestId("explain").click();
    await this.explainPanel().getByTestId("plan-viewer").waitFor();
  }

  explainPanel() {
    return this.page.getByTestId("explain-panel");
  }

  async backToResults(): Promise<void> {
    await this.page.getByTestId("back-to-results").click();
  }

  /** Autocomplete rows on screen. */
  suggestions() {
    return this.page.locator(".suggest-widget .monaco-list-row");
  }

  /** Pastes text, types the start of a word, asks for completions (Ctrl+Space) and waits for the list. */
  async suggestFor(text: string, typed: string): Promise<void> {
    await this.paste(text);
    await this.page.keyboard.type(typed);
    await this.page.keyboard.press("Control+Space");
    await this.suggestions().first().waitFor();
  }

  /** Hovers the editor's error squiggle and returns the hover that shows the server's message. */
  async hoverErrorMarker() {
    await this.editorErrorMarker().first().waitFor();
    // the squiggle is drawn under the text layer, which takes the pointer
    const box = await this.editorErrorMarker().first().boundingBox();
    if (!box) throw new Error("the error marker has no box");
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = this.page.locator(".monaco-hover:visible").filter({ hasText: /\S/ }).first();
    await hover.waitFor();
    return hover;
  }
}
