import type { Page } from "playwright-core";
import { ProfilesPage } from "./profiles.page";

/** The Connections area beyond the basic form: paste import, environment tag, list actions. */
export class ConnectionsPage extends ProfilesPage {
  constructor(page: Page) {
    super(page);
  }

  async pasteConnectionString(text: string): Promise<void> {
    await this.page.getByTestId("profile-paste").fill(text);
    await this.page.getByTestId("profile-paste-apply").click();
    // the form is filled when the paste box is emptied again
    await this.page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="profile-paste"]') as HTMLInputElement | null)?.value === "",
    );
  }

  field(name: string) {
    return this.page.getByTestId("profile-form").locator(`[name="${name}"]`);
  }

  async chooseEnvironment(tag: "development" | "staging" | "production"): Promise<void> {
    await this.field("tag").selectOption(tag);
  }

  row(name: string) {
    return this.page.locator(`[data-testid="profile-row"][data-name="${name}"]`);
  }

  async exportUri(name: string): Promise<string> {
    await this.row(name).getByTestId("profile-export").click();
    const uri = this.page.getByTestId("profile-export-uri");
    await uri.waitFor();
    return (await uri.textContent()) ?? "";
  }
}
