import { AppError } from "../../shared/contract";
import { runOnHost, type CommandHost, type CommandResult } from "./host-command";

/** How to reach one stanza: where pgbackrest runs, as whom, with which configuration. */
export interface BackRestTarget {
  host: CommandHost;
  osUser: string;
  configPath: string;
  stanza: string;
  /** PGBACKREST_REPO<N>_S3_KEY, _S3_KEY_SECRET, _CIPHER_PASS: for the child's environment only. */
  secretEnv: Record<string, string>;
  /** Default timeout of short commands (info, check). */
  timeoutMs: number;
}

export interface BackRestRun {
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
}

/** The argument vector of one pgbackrest command: always --config and --stanza, never a shell. */
export function backrestArgs(
  t: Pick<BackRestTarget, "configPath" | "stanza">,
  command: string,
  options: string[],
): string[] {
  for (const o of options)
    if (!o.startsWith("--") || /[\n\r]/.test(o) || o.includes("\u0000"))
      throw new AppError("VALIDATION", `not a pgBackRest option: ${JSON.stringify(o)}`);
  return [`--config=${t.configPath}`, `--stanza=${t.stanza}`, ...options, command];
}

/** Runs `pgbackrest <options> <command>` as the data directory's owner. */
export function runBackRest(
  t: BackRestTarget,
  command: string,
  options: string[],
  run: BackRestRun = {},
): Promise<CommandResult> {
  return runOnHost(t.host, {
    file: "pgbackrest",
    args: backrestArgs(t, command, options),
    asUser: t.osUser,
    env: t.secretEnv,
    timeoutMs: run.timeoutMs ?? t.timeoutMs,
    signal: run.signal,
    onStdoutLine: run.onStdoutLine,
    onStderrLine: run.onStderrLine,
  });
}

/** pgBackRest's own error lines ("ERROR: [075]: …"), newest last. */
export function backrestErrors(output: string): string[] {
  return output
    .split("\n")
    .map((l) => l.trim())
    .filter(
      (l) => /^(\S+ \S+ )?(P\d+ +)?(ERROR|ASSERT|FATAL): \[\d{3}\]/.test(l) || /^(ERROR|ASSERT): /.test(l),
    )
    .map((l) => l.replace(/^\S+ \S+ P\d+ +/, ""));
}

/** What a failed run means, in pgBackRest's words (the exit code is its error number). */
export function backrestFailure(what: string, r: CommandResult, timeoutMs?: number): AppError {
  if (r.timedOut)
    return new AppError(
      "CONNECTION",
      `pgbackrest ${what} did not finish within ${Math.round((timeoutMs ?? 0) / 1000)} s and was stopped` +
        (r.stderr.trim() ? `: ${lastWords(r)}` : "."),
    );
  const said = lastWords(r);
  if (/sudo: a password is required|sudo: a terminal is required/.test(r.stderr))
    return new AppError(
      "UNSUPPORTED",
      `pgbackrest ${what} must run as the data directory's owner, and sudo asks for a password: allow the user to run pgbackrest as that user without one (sudoers NOPASSWD), or connect as that user. ${said}`,
    );
  if (
    r.code === 127 ||
    /pgbackrest: (command )?not found|No such file or directory.*pgbackrest/.test(r.stderr)
  )
    return new AppError("UNSUPPORTED", `pgbackrest is not installed where it runs: ${said}`);
  // the exit code is pgBackRest's error number (50: another command holds the stanza's lock)
  const how = r.signal ? `was stopped (${r.signal})` : `failed (exit code ${r.code})`;
  return new AppError("CONFLICT", `pgbackrest ${what} ${how}: ${said}`, {
    detail: r.code === 50 ? "another pgBackRest command holds the lock" : `pgBackRest exit code ${r.code}`,
  });
}

function lastWords(r: CommandResult): string {
  const errors = backrestErrors(`${r.stderr}\n${r.stdout}`);
  if (errors.length) return errors.slice(-2).join(" ");
  const lines = `${r.stderr}\n${r.stdout}`
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(-3).join(" ") || "no output";
}
