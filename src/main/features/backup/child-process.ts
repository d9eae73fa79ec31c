import { spawn } from "node:child_process";
import { AppError } from "../../../shared/contract";

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Each line of stderr as it arrives. */
  onStderrLine?: (line: string) => void;
  /** Each chunk of stdout; when absent stdout is discarded. */
  onStdout?: (chunk: Buffer) => void;
  onSpawn?: (pid: number) => void;
  /**
   * Connects with this password (childEnv's `password`): `--password` makes the tool prompt
   * once before connecting, and the answer goes through its stdin. The child gets a session
   * of its own (no controlling terminal), so libpq's prompt reads stdin rather than
   * /dev/tty; parallel workers (--jobs) reuse the answer. Nothing reaches argv, environ or
   * disk. The prompt's own "Password: " line is not reported.
   * On Windows libpq prompts on the console (CONIN$), not stdin, so there the password
   * goes in the child's PGPASSWORD, readable only by the same user (untested here).
   */
  password?: string;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Last stderr lines, for the error message. */
  stderrTail: string[];
}

/**
 * Runs a client tool with an argument array (never a shell). Aborting sends SIGTERM and,
 * if the tool lingers, SIGKILL; the promise settles only when the process has exited,
 * so callers can clean up its files afterwards.
 */
export function runTool(path: string, args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new AppError("CANCELLED", "Cancelled"));
    const windows = process.platform === "win32";
    const prompted = options.password !== undefined && !windows;
    const env =
      options.password !== undefined && windows
        ? { ...options.env, PGPASSWORD: options.password }
        : options.env;
    const child = spawn(path, prompted ? ["--password", ...args] : args, {
      env,
      shell: false,
      windowsHide: true,
      detached: prompted,
      stdio: [prompted ? "pipe" : "ignore", options.onStdout ? "pipe" : "ignore", "pipe"],
    });
    if (prompted) {
      // a tool that exits before reading (bad option, missing file) closes the pipe: not our error
      child.stdin!.on("error", () => undefined);
      child.stdin!.end(`${options.password}\n`);
    }
    let promptSeen = !prompted;
    const tail: string[] = [];
    let partial = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) emitLine(line);
    });
    const emitLine = (line: string) => {
      if (!promptSeen && line === "Password: ") {
        promptSeen = true;
        return;
      }
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.onStderrLine?.(line);
    };
    if (options.onStdout) child.stdout?.on("data", options.onStdout);
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.once("spawn", () => child.pid !== undefined && options.onSpawn?.(child.pid));
    child.once("error", (err) => {
      options.signal?.removeEventListener("abort", onAbort);
      reject(new AppError("INTERNAL", `Could not start ${path}: ${err.message}`));
    });
    child.once("close", (code, signal) => {
      if (partial) emitLine(partial);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve({ code, signal, stderrTail: tail });
    });
  });
}

/** One line saying why a tool failed, from its own last words. */
export function toolFailure(tool: string, result: RunResult): string {
  const said = result.stderrTail.filter(
    (l) =>
      l.trim() &&
      !/^\S+: (dumping|reading|processing|creating|executing|finished|launching|saving|last built-in|identifying|flagging|setting|connecting)/.test(
        l,
      ),
  );
  // the tool's own error lines say why; LINE/HINT context and progress chatter do not
  const errors = said.filter((l) => /\b(ERROR|FATAL|error|fatal):/.test(l));
  const why = (errors.length ? errors.slice(-2) : said.slice(-3)).join(" ").trim();
  const how = result.signal ? `was killed (${result.signal})` : `exited with code ${result.code}`;
  return `${tool} ${how}${why ? `: ${why}` : ""}`;
}
