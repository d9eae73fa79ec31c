import type { Page } from "playwright-core";

/** The Query area's SQL editor as a user edits it: its text, Format, undo and messages. */
export class SqlEditorPage {
  constructor(readonly page: Page) {}

  private editor() {
    return this.page.getByTestId("sql-editor");
  }

  /** The editor's rendered lines, top to bottom (Monaco renders every line of a short script). */
  async text(): Promise<string> {
    return (await this.page.evaluate(editorText, null)) as string;
  }

  /** Waits until the editor shows exactly `expected`; fails with what it shows instead. */
  async waitForText(expected: string, timeoutMs = 10_000): Promise<void> {
    try {
      await this.page.waitForFunction(editorText, expected, { timeout: timeoutMs });
    } catch (err) {
      throw new Error(
        `editor shows ${JSON.stringify(await this.text())}, expected ${JSON.stringify(expected)} (${String(err).split("\n")[0]})`,
      );
    }
  }

  async focus(): Promise<void> {
    await this.editor().locator(".view-lines").click();
  }

  async clickFormat(): Promise<void> {
    await this.page.getByTestId("format").click();
  }

  /** Clicks into the editor (which drops a selection), then presses `keys`. */
  async press(keys: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press(keys);
  }

  /** Presses `keys` where the caret (and selection) already are. */
  async keys(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Selects the last line of the script (caret to the end, then Shift+Home). */
  async selectLastLine(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press("ControlOrMeta+End");
    await this.page.keyboard.press("Shift+Home");
  }

  formatMessage() {
    return this.page.getByTestId("format-message");
  }
}

/**
 * Runs in the page (self-contained, it is serialized): the Query editor's lines in screen
 * order with Monaco's non-breaking spaces as spaces; given `want`, whether they equal it.
 */
function editorText(want: string | null): string | boolean {
  const lines = document.querySelectorAll<HTMLElement>('[data-testid="sql-editor"] .view-lines .view-line');
  const text = [...lines]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((line) => (line.textContent ?? "").replaceAll("\u00a0", " "))
    .join("\n");
  return want === null ? text : text === want;
}
