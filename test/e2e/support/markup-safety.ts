import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { cspViolations, type E2EBrowser } from "./browser";

/** Tags none of pgdesk's screens renders: if one is in the DOM, markup from the server became HTML. */
const FOREIGN_TAGS = "img, iframe, object, embed, video, audio, source, marquee, math, frame, frameset, base";

/**
 * Checks that hostile strings show as literal text and never act, screen by screen,
 * and keeps count of what it checked for the summary.
 */
export class MarkupSafetyLedger {
  /** payload -> screens it was seen on as text */
  private readonly seen = new Map<string, Set<string>>();
  private readonly screens = new Set<string>();
  assertions = 0;

  constructor(
    private readonly b: E2EBrowser,
    private readonly payloads: readonly string[],
    private readonly canary: string,
  ) {}

  /**
   * Waits until every text shows, literally, in the container's text. An entry may name
   * the exact form a screen shows a payload in (e.g. as a quoted SQL identifier).
   */
  async expectLiteral(
    screen: string,
    container: Locator,
    texts: ReadonlyArray<string | { payload: string; shown: string }>,
  ): Promise<void> {
    this.screens.add(screen);
    for (const entry of texts) {
      const { payload, shown } = typeof entry === "string" ? { payload: entry, shown: entry } : entry;
      await expect
        .poll(async () => (await container.allTextContents()).join("\n"), {
          timeout: 20_000,
          message: `${screen} shows ${JSON.stringify(shown)} as text`,
        })
        .toContain(shown);
      this.assertions++;
      if (!this.seen.has(payload)) this.seen.set(payload, new Set());
      this.seen.get(payload)!.add(screen);
    }
  }

  /** Nothing ran and nothing became an element: canary unset, Object.prototype clean, no foreign tags or handlers, no CSP report, no console noise from a payload. */
  async expectInert(screen: string): Promise<void> {
    this.screens.add(screen);
    const page = this.b.page;
    expect(
      await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], this.canary),
      `${screen}: canary`,
    ).toBeUndefined();
    expect(
      await page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).filter((k) => k === "polluted")),
      `${screen}: Object.prototype`,
    ).toEqual([]);
    expect(await activeMarkup(page), `${screen}: elements or handlers from a payload`).toEqual([]);
    expect(await cspViolations(page), `${screen}: CSP violations`).toEqual([]);
    const fromPayloads = this.b.problems.filter(
      (p) => p.includes(this.canary) || this.payloads.some((x) => p.includes(x)),
    );
    expect(fromPayloads, `${screen}: console errors mentioning a payload`).toEqual([]);
    this.assertions += 5;
  }

  summary(): { payloads: number; screens: number; pairs: number; assertions: number; line: string } {
    const pairs = [...this.seen.values()].reduce((n, s) => n + s.size, 0);
    const line =
      `hostile-server: ${this.seen.size} of ${this.payloads.length} payloads seen as text across ${this.screens.size} screens ` +
      `(${pairs} payload×screen checks, ${this.assertions} assertions)`;
    return { payloads: this.seen.size, screens: this.screens.size, pairs, assertions: this.assertions, line };
  }

  /** Payloads never checked on any screen (should be none). */
  unseen(): string[] {
    return this.payloads.filter((p) => !this.seen.has(p));
  }
}

/** Elements and attributes that only exist if markup from data was parsed: foreign tags, inline handlers, javascript: URLs, inline scripts naming the canary. */
export function activeMarkup(page: Page): Promise<string[]> {
  return page.evaluate((foreign) => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll(foreign)))
      found.push(`<${el.tagName.toLowerCase()}>`);
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
        if (
          /^\s*javascript:/i.test(attr.value) &&
          /^(href|src|action|formaction|data|xlink:href|srcdoc)$/i.test(attr.name)
        ) {
          found.push(`<${el.tagName.toLowerCase()} ${attr.name}=javascript:>`);
        }
        if (attr.name === "srcdoc") found.push(`<${el.tagName.toLowerCase()} srcdoc>`);
      }
    }
    for (const s of Array.from(document.scripts))
      if ((s.textContent ?? "").includes("__pwned")) found.push("<script> with the canary");
    return found;
  }, FOREIGN_TAGS);
}
