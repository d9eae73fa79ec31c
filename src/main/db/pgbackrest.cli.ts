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
  const onLine = (f?: (line: string) => void) => f && ((line: string) => f(hideKeyIds(line)));
  return runOnHost(t.host, {
    file: "pgbackrest",
    args: backrestArgs(t, command, options),
    asUser: t.osUser,
    env: t.secretEnv,
    timeoutMs: run.timeoutMs ?? t.timeoutMs,
    signal: run.signal,
    onStdoutLine: onLine(run.onStdoutLine),
    onStderrLine: onLine(run.onStderrLine),
  }).then((r) => ({ ...r, stdout: hideKeyIds(r.stdout), stderr: hideKeyIds(r.stderr) }));
}

/** pgBackRest quotes S3's error bodies, which name the access key: keys never reach the renderer or logs. */
export function hideKeyIds(text: string): string {
  return text.replace(
    /<AWSAccessKeyId>[^<]*<\/AWSAccessKeyId>/g,
    "<AWSAccessKeyId>(hidden)</AWSAccessKeyId>",
  );
}

const ERROR_LINE = /^(\S+ \S+ )?(P\d+ +)?(ERROR|ASSERT|FATAL): \[\d{3}\]|^(ERROR|ASSERT): /;

/**
 * pgBackRest's own errors ("ERROR: [039]: …"), newest last, each with its indented
 * continuation (the cause, S3's error code and message, the hints) on one line; the HTTP
 * request and header dumps it adds are left out.
 */
export function backrestErrors(output: string): string[] {
  const errors: string[][] = [];
  let current: string[] | null = null;
  let section: string | null = null;
  for (const raw of output.split("\n")) {
    const line = raw.trim();
    if (ERROR_LINE.test(line)) {
      current = [line.replace(/^\S+ \S+ P\d+ +/, "")];
      errors.push(current);
      section = null;
      continue;
    }
    if (!/^\s/.test(raw)) current = null;
    if (!current || !line) continue;
    const header = /^\*\*\* (.+) \*\*\*:$/.exec(line);
    if (header) section = header[1]!;
    else if (/^[A-Za-z]+Error: |^HINT: /.test(line)) section = null;
    if (header || (section && section !== "Response Content")) continue;
    const part = section ? s3ErrorIn(line) : line;
    if (part && !current.includes(part)) current.push(part);
  }
  return errors.map((parts) => parts.join(" "));
}

/** "InvalidAccessKeyId: The AWS Access Key Id …" from an S3 error body pgBackRest quoted. */
function s3ErrorIn(line: string): string | null {
  const code = /<Code>([^<]*)<\/Code>/.exec(line)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(line)?.[1];
  return code ? `${code}${message ? `: ${message}` : ""}` : null;
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
