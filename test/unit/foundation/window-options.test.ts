import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "../../../src/main/csp";
import type { BrowserWindowConstructorOptions } from "electron";
import { createMainWindow, isExternalLinkAllowed } from "../../../src/main/window-options";

/** Stands in for Electron's BrowserWindow and keeps the options the app passed. */
class CapturingWindow {
  static last: BrowserWindowConstructorOptions | undefined;
  constructor(options: BrowserWindowConstructorOptions) {
    CapturingWindow.last = options;
  }
}

describe("the Electron window the app builds", () => {
  createMainWindow(CapturingWindow, "/app/preload/index.cjs");
  const prefs = CapturingWindow.last!.webPreferences!;

  it("isolates the page from Node and Electron", () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.preload).toBe("/app/preload/index.cjs");
    expect(prefs.disableBlinkFeatures).toBe("Auxclick");
  });

  it("has a CSP whose scripts allow neither inline code nor eval", () => {
    const csp = contentSecurityPolicy();
    const script = csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src"));
    expect(script).toBe("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
  });

  it("ships the same script policy in the page itself (file:// loads have no headers)", async () => {
    const html = await readFile("src/renderer/index.html", "utf8");
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(meta).toContain("script-src 'self';");
    expect(meta).not.toMatch(/unsafe-inline'[^;]*;?\s*$|script-src[^;]*unsafe/);
  });

  it("opens only http and https links outside the app", () => {
    expect(isExternalLinkAllowed("https://www.postgresql.org/docs/")).toBe(true);
    expect(isExternalLinkAllowed("http://example.com")).toBe(true);
    for (const url of [
      "file:///etc/passwd",
      "javascript:alert(1)",
      "smb://host/share",
      "not a url",
      "data:text/html,x",
    ]) {
      expect(isExternalLinkAllowed(url)).toBe(false);
    }
  });

  it("blocks navigation, new windows, webviews and permission requests in the Electron entry", async () => {
    const main = await readFile("src/main/index.ts", "utf8");
    expect(main).toMatch(/will-navigate[\s\S]*preventDefault/);
    expect(main).toMatch(/setWindowOpenHandler\([\s\S]*action: "deny"/);
    expect(main).toMatch(/will-attach-webview[\s\S]*preventDefault/);
    expect(main).toMatch(
      /setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/,
    );
  });
});
