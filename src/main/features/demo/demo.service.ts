import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { SeedCancelled } from "../../../../prisma/seed/seed-env";
import { AppError } from "../../../shared/contract";
import type { DemoCredentials, DemoProgress, DemoSize, DemoStatus } from "../../../shared/contract/demo";
import type { AppContext } from "../handler-types";
import { BAR, createDatabase, ensureFolder, fillDatabase, type Progress } from "./demo.build";
import { demoPaths, type DemoPaths } from "./demo.paths";
import { DEMO_USER, removeCluster, startDemoServer, type RunningServer } from "./demo.server";
import { DEMO_DATABASE } from "./demo.sql";
import { readDemoState, writeDemoState, type DemoState } from "./demo.state";

type Ctx = Pick<AppContext, "dataDir" | "profiles" | "db" | "emit" | "log" | "onShutdown">;

interface Job {
  abort: AbortController;
  progress: DemoProgress;
  done: Promise<DemoStatus>;
}

/**
 * The demo database: one embedded PostgreSQL 15 server per app, its cluster in the app's
 * data folder, a database seeded by prisma/seed and a profile tagged "demo". One instance
 * per app (ctx.singleton); every method is safe to call concurrently.
 */
export class DemoService {
  private readonly paths: DemoPaths;
  private server: RunningServer | undefined;
  private starting: Promise<RunningServer | undefined> | undefined;
  private job: Job | undefined;
  private lastError: string | undefined;
  private shutdownHooked = false;
  /** The user stopped the server: status() does not start it again until start(). */
  private heldStopped = false;

  constructor(private readonly ctx: Ctx) {
    this.paths = demoPaths(ctx.dataDir);
  }

  async status(): Promise<DemoStatus> {
    const base = { dataDir: this.paths.cluster };
    if (this.job) return { ...base, state: "creating", progress: this.job.progress };
    const state = await this.existing();
    if (!state)
      return {
        ...base,
        state: this.lastError ? "failed" : "absent",
        ...(this.lastError ? { error: this.lastError } : {}),
      };
    const known = { ...base, profileId: state.profileId, size: state.size };
    if (this.server)
      return { ...known, state: "running", port: this.server.port, serverVersion: this.server.version };
    if (this.lastError) return { ...known, state: "failed", error: this.lastError };
    if (this.heldStopped) return { ...known, state: "stopped" };
    if (!this.starting) void this.ensure().catch(() => undefined);
    return { ...known, state: this.starting ? "starting" : "stopped" };
  }

