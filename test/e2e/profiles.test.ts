import { describe, expect, it } from "vitest";
import { closedPort } from "../harness/ports";
import { useE2eApp } from "./support/e2e-app";

describe("a DBA adds a production connection by pasting its URI", () => {
  const app = useE2eApp({ database: { prefix: "e2e_prof" }, area: "connections" });

  it("pastes a URI, tests it, saves it as production and sees the red tag on every screen", async () => {
    const { db } = app;
    const { shell, connections, overview } = app.pages;
    await connections.startNew();
    const uri = `postgresql://${db.server.user}:${encodeURIComponent(db.server.password)}@127.0.0.1:${db.server.port}/${db.name}?sslmode=prefer&application_name=e2e-pasted`;
    await connections.pasteConnectionString(uri);
    expect(await connections.field("host").inputValue()).toBe("127.0.0.1");
    expect(await connections.field("database").inputValue()).toBe(db.name);
    expect(await connections.field("applicationName").inputValue()).toBe("e2e-pasted");
    await connections.field("name").fill("Orders (prod)");
    await connections.chooseEnvironment("production");

    expect(await connections.test()).toMatch(/Connected: PostgreSQL 15\.\d+, [\d.]+ ms · not encrypted/);
    await connections.save();

    await overview.waitForLoaded();
    await expect(shell.currentProfile().textContent()).resolves.toBe("Orders (prod)");
    const tag = app.page.locator("header").getByTestId("profile-tag");
    expect(await tag.textContent()).toBe("production");
    // Tailwind resolves to oklch(); a canvas turns any CSS colour into sRGB bytes
    const [r, g, bl] = await tag.evaluate((el) => {
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.fillStyle = getComputedStyle(el).backgroundColor;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    });
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(100);
    expect(bl).toBeLessThan(100);

    await shell.goTo("dashboard");
    expect(await app.page.locator("header").getByTestId("profile-tag").textContent()).toBe("production");

    await shell.goTo("connections");
    const exported = await connections.exportUri("Orders (prod)");
    expect(exported).toBe(
      `postgresql://${db.server.user}@127.0.0.1:${db.server.port}/${db.name}?sslmode=prefer&application_name=e2e-pasted`,
    );
    expect(await app.page.content()).not.toContain(db.server.password);
    expect(app.browser.problems).toEqual([]);
  });

  it("names the field of a malformed URI and saves nothing", async () => {
    const { connections, shell } = app.pages;
    await shell.goTo("connections");
    await connections.startNew();
    await app.page.getByTestId("profile-paste").fill("postgresql://h/d?sslmode=sometimes");
    await app.page.getByTestId("profile-paste-apply").click();
    const error = app.page.getByTestId("error");
    await error.waitFor();
    expect(await error.textContent()).toContain('sslmode: invalid sslmode value: "sometimes"');
    await app.page.getByRole("button", { name: "Cancel" }).click();
    await app.page.getByTestId("profile-list").waitFor();
    expect(await app.page.getByTestId("profile-row").count()).toBe(1);
  });

  it("pastes a multi-host URI: the down host is passed over, and the test and the Overview show where it landed", async () => {
    const { db } = app;
    const { shell, connections, overview } = app.pages;
    await shell.goTo("connections");
    await connections.startNew();
    const down = await closedPort();
    const pw = encodeURIComponent(db.server.password);
    await connections.pasteConnectionString(
      `postgresql://${db.server.user}:${pw}@127.0.0.1:${down},127.0.0.1:${db.server.port}/${db.name}?target_session_attrs=read-write&sslmode=disable`,
    );
    expect(await connections.field("host").inputValue()).toBe("127.0.0.1");
    expect(await connections.field("port").inputValue()).toBe(String(down));
    expect(await connections.field("additionalHosts").inputValue()).toBe(`127.0.0.1:${db.server.port}`);
    expect(await connections.field("targetSessionAttrs").inputValue()).toBe("read-write");
    await connections.field("name").fill("Failover pair");

    const result = await connections.test();
    expect(result).toContain(`on 127.0.0.1:${db.server.port}`);
    expect(result).toMatch(new RegExp(`passed over 127\\.0\\.0\\.1:${down}: .*ECONNREFUSED`));
    await connections.save();

    await overview.waitForLoaded();
    const landed = app.page.getByTestId("connected-host");
    await landed.waitFor();
    expect(await landed.textContent()).toBe(`127.0.0.1:${db.server.port}`);

    // editing shows the list as saved; a client key brings its passphrase field
    await shell.goTo("connections");
    const row = connections.row("Failover pair");
    expect(await row.textContent()).toContain("+1 host");
    await row.getByTestId("profile-edit").click();
    expect(await connections.field("additionalHosts").inputValue()).toBe(`127.0.0.1:${db.server.port}`);
    expect(await connections.field("sslPassword").count()).toBe(0);
    await connections.field("sslmode").selectOption("require"); // the pasted URI said disable: no key fields
    await connections.field("sslKey").fill("/nonexistent/client.key");
    await connections.field("sslPassword").waitFor();
    expect(await connections.field("sslPassword").getAttribute("type")).toBe("password");
    await app.page.getByRole("button", { name: "Cancel" }).click();
    await app.page.getByTestId("profile-list").waitFor();
    expect(await app.page.content()).not.toContain(db.server.password);
    expect(app.browser.problems).toEqual([]);
  });

  it("shows Disconnected with a Retry button when the server cannot be reached", async () => {
    const { shell, connections } = app.pages;
    await shell.goTo("connections");
    await connections.startNew();
    const down = await closedPort();
    await connections.pasteConnectionString(
      `postgresql://postgres@127.0.0.1:${down}/postgres?sslmode=disable`,
    );
    await connections.field("name").fill("Nowhere");
    await connections.save();
    const banner = app.page.locator('[data-testid="connection-state"][data-state="disconnected"]');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Disconnected.*ECONNREFUSED.*retrying in \d+ s/);
    await banner.getByTestId("connection-retry").click();
    // the banner never left "disconnected", so wait for the failed retry itself to finish
    await app.page.waitForFunction(() => {
      const button = document.querySelector('[data-testid="connection-retry"]') as HTMLButtonElement | null;
      const state = document.querySelector('[data-testid="connection-state"]')?.getAttribute("data-state");
      return (
        button !== null && !button.disabled && button.textContent === "Retry" && state === "disconnected"
      );
    });
  });
});
