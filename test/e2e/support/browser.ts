import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export interface E2EBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen on the page. */
  problems: string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with the flags this machine needs (no network chatter); Playwright gives it a fresh temp profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PGDESK_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** Chromium with one page that records console errors, page errors and CSP violations. */
export async function launchBrowser(): Promise<E2EBrowser> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations ??= [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return {
    browser,
    context,
    page,
    problems,
    close: async () => {
      await browser.close();
    },
  };
}

/** CSP violations the page reported (the init script records them). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}
