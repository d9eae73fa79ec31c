import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningWebHost {
  /** The URL `npm start` prints (it carries the one-time token). */
  launchUrl: string;
  origin: string;
  token: string;
  dataDir: string;
  /** The host process's id (a test that samples /proc walks its children from here). */
  pid: number;
  /** Everything the host printed, for assertions on logs. */
  output: () => string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: no shutdown, nothing flushed. */
  kill(): Promise<void>;
}

/**
 * Starts the BUILT web host (`node out/main/web.js`, what `npm start` falls back to)
 * on a fresh data folder and waits for the line with its URL.
 */
export async function startWebHostProcess(
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningWebHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "pgdesk-e2e-data-")));
  const ownsDataDir = options.dataDir === undefined;
  const child = spawn(process.execPath, ["out/main/web.js"], {
    env: { ...process.env, PGDESK_DATA_DIR: dataDir, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const launchUrl = await waitForUrl(child, () => output);
  const url = new URL(launchUrl);
  return {
    launchUrl,
    origin: url.origin,
    token: url.searchParams.get("token") ?? "",
    dataDir,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGKILL");
      await exited;
    },
  };
}

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web host printed no URL within 60 s:\n${output()}`)),
      60_000,
    );
    const check = () => {
      const m = /pgdesk web host ready: (\S+)/.exec(output());
      if (m) {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${output()}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
