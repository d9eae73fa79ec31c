import type { Page } from "playwright-core";

export interface ProfileFields {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
}

/** The Connections area: list and form. */
export class ProfilesPage {
  constructor(readonly page: Page) {}

  async startNew(): Promise<void> {
    await this.page.getByTestId("profile-new").click();
    await this.page.getByTestId("profile-form").waitFor();
  }

  async fill(fields: ProfileFields): Promise<void> {
    const form = this.page.getByTestId("profile-form");
    await form.locator('input[name="name"]').fill(fields.name);
    await form.locator('input[name="host"]').fill(fields.host);
    await form.locator('input[name="port"]').fill(String(fields.port));
    await form.locator('input[name="database"]').fill(fields.database);
    await form.locator('input[name="user"]').fill(fields.user);
    if (fields.password !== undefined) await form.locator('input[name="password"]').fill(fields.password);
  }

  async test(): Promise<string> {
    await this.page.getByTestId("profile-test").click();
    const result = this.page.getByTestId("test-result").or(this.page.getByTestId("error"));
    await result.first().waitFor();
    return (await result.first().textContent()) ?? "";
  }

  async save(): Promise<void> {
    await this.page.getByTestId("profile-save").click();
  }

  /** Fills the new-profile form and saves it, as a user would. */
  async add(fields: ProfileFields): Promise<void> {
    await this.startNew();
    await this.fill(fields);
    await this.save();
  }
}
