import { posix } from "node:path";
import { AppError } from "../../../shared/contract";
import { runOnHost, type CommandHost, type CommandResult } from "../../db/host-command";

/** A restored copy's folder on the host where pgBackRest runs: data/, tablespaces/, server.log. */
export interface CopyLayout {
  host: CommandHost;
  osUser: string;
  root: string;
  dataDir: string;
  logFile: string;
  pgBin: string;
}

export function copyLayout(
  host: CommandHost,
  osUser: string,
  restoreRoot: string,
  name: string,
  pgBin: string,
): CopyLayout {
  const root = posix.join(restoreRoot, name);
  return {
    host,
    osUser,
    root,
    dataDir: posix.join(root, "data"),
    logFile: posix.join(root, "server.log"),
    pgBin,
  };
}

const SHORT_MS = 60_000;

/** Runs a command as the copy's OS user; a non-zero exit is returned, not thrown. */
export function asOwner(
  c: CopyLayout,
  file: string,
  args: string[],
  extra: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return runOnHost(c.host, {
    file,
    args,
    asUser: c.osUser,
    timeoutMs: extra.timeoutMs ?? SHORT_MS,
    ...(extra.stdin !== undefined ? { stdin: extra.stdin } : {}),
    ...(extra.env ? { env: extra.env } : {}),
  });
}

async function must(what: string, r: Promise<CommandResult>): Promise<CommandResult> {
  const res = await r;
  if (res.code !== 0)
    throw new AppError(
      "CONFLICT",
      `${what} failed: ${(res.stderr || res.stdout).trim() || `exit code ${res.code}`}`,
    );
  return res;
}

/** The copy's folder and an empty data directory, both 0700 and owned by the server's OS user. */
export async function makeCopyFolders(c: CopyLayout): Promise<void> {
  await must(`Creating ${c.root} as ${c.osUser}`, asOwner(c, "mkdir", ["-m", "0700", c.root]));
  await must(`Creating ${c.dataDir}`, asOwner(c, "mkdir", ["-m", "0700", c.dataDir]));
}

/**
 * Settings appended to the copy's postgresql.auto.conf (after pgBackRest's recovery
 * settings): its own port on loopback and socket folder, never archiving.
 */
export function copySettings(port: number, socketDir: string): string {
  return [
    "",
    "# pgdesk: a restored copy on its own port; it never archives into the production repository",
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir.replaceAll("'", "''")}'`,
    "archive_mode = 'off'",
    "",
  ].join("\n");
}

/** When the cluster keeps its configuration outside the data directory (Debian), the copy gets minimal files. */
const MINIMAL_HBA = [
  "# pgdesk: the source's pg_hba.conf is not in its data directory; this copy accepts",
  "local all all peer",
  "host all all 127.0.0.1/32 md5",
  "",
].join("\n");

export async function configureCopy(c: CopyLayout, port: number): Promise<string[]> {
  const notes: string[] = [];
  const conf = posix.join(c.dataDir, "postgresql.conf");
  if ((await asOwner(c, "test", ["-f", conf])).code !== 0) {
    notes.push(
      "The backup holds no postgresql.conf (the cluster keeps it elsewhere): the copy runs with defaults.",
    );
    await must("Writing postgresql.conf", asOwner(c, "tee", [conf], { stdin: "# pgdesk: restored copy\n" }));
  }
  const hba = posix.join(c.dataDir, "pg_hba.conf");
  if ((await asOwner(c, "test", ["-f", hba])).code !== 0) {
    notes.push(
      "The backup holds no pg_hba.conf: the copy accepts password logins on 127.0.0.1 and peer on its socket.",
    );
    await must("Writing pg_hba.conf", asOwner(c, "tee", [hba], { stdin: MINIMAL_HBA }));
  }
  await must(
    "Writing the copy's settings",
    asOwner(c, "tee", ["-a", posix.join(c.dataDir, "postgresql.auto.conf")], {
      stdin: copySettings(port, c.root),
    }),
  );
  return notes;
}

/** pg_ctl start without waiting; pgdesk watches the postmaster itself. */
export async function startCopy(c: CopyLayout, env: Record<string, string>): Promise<void> {
  await must(
    "pg_ctl start",
    asOwner(c, posix.join(c.pgBin, "pg_ctl"), ["start", "-D", c.dataDir, "-l", c.logFile, "-W", "-s"], {
      env,
    }),
  );
}

/** Whether the copy's postmaster runs (pg_ctl status: 0 running, 3 not). */
export async function copyRunning(c: CopyLayout): Promise<boolean> {
  const r = await asOwner(c, posix.join(c.pgBin, "pg_ctl"), ["status", "-D", c.dataDir]);
  return r.code === 0;
}

/** PostgreSQL's own last words from the copy's log: FATAL/PANIC lines first. */
export async function copyLogVerdict(c: CopyLayout): Promise<string> {
  const r = await asOwner(c, "tail", ["-n", "200", c.logFile]);
  const lines = r.stdout
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const fatal = lines.filter((l) => /\b(FATAL|PANIC):/.test(l));
  const pick = fatal.length ? fatal.slice(-2) : lines.slice(-3);
  return (
    pick.map((l) => l.replace(/^.*?\b(FATAL|PANIC|LOG|ERROR):\s+/, "$1: ")).join(" ") ||
    "the server log is empty"
  );
}

/** Stops the copy (immediately) and removes its folder. */
export async function removeCopy(
  c: Pick<CopyLayout, "host" | "osUser" | "root" | "dataDir" | "pgBin">,
): Promise<void> {
  const layout = { ...c, logFile: posix.join(c.root, "server.log") };
  await asOwner(layout, posix.join(c.pgBin, "pg_ctl"), [
    "stop",
    "-D",
    c.dataDir,
    "-m",
    "immediate",
    "-w",
    "-s",
  ]);
  await must(`Removing ${c.root}`, asOwner(layout, "rm", ["-rf", "--", c.root]));
}
