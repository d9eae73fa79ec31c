import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedServer, type EmbeddedServer } from "../../src/main/db/embedded-postgres";

export interface PrivateServerOptions {
  password: string;
  /** postgres -c settings (fsync is off unless given). */
  settings?: Record<string, string>;
  /** The temp folder's name prefix. */
  prefix?: string;
}

/**
 * A PostgreSQL 15 server of the test's own, for what the shared test servers must not see
 * (TLS, pg_hba rules, being stopped and started): embedded, in a fresh temp folder the
 * `postgres` user can write, on a free port. stop() and start() again keep its port and
 * data; dispose() stops it and removes the folder.
 */
export class PrivateServer {
  private server: EmbeddedServer | undefined;

  private constructor(
    readonly root: string,
    private readonly options: PrivateServerOptions,
  ) {}

  static async start(options: PrivateServerOptions): Promise<PrivateServer> {
    const root = await mkdtemp(join(tmpdir(), options.prefix ?? "pgdesk-private-pg-"));
    await chmod(root, 0o777);
    const s = new PrivateServer(root, options);
    try {
      await s.start();
    } catch (err) {
      await rm(root, { recursive: true, force: true });
      throw err;
    }
    return s;
  }

  get port(): number {
    return this.running().port;
  }

  get user(): string {
    return this.running().user;
  }

  get password(): string {
    return this.options.password;
  }

  get dataDir(): string {
    return join(this.root, "data");
  }

  /** Starts it (again, on the port it had). */
  async start(): Promise<void> {
    const port = this.lastPort;
    this.server = await startEmbeddedServer({
      dataDir: this.dataDir,
      password: this.options.password,
      ...(port ? { port } : {}),
      settings: { fsync: "off", ...this.options.settings },
    });
    this.lastPort = this.server.port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    await s?.stop();
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.root, { recursive: true, force: true });
  }

  private lastPort: number | undefined;

  private running(): EmbeddedServer {
    if (!this.server) throw new Error("the private server is stopped");
    return this.server;
  }
}
