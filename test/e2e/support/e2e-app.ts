import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { demoPaths } from "../../../src/main/features/demo/demo.paths";
import { seededDatabase, type FreshDatabase, type Major, type Seed } from "../../harness/database";
import { pagesOf, type Pages } from "../pages";
import type { ProfileFields } from "../pages/profiles.page";
import { cspViolations, launchBrowser, type E2EBrowser } from "./browser";
import { startWebHostProcess, type RunningWebHost } from "./web-host";

export interface E2eDatabaseOptions {
  /** The test server's major version; default 15. */
  major?: Major;
  /** The database name's prefix (the name gets a random suffix). */
  prefix: string;
  /** Arranges the data before the host starts: SQL text, or a function for more. */
  seed?: Seed;
}

export interface E2eAppOptions {
  /** A fresh database of the file's own on the PostgreSQL test server, dropped at close. */
  database?: E2eDatabaseOptions;
  /** Adds and opens a profile as a user types it: a name (for `database`), or a whole login. */
  profile?: string | ProfileFields;
  /** Creates the demo database from its card and waits for its overview. */
  demo?: boolean;
  /** The area to end on, by its navigation name ("query", "schema", ...). */
  area?: string;
  /** The host's data folder when the test owns one (kept at close); default a fresh temp folder. */
  dataDir?: string;
  /** Arranges the data folder before the host first starts (files an earlier run left). */
  prepare?: (dataDir: string) => Promise<unknown>;
  /** Extra environment for the host process. */
  env?: NodeJS.ProcessEnv;
  /** false: the web host alone, for a test that talks to it over HTTP itself. */
  browser?: boolean;
}

/** Seeding the demo takes a minute or two on a loaded machine. */
export const DEMO_TIMEOUT_MS = 300_000;

/**
 * The app as an end-to-end test meets it: the BUILT web host on a data folder of its own,
 * Debian's Chromium on the printed URL, and whatever the test asked for on the way (a
 * database with a profile, the demo, an area). Tests talk to the UI through `pages`.
 * close() stops everything it started and removes what it made, whatever failed.
 */
export class E2eApp {
  private hostNow: RunningWebHost | undefined;
  private browserNow: E2EBrowser | undefined;
  private dbNow: FreshDatabase | undefined;
  private pagesNow: Pages | undefined;
  private dataDirNow: string | undefined;

  constructor(readonly options: E2eAppOptions = {}) {}

  get host(): RunningWebHost {
    return present(this.hostNow, "the web host is not running");
  }

  get browser(): E2EBrowser {
    return present(this.browserNow, "the app was started without a browser");
  }

  get page(): Page {
    return this.browser.page;
  }

  get pages(): Pages {
    return present(this.pagesNow, "the app was started without a browser");
  }

  /** The database made for `options.database`. */
  get db(): FreshDatabase {
    return present(this.dbNow, "the app was started without a database");
  }

  get dataDir(): string {
    return present(this.dataDirNow, "the app has not started");
  }

  async start(): Promise<this> {
    const o = this.options;
    this.dataDirNow = o.dataDir ?? (await mkdtemp(join(tmpdir(), "pgdesk-e2e-data-")));
    await o.prepare?.(this.dataDirNow);
    if (o.database)
      this.dbNow = await seededDatabase(o.database.major ?? 15, o.database.prefix, o.database.seed);
    await this.startHostAndBrowser();
    if (!this.browserNow) return this;
    if (o.profile) await this.addProfile(o.profile);
    if (o.demo) await this.pages.demo.createAndOpen();
    if (o.area) await this.pages.shell.goTo(o.area);
    return this;
  }

  /** Adds a profile through the Connections form and waits for its overview. */
  async addProfile(profile: string | ProfileFields): Promise<void> {
    const fields = typeof profile === "string" ? loginFor(this.db, profile) : profile;
    await this.pages.shell.goTo("connections");
    await this.pages.profiles.add(fields);
    await this.pages.overview.waitForLoaded();
  }

  /** Stops the host (the page is sent away first, so it does not knock on a stopped host). */
  async stopHost(): Promise<void> {
    if (this.browserNow) await this.page.goto("about:blank");
    const host = this.hostNow;
    this.hostNow = undefined;
    await host?.stop();
  }

  /** Starts a new host on the same data folder (as a restarted app) and opens its URL. */
  async startHost(): Promise<void> {
    this.hostNow = await startWebHostProcess({ dataDir: this.dataDir, env: this.options.env });
    if (this.browserNow) await this.pages.shell.open(this.host.launchUrl);
  }

  /** Nothing went wrong in the page: no CSP violation, no console error. */
  async expectNoProblems(): Promise<void> {
    expect(await cspViolations(this.page), "CSP violations").toEqual([]);
    expect(this.browser.problems, "console errors").toEqual([]);
  }

  async close(): Promise<void> {
    await this.browserNow?.close();
    this.browserNow = undefined;
    await this.stopHost();
    if (this.dataDirNow) {
      // the host's shutdown stopped the demo server; as root its cluster lives outside the data folder
      await rm(dirname(demoPaths(this.dataDirNow).cluster), { recursive: true, force: true });
      if (!this.options.dataDir) await rm(this.dataDirNow, { recursive: true, force: true });
    }
    await this.dbNow?.drop();
    this.dbNow = undefined;
  }

  /** Host and browser start side by side; whichever started is kept for close() if the other failed. */
  private async startHostAndBrowser(): Promise<void> {
    const started = await Promise.allSettled([
      startWebHostProcess({ dataDir: this.dataDir, env: this.options.env }).then((h) => (this.hostNow = h)),
      this.options.browser === false
        ? undefined
        : launchBrowser().then((b) => {
            this.browserNow = b;
            this.pagesNow = pagesOf(b.page);
          }),
    ]);
    for (const s of started) if (s.status === "rejected") throw s.reason;
    if (this.browserNow) await this.pages.shell.open(this.host.launchUrl);
  }
}

/** Starts the app now (for a file that arranges more around it in its own hooks). */
export function startE2eApp(options: E2eAppOptions = {}): Promise<E2eApp> {
  return new E2eApp(options).start();
}

/**
 * One app for the tests of the enclosing describe (or file): started before them, closed
 * after them. The tests read it when they run.
 */
export function useE2eApp(options: E2eAppOptions = {}): E2eApp {
  const app = new E2eApp(options);
  beforeAll(() => app.start(), options.demo ? DEMO_TIMEOUT_MS : undefined);
  afterAll(() => app.close());
  return app;
}

/** The login a user would type for a test database (its server's superuser). */
export function loginFor(db: FreshDatabase, name: string): ProfileFields {
  return {
    name,
    host: "127.0.0.1",
    port: db.server.port,
    database: db.name,
    user: db.server.user,
    password: db.server.password,
  };
}

function present<T>(value: T | undefined, missing: string): T {
  if (value === undefined) throw new Error(missing);
  return value;
}
