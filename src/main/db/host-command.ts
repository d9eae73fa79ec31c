import { spawn } from "node:child_process";
import { userInfo } from "node:os";
import { AppError } from "../../shared/contract";
import { connectSsh, type SshTunnelParams } from "./ssh-tunnel";

/** Where a command runs: this machine, or the database host over the profile's SSH settings. */
export type CommandHost = { kind: "local" } | { kind: "ssh"; ssh: SshTunnelParams };

export interface CommandSpec {
  file: string;
  args: string[];
  /** The OS user the command must run as (e.g. the owner of the data directory). */
  asUser: string;
  /** Variables for this child only (secrets such as PGBACKREST_REPO2_S3_KEY); never logged. */
  env?: Record<string, string>;
  /** Written to the command's stdin (then closed). */
  stdin?: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  onStdoutLine?: ((line: string) => void) | undefined;
  onStderrLine?: ((line: string) => void) | undefined;
}

export interface CommandResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs `file args…` as `asUser` with an argument array. Locally: directly when we are that
 * user, through runuser when we are root, sudo -n otherwise. Over SSH: the same argument
 * vector, each word single-quoted for the remote shell; secrets travel on the channel's
 * stdin and are exported by a fixed script, never in the command line.
 */
export function runOnHost(host: CommandHost, spec: CommandSpec): Promise<CommandResult> {
  if (spec.signal?.aborted) return Promise.reject(new AppError("CANCELLED", "Cancelled"));
  return host.kind === "local" ? runLocal(spec) : runOverSsh(host.ssh, spec);
}

/** The argument vector that runs `file` as `user` when the caller is `me`. */
export function asUserArgv(
  me: string,
  user: string,
  file: string,
  args: string[],
  keepEnv: string[] = [],
): string[] {
  if (me === user) return [file, ...args];
  if (me === "root") return ["runuser", "-u", user, "--", file, ...args];
  const preserve = keepEnv.length ? [`--preserve-env=${keepEnv.join(",")}`] : [];
  return ["sudo", "-n", "-u", user, ...preserve, "--", file, ...args];
}

/** POSIX single-quoting of one word for a remote shell. */
export function shellQuote(word: string): string {
  if (word.includes("\u0000")) throw new AppError("VALIDATION", "an argument contains a NUL byte");
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Reads NAME=value lines from stdin up to an empty line, exports them, then runs the arguments. */
const EXPORT_FROM_STDIN = 'while IFS= read -r l && [ -n "$l" ]; do export "$l"; done; exec "$@"';

/** The remote command line for an argument vector, and what its stdin must carry. */
export function remoteCommand(
  sshUser: string,
  spec: Pick<CommandSpec, "file" | "args" | "asUser" | "env" | "stdin">,
): { command: string; stdin: string } {
  const env = Object.entries(spec.env ?? {});
  for (const [k, v] of env)
    if (!/^[A-Z_][A-Z0-9_]*$/.test(k) || /[\n\r]/.test(v) || v.includes("\u0000"))
      throw new AppError("VALIDATION", `environment variable ${k} cannot be passed (name or line break)`);
  const inner = env.length
    ? ["sh", "-c", EXPORT_FROM_STDIN, "pgdesk-env", spec.file, ...spec.args]
    : [spec.file, ...spec.args];
  const argv = asUserArgv(sshUser, spec.asUser, inner[0]!, inner.slice(1));
  return {
    command: argv.map(shellQuote).join(" "),
    stdin: (env.length ? `${env.map(([k, v]) => `${k}=${v}`).join("\n")}\n\n` : "") + (spec.stdin ?? ""),
  };
}

function lineSplitter(onLine?: (line: string) => void): { push(chunk: string): void; end(): void } {
  let partial = "";
  return {
    push(chunk) {
      if (!onLine) return;
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) onLine(l);
    },
    end() {
      if (onLine && partial) onLine(partial);
      partial = "";
    },
  };
}

/** The app's environment without pgBackRest or libpq settings that could redirect the child. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith("PGBACKREST_") && !k.startsWith("PG")) env[k] = v;
  env.LC_ALL = "C";
  return { ...env, ...extra };
}

function runLocal(spec: CommandSpec): Promise<CommandResult> {
  const me = userInfo().username;
  const argv = asUserArgv(me, spec.asUser, spec.file, spec.args, Object.keys(spec.env ?? {}));
  return new Promise((resolve, reject) => {
    // its own process group: a timeout or cancel stops every process it started
    const child = spawn(argv[0]!, argv.slice(1), {
      env: cleanEnv(spec.env),
      cwd: "/",
      shell: false,
      detached: true,
      stdio: [spec.stdin !== undefined ? "pipe" : "ignore", "pipe", "pipe"],
    });
    if (spec.stdin !== undefined) {
      child.stdin!.on("error", () => undefined);
      child.stdin!.end(spec.stdin);
    }
    let stdout = "";
    let stderr = "";
    const out = lineSplitter(spec.onStdoutLine);
    const err = lineSplitter(spec.onStderrLine);
    child.stdout!.setEncoding("utf8").on("data", (c: string) => ((stdout += c), out.push(c)));
    child.stderr!.setEncoding("utf8").on("data", (c: string) => ((stderr += c), err.push(c)));
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      signalGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), 5_000);
    };
    const timer = setTimeout(() => ((timedOut = true), stop()), spec.timeoutMs);
    spec.signal?.addEventListener("abort", stop, { once: true });
    child.once("error", (e) => {
      clearTimeout(timer);
      spec.signal?.removeEventListener("abort", stop);
      reject(new AppError("INTERNAL", `Could not start ${argv[0]}: ${e.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      spec.signal?.removeEventListener("abort", stop);
      out.end();
      err.end();
      if (spec.signal?.aborted) return reject(new AppError("CANCELLED", "Cancelled"));
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

async function runOverSsh(ssh: SshTunnelParams, spec: CommandSpec): Promise<CommandResult> {
  const { command, stdin } = remoteCommand(ssh.user, spec);
  const { client } = await connectSsh(ssh);
  try {
    return await new Promise<CommandResult>((resolve, reject) => {
      client.exec(command, (e, stream) => {
        if (e) return reject(new AppError("CONNECTION", `SSH command on ${ssh.host} failed: ${e.message}`));
        let stdout = "";
        let stderr = "";
        let code: number | null = null;
        let sig: string | null = null;
        let timedOut = false;
        const out = lineSplitter(spec.onStdoutLine);
        const err = lineSplitter(spec.onStderrLine);
        stream.setEncoding("utf8");
        stream.on("data", (c: string) => ((stdout += c), out.push(c)));
        stream.stderr.setEncoding("utf8").on("data", (c: string) => ((stderr += c), err.push(c)));
        const stop = () => {
          stream.signal("TERM");
          stream.close();
        };
        const timer = setTimeout(() => ((timedOut = true), stop()), spec.timeoutMs);
        spec.signal?.addEventListener("abort", stop, { once: true });
        stream.on("exit", (c: number | null, s?: string) => ((code = c), (sig = s ?? null)));
        stream.on("close", () => {
          clearTimeout(timer);
          spec.signal?.removeEventListener("abort", stop);
          out.end();
          err.end();
          if (spec.signal?.aborted) return reject(new AppError("CANCELLED", "Cancelled"));
          resolve({ code, signal: sig, stdout, stderr, timedOut });
        });
        stream.end(stdin);
      });
    });
  } finally {
    client.end();
  }
}
