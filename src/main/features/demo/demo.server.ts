import { access, constants, mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import pg from "pg";
import { AppError } from "../../../shared/contract";
import { isAlive, startEmbeddedServer } from "../../db/embedded-postgres";
import { isPortTaken } from "../../db/ports";
import { serverVersion } from "../../db/server-version";

/** A demo server this app controls: started by it, or found running after a crash. */
export interface RunningServer {
  port: number;
  version: string;
  stop(): Promise<void>;
}

/** pg_stat_statements preloaded so the dashboards have statements to show. */
export const DEMO_SETTINGS = {
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track": "top",
  track_io_timing: "on",
  max_connections: "50",
};

export const DEMO_USER = "postgres";

/**
 * Starts the demo cluster (creating it when the folder is empty) on `port` or a free one.
 * A server left running by a crashed pgdesk is adopted rather than fought: its port comes
 * from postmaster.pid and the saved password must open it.
 */
export async function startDemoServer(options: {
  cluster: string;
  password: string;
  port?: number;
  onLog?: (line: string) => void;
}): Promise<RunningServer> {
  await ensureWritable(options.cluster);
  const orphan = await readPostmasterPid(options.cluster);
  if (orphan && isAlive(orphan.pid)) {
    const version = await probe(orphan.port, options.password).catch(() => undefined);
    if (version) return { port: orphan.port, version, stop: () => stopPid(orphan.pid) };
    throw new AppError(
      "CONFLICT",
      `Another PostgreSQL server (pid ${orphan.pid}) is running on the demo folder ${options.cluster} and pgdesk cannot log in to it. Stop that process, or remove the demo database and create it again.`,
    );
  }
  const start = (port?: number) =>
    startEmbeddedServer({
      dataDir: options.cluster,
      password: options.password,
      ...(port ? { port } : {}),
      settings: DEMO_SETTINGS,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
  let server: Awaited<ReturnType<typeof startEmbeddedServer>>;
  try {
    // last time's port keeps the saved profile as it is; when another program holds it, any free one
    server = await start(options.port).catch((err: unknown) => {
      if (options.port && isPortTaken(err)) return start();
      throw err;
    });
  } catch (err) {
    throw explainStartFailure(err, options.cluster);
  }
  try {
    return {
      port: server.port,
      version: await probe(server.port, options.password),
      stop: () => server.stop(),
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** Connects once as the demo's superuser; answers the server version. */
export async function probe(port: number, password: string): Promise<string> {
  const c = new pg.Client({
    host: "127.0.0.1",
    port,
    user: DEMO_USER,
    password,
    database: "postgres",
    connectionTimeoutMillis: 5_000,
  });
  await c.connect();
  try {
    return (await serverVersion(c)).text;
  } finally {
    await c.end();
  }
}

async function ensureWritable(cluster: string): Promise<void> {
  const parent = dirname(cluster);
  try {
    await mkdir(parent, { recursive: true });
    await access(parent, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AppError(
      "CONFLICT",
      code === "ENOSPC"
        ? `The disk holding ${parent} is full; free some space and try again.`
        : `pgdesk cannot write to ${parent} (${code ?? "error"}). Make the folder writable, or start pgdesk with PGDESK_DATA_DIR set to a folder it can write.`,
    );
  }
}

function explainStartFailure(err: unknown, cluster: string): AppError {
  const text = err instanceof Error ? err.message : String(err);
  if (/Cannot find (module|package)|no binaries|Unsupported platform|ERR_MODULE_NOT_FOUND/i.test(text)) {
    return new AppError(
      "UNSUPPORTED",
      `The embedded PostgreSQL server is not available for ${process.platform}-${process.arch}: ${text}. Connect to an existing server instead.`,
    );
  }
  if (/still running/.test(text)) return new AppError("CONFLICT", text);
  if (/No space left|ENOSPC/i.test(text))
    return new AppError("CONFLICT", `The disk holding ${cluster} is full; free some space and try again.`);
  if (/Address already in use|could not bind/i.test(text)) {
    return new AppError(
      "CONFLICT",
      `PostgreSQL found each port it was given taken by another program by the time it started: ${text}. Try again.`,
    );
  }
  if (/EACCES|Permission denied|EROFS|Read-only/i.test(text)) {
    return new AppError(
      "CONFLICT",
      `PostgreSQL cannot write to ${cluster}: ${text}. Choose another data folder (PGDESK_DATA_DIR) or fix its permissions.`,
    );
  }
  return new AppError("INTERNAL", `The demo PostgreSQL server did not start: ${text}`);
}

interface PidFile {
  pid: number;
  port: number;
}

async function readPostmasterPid(cluster: string): Promise<PidFile | undefined> {
  const text = await readFile(join(cluster, "postmaster.pid"), "utf8").catch(() => undefined);
  if (!text) return undefined;
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && Number.isInteger(port) ? { pid, port } : undefined;
}

/** Fast shutdown (SIGINT) of an adopted server, waiting up to 30 s for it to exit. */
async function stopPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/** Removes a cluster folder, and its temp parent when it is one of ours. */
export async function removeCluster(cluster: string): Promise<void> {
  await rm(cluster, { recursive: true, force: true });
  if (/pgdesk-demo-[0-9a-f]{12}$/.test(dirname(cluster)))
    await rm(dirname(cluster), { recursive: true, force: true });
}
