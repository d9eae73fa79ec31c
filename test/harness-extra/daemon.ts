import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { userInfo } from "node:os";

/** A long-running child this harness started; stopped by its own PID, never by name. */
export interface Daemon {
  pid: number;
  name: string;
  /** Everything it printed (last 64 kB), for error messages. */
  output(): string;
  exited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** The uid/gid of the `postgres` OS user when we are root (Patroni, PgBouncer and postgres refuse root). */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) =>
    Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** Starts `file` with an argument array (no shell), optionally as the postgres user. */
export function startDaemon(
  name: string,
  file: string,
  args: string[],
  options: { asPostgres?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Daemon {
  const as = options.asPostgres ? postgresUser() : undefined;
  const child: ChildProcess = spawn(file, args, {
    env: { ...process.env, ...options.env },
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
    ...as,
  });
  let output = "";
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-65_536);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("error", (err) => keep(Buffer.from(`spawn error: ${err.message}\n`)));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid ?? -1,
    name,
    output: () => output,
    exited,
    stop: async (graceMs = 15_000) => {
      if (exited() || child.pid === undefined) return;
      const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await done;
      clearTimeout(timer);
    },
  };
}

/** Whether a process with this PID is alive (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
