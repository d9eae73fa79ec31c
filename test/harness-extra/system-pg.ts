import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { startOnFreePort } from "../harness/ports";

/** Debian's PostgreSQL 15 server binaries (package postgresql-15); extensions such as hypopg extend these. */
export const SYSTEM_PG_BIN = "/usr/lib/postgresql/15/bin";

export interface SystemServer {
  host: string;
  port: number;
  user: string;
  password: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface SystemServerOptions {
  binDir?: string;
  /** postgres -c settings. */
  settings?: Record<string, string>;
  /** pg_hba.conf's whole text, written before the server starts (default: initdb's). */
  hba?: string;
  /** Extra environment for the server (e.g. LOCPATH for a locale compiled into a temp folder). */
  env?: NodeJS.ProcessEnv;
}

/** Whether the system binaries are installed (tests that need them can say so clearly). */
export function systemPgAvailable(binDir = SYSTEM_PG_BIN): boolean {
  return existsSync(join(binDir, "initdb")) && existsSync(join(binDir, "pg_ctl"));
}

/**
 * Starts a throwaway PostgreSQL from the system binaries: initdb into a fresh 0777 temp
 * folder, pg_ctl start on a free loopback port (another if it was taken meanwhile), scram
 * password for `postgres`. As root, every step runs as the `postgres` OS user (initdb
 * refuses root). stop() stops the server and removes the folder.
 */
export async function startSystemServer(options: SystemServerOptions = {}): Promise<SystemServer> {
  const bin = options.binDir ?? SYSTEM_PG_BIN;
  if (!systemPgAvailable(bin))
    throw new Error(`No PostgreSQL server binaries in ${bin} (install postgresql-15).`);
  const root = await mkdtemp(join(tmpdir(), "pgdesk-syspg-"));
  await chmod(root, 0o777);
  const dataDir = join(root, "data");
  const password = "pgdesk-system-test";
  const pwfile = join(root, "pwfile");
  await writeFile(pwfile, `${password}\n`, { mode: 0o644 });
  let port = 0;
  const stop = async () => {
    if (existsSync(join(dataDir, "postmaster.pid"))) {
      await run(join(bin, "pg_ctl"), ["stop", "-D", dataDir, "-m", "fast", "-w"]).catch(() => undefined);
    }
    await rm(root, { recursive: true, force: true });
  };
  try {
    await run(join(bin, "initdb"), [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=scram-sha-256",
      `--pwfile=${pwfile}`,
      "--encoding=UTF8",
      "--no-sync",
    ]);
    if (options.hba !== undefined) await writeFile(join(dataDir, "pg_hba.conf"), options.hba);
    port = await startOnFreePort(async (p) => {
      const settings = {
        listen_addresses: "127.0.0.1",
        port: String(p),
        unix_socket_directories: root,
        fsync: "off",
        ...options.settings,
      };
      const opts = Object.entries(settings)
        .map(([k, v]) => `-c ${k}=${v}`)
        .join(" ");
      const log = join(root, `server-${p}.log`);
      await run(
        join(bin, "pg_ctl"),
        ["start", "-D", dataDir, "-w", "-t", "60", "-l", log, "-o", opts],
        options.env,
      ).catch(async (err: Error) => {
        // the server's log says why (e.g. the port was taken meanwhile: then another port is tried)
        throw new Error(`${err.message}\nserver log:\n${await readFile(log, "utf8").catch(() => "")}`);
      });
      return p;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { host: "127.0.0.1", port, user: "postgres", password, dataDir, stop };
}

/** Runs a server binary (as `postgres` when we are root), with an argument array, no shell. */
function run(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  const asRoot = userInfo().uid === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: tmpdir(),
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${file} ${args[0] ?? ""} exited with ${code}: ${output.trim()}`)),
    );
  });
}