  /**
   * Starts the server of an existing demo (at app start, or before its profile is used).
   * Answers undefined when there is no demo. A port taken since last time is replaced by
   * a free one and the profile updated.
   */
  ensure(): Promise<RunningServer | undefined> {
    if (this.server) return Promise.resolve(this.server);
    this.starting ??= (async () => {
      const state = await this.existing();
      if (!state) return undefined;
      const params = await this.ctx.profiles.connectionParams(state.profileId);
      try {
        const server = await startDemoServer({
          cluster: state.cluster,
          password: params.password ?? "",
          port: params.port,
          onLog: this.serverLog,
        });
        this.adopt(server);
        this.lastError = undefined;
        if (server.port !== params.port) {
          const profile = await this.ctx.profiles.get(state.profileId);
          await this.ctx.profiles.save(state.profileId, { ...profile, port: server.port });
          await this.ctx.db.closeProfile(state.profileId);
          this.ctx.log.info(`demo server moved to port ${server.port} (port ${params.port} was taken)`);
        }
        return server;
      } catch (err) {
        this.lastError = err instanceof Error ? err.message : String(err);
        throw err;
      }
    })().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Creates the demo; a second call while one runs waits for the same creation. */
  create(size: DemoSize): Promise<DemoStatus> {
    if (this.job) return this.job.done;
    const abort = new AbortController();
    const job: Job = {
      abort,
      progress: { phase: "Preparing", percent: 0 },
      done: Promise.resolve(undefined as never),
    };
    this.job = job;
    job.done = this.build(size, job).finally(() => {
      if (this.job === job) this.job = undefined;
    });
    return job.done;
  }

  cancel(): void {
    this.job?.abort.abort();
  }

  /** Starts the server of the existing demo (after stop(), or a failed start). */
  async start(): Promise<DemoStatus> {
    if (!(await this.existing())) throw new AppError("NOT_FOUND", "There is no demo database to start.");
    this.heldStopped = false;
    this.lastError = undefined;
    await this.ensure();
    return this.status();
  }

  /** Stops the server on the user's request; the data stays. */
  async stopByUser(): Promise<DemoStatus> {
    const state = await this.existing();
    if (!state) throw new AppError("NOT_FOUND", "There is no demo database to stop.");
    this.heldStopped = true;
    await this.starting?.catch(() => undefined);
    await this.ctx.db.closeProfile(state.profileId);
    await this.stop();
    return this.status();
  }

  /** Builds the demo again from scratch at its size (default: demo). */
  async reset(): Promise<DemoStatus> {
    const size = (await this.existing())?.size ?? "demo";
    await this.remove();
    return this.create(size);
  }

  /** The running demo's connection details, its generated password included. */
  async credentials(): Promise<DemoCredentials> {
    const state = await this.existing();
    if (!state) throw new AppError("NOT_FOUND", "There is no demo database.");
    const params = await this.ctx.profiles.connectionParams(state.profileId);
    return {
      host: params.host,
      port: params.port,
      user: params.user,
      database: params.database,
      password: params.password ?? "",
    };
  }

  /** Stops the server and deletes the cluster, the state file and the demo's profile only. */
  async remove(): Promise<DemoStatus> {
    if (this.job) {
      this.job.abort.abort();
      await this.job.done.catch(() => undefined);
    }
    await this.starting?.catch(() => undefined);
    const state = await readDemoState(this.paths.state);
    await this.stop();
    if (state) {
      await this.ctx.db.closeProfile(state.profileId);
      await this.ctx.profiles.delete(state.profileId).catch((err: unknown) => {
        if (!(err instanceof AppError && err.code === "NOT_FOUND")) throw err;
      });
    }
    await removeCluster(state?.cluster ?? this.paths.cluster);
    await rm(this.paths.folder, { recursive: true, force: true });
    this.lastError = undefined;
    this.heldStopped = false;
    return this.status();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  /** The saved demo, if its profile still exists (a user may have deleted the profile). */
  private async existing(): Promise<DemoState | undefined> {
    const state = await readDemoState(this.paths.state);
    if (!state) return undefined;
    const profiles = await this.ctx.profiles.list();
    return profiles.some((p) => p.id === state.profileId) ? state : undefined;
  }

  private adopt(server: RunningServer): void {
    this.server = server;
    if (!this.shutdownHooked) {
      this.shutdownHooked = true;
      this.ctx.onShutdown(() => this.stop());
    }
  }

  private readonly serverLog = (line: string) => {
    if (/FATAL|PANIC|ERROR/.test(line)) this.ctx.log.warn(`demo server: ${line.trim().slice(0, 500)}`);
  };

  private async build(size: DemoSize, job: Job): Promise<DemoStatus> {
    const progress: Progress = (phase, percent) => {
      job.progress = { phase, percent: Math.round(percent) };
      this.ctx.emit("demo:didProgress", job.progress);
    };
    const check = () => {
      if (job.abort.signal.aborted) throw new SeedCancelled();
    };
    this.lastError = undefined;
    const previous = await readDemoState(this.paths.state);
    if (previous && (await this.existing())) {
      await this.ensure();
      this.job = undefined;
      return this.status();
    }
    // a leftover folder without a profile is a demo whose profile was deleted, or a failed try
    await this.stop();
    await removeCluster(this.paths.cluster);
    if (previous) await removeCluster(previous.cluster);
    await ensureFolder(this.paths.folder);
    let server: RunningServer | undefined;
    try {
      progress("Starting PostgreSQL 15", 1);
      const password = randomBytes(24).toString("base64url");
      server = await startDemoServer({ cluster: this.paths.cluster, password, onLog: this.serverLog });
      check();
      progress("Creating the database", BAR.server[1]);
      const connection = await createDatabase(server.port, password);
      await fillDatabase(connection, size, job.abort.signal, progress);
      check();
      await this.remember(server, password, size);
      progress("Done", 100);
      this.job = undefined;
      return this.status();
    } catch (err) {
      return this.failed(err, server, job);
    }
  }

  /** The demo's profile and state file; from now on the server is the app's demo. */
  private async remember(server: RunningServer, password: string, size: DemoSize): Promise<void> {
    const profile = await this.ctx.profiles.save(undefined, {
      name: "Demo database",
      host: "127.0.0.1",
      port: server.port,
      database: DEMO_DATABASE,
      user: DEMO_USER,
      password,
      tag: "demo",
      sslmode: "disable",
    });
    await writeDemoState(this.paths.state, {
      version: 1,
      profileId: profile.id,
      cluster: this.paths.cluster,
      size,
      createdAt: new Date().toISOString(),
    });
    this.adopt(server);
  }

  /** Creation failed or was cancelled: nothing is left behind, and the reason is kept for the status. */
  private async failed(err: unknown, server: RunningServer | undefined, job: Job): Promise<never> {
    await server?.stop().catch((e: unknown) => this.ctx.log.warn("demo server did not stop cleanly", e));
    await removeCluster(this.paths.cluster).catch((e: unknown) =>
      this.ctx.log.warn("demo folder was not removed", e),
    );
    if (err instanceof SeedCancelled || job.abort.signal.aborted) {
      throw new AppError("CANCELLED", "Creating the demo database was cancelled; nothing was left behind.");
    }
    this.lastError = err instanceof Error ? err.message : String(err);
    this.ctx.log.error("creating the demo database failed", err);
    if (err instanceof AppError) throw err;
    throw new AppError(
      "INTERNAL",
      `Creating the demo database failed: ${this.lastError}. Nothing was left behind; try again.`,
    );
  }
}

/** The app's one demo service. */
export function demoService(ctx: Ctx & Pick<AppContext, "singleton">): DemoService {
  return ctx.singleton("demo", () => new DemoService(ctx));
}

/**
 * Starts the demo server at app start when a demo exists, so its profile connects.
 * Hosts call this once after building the context; failures are logged, not thrown
 * (the Connections page shows them through demo:status).
 */
export async function ensureDemoServer(ctx: Ctx & Pick<AppContext, "singleton">): Promise<void> {
  try {
    await demoService(ctx).ensure();
  } catch (err) {
    ctx.log.warn("the demo database server did not start", err);
  }
}
