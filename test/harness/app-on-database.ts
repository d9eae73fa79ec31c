import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { InputOf, OutputOf } from "../../src/shared/contract";
import { createTestApp, type TestApp } from "./app";
import { seededDatabase, type FreshDatabase, type Major, type Seed } from "./database";
import { startFaultProxy, type FaultProxy } from "./fault-proxy";

type ProfileDraft = InputOf<"profiles:save">["draft"];

export interface AppOnDatabaseOptions {
  /** The database name's prefix (the name gets a random suffix). */
  prefix: string;
  /** Arranges the data before the app connects: SQL text, or a function for more. */
  seed?: Seed;
  /**
   * The profile saved for the database: fields besides its connection (the name defaults to
   * "PG <major>"), or false for none.
   */
  profile?: Partial<ProfileDraft> | false;
  /** The profile reaches the server through a fault proxy (drops, stalls, slowness on demand). */
  proxy?: boolean;
  /** Opens an editor tab (query session) on the profile. */
  session?: boolean;
  /** A scratch folder of the test's own (backups, exports), made with this name prefix, removed at close. */
  folder?: string;
}

interface Started {
  app: TestApp | undefined;
  db: FreshDatabase;
  proxy?: FaultProxy;
  profileId?: string;
  session?: OutputOf<"query:openSession">;
  folder?: string;
}

/**
 * The app's services (as both hosts build them) and a database of the file's own on the
 * PostgreSQL test server, with a profile saved for it the way a user saves one. close()
 * undoes everything it made, whatever failed on the way.
 */
export class AppOnDatabase {
  private started: Started | undefined;

  constructor(
    readonly major: Major,
    readonly options: AppOnDatabaseOptions,
  ) {}

  get app(): TestApp {
    return present(this.state().app, "the app was closed (closeApp)");
  }

  get db(): FreshDatabase {
    return this.state().db;
  }

  get profileId(): string {
    return present(this.state().profileId, "no profile was saved (profile: false)");
  }

  /** The editor tab opened for `session: true`. */
  get session(): OutputOf<"query:openSession"> {
    return present(this.state().session, "no session was opened (session: true opens one)");
  }

  get sessionId(): string {
    return this.session.sessionId;
  }

  get proxy(): FaultProxy {
    return present(this.state().proxy, "the profile goes direct (proxy: true puts a fault proxy between)");
  }

  get folder(): string {
    return present(this.state().folder, "no folder was made (folder: '<prefix>' makes one)");
  }

  async start(): Promise<this> {
    const o = this.options;
    const db = await seededDatabase(this.major, o.prefix, o.seed);
    const started: Started = { app: undefined, db };
    this.started = started;
    if (o.folder) {
      started.folder = await mkdtemp(join(tmpdir(), o.folder));
      await chmod(started.folder, 0o755);
    }
    if (o.proxy) started.proxy = await startFaultProxy({ host: db.server.host, port: db.server.port });
    const app = (started.app = await createTestApp());
    if (o.profile !== false) {
      const via = started.proxy ? { name: "via proxy", port: started.proxy.port } : {};
      const draft = { name: `PG ${this.major}`, ...db.connection, ...via, ...o.profile };
      started.profileId = (await app.call("profiles:save", { draft })).id;
    }
    if (o.session) started.session = await app.call("query:openSession", { profileId: this.profileId });
    return this;
  }

  /** Closes the app alone (its sessions end), for a test of what closing leaves behind. */
  async closeApp(): Promise<void> {
    const app = this.state().app;
    this.state().app = undefined;
    await app?.close();
  }

  async close(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    if (!started) return;
    await started.app?.close();
    await started.proxy?.close();
    await started.db.drop();
    if (started.folder) await rm(started.folder, { recursive: true, force: true });
  }

  private state(): Started {
    return present(this.started, "the app has not started (read it inside a test or hook)");
  }
}

/** Starts it now (for a file that arranges more around it in its own hooks). */
export function startAppOnDatabase(major: Major, options: AppOnDatabaseOptions): Promise<AppOnDatabase> {
  return new AppOnDatabase(major, options).start();
}

/**
 * One app and database for the tests of the enclosing describe (or file): started before
 * them, closed after them. The tests read it when they run:
 * `const { app, db, profileId } = env;`.
 */
export function useAppOnDatabase(major: Major, options: AppOnDatabaseOptions): AppOnDatabase {
  const env = new AppOnDatabase(major, options);
  beforeAll(() => env.start());
  afterAll(() => env.close());
  return env;
}

function present<T>(value: T | undefined, missing: string): T {
  if (value === undefined) throw new Error(missing);
  return value;
}
