import type { Page } from "playwright-core";

/** The app frame: navigation and the profile switcher. */
export class ShellPage {
  constructor(readonly page: Page) {}

  async open(launchUrl: string): Promise<void> {
    await this.page.goto(launchUrl);
    await this.page.getByRole("navigation", { name: "Areas" }).waitFor();
  }

  nav(area: string) {
    return this.page.getByTestId(`nav-${area}`);
  }

  async goTo(area: string): Promise<void> {
    await this.nav(area).click();
  }

  currentProfile() {
    return this.page.getByTestId("current-profile");
  }

  /** The header line of the open profile: its name, then user@host:port/database. */
  profileHeader() {
    return this.currentProfile().locator("..");
  }
}
