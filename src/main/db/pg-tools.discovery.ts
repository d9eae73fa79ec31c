import { execFile } from "node:child_process";
import { access, constants, readdir, realpath } from "node:fs/promises";
import { basename, delimiter, join } from "node:path";
import type { FoundTool, ToolName } from "../../shared/contract/backup";

export const TOOL_NAMES: readonly ToolName[] = ["pg_dump", "pg_restore", "psql"];

export interface DiscoveryOptions {
  /** Folders the user set per major version (Settings), searched first. */
  configured: Record<string, string>;
  /** PATH as the app sees it. */
  path?: string;
  platform?: NodeJS.Platform;
  /** Override of the usual install folders (tests). */
  installRoots?: string[];
}

/**
 * Every pg_dump/pg_restore/psql on this machine with its version, in search order:
 * configured folders, PATH, then the usual install folders. Versions come from running
 * each binary with `--version` (argument array, no shell); a binary that does not answer
 * like a PostgreSQL client tool is left out.
 */
export async function discoverPgTools(options: DiscoveryOptions): Promise<FoundTool[]> {
  const platform = options.platform ?? process.platform;
  const exe = platform === "win32" ? ".exe" : "";
  const folders: Array<{ dir: string; source: FoundTool["source"] }> = [
    ...Object.values(options.configured).map((dir) => ({ dir, source: "configured" as const })),
    ...(options.path ?? process.env.PATH ?? "")
      .split(platform === "win32" ? ";" : delimiter)
      .filter(Boolean)
      .map((dir) => ({ dir, source: "PATH" as const })),
    ...(await installFolders(platform, options.installRoots)).map((dir) => ({
      dir,
      source: "install-folder" as const,
    })),
  ];
  const seen = new Set<string>();
  const found: FoundTool[] = [];
  for (const { dir, source } of folders) {
    const probes = TOOL_NAMES.map(async (tool) => {
      const candidate = join(dir, tool + exe);
      const real = await executable(candidate);
      // Debian's /usr/bin/pg_dump, pg_restore and psql are one wrapper script: key on the tool too
      if (!real || seen.has(`${tool}\u0000${real}`)) return undefined;
      seen.add(`${tool}\u0000${real}`);
      const version = await readVersion(candidate);
      return version
        ? {
            tool,
            path: candidate,
            source,
            ...version,
            ...(basename(real, exe) !== tool ? { wrapper: true } : {}),
          }
        : undefined;
    });
    for (const f of await Promise.all(probes)) if (f) found.push(f);
  }
  return found;
}

/** The usual places PostgreSQL client tools get installed, expanded to existing folders. */
async function installFolders(platform: NodeJS.Platform, roots?: string[]): Promise<string[]> {
  const patterns =
    roots ??
    (platform === "win32"
      ? [join(process.env.ProgramFiles ?? "C:\\Program Files", "PostgreSQL", "*", "bin")]
      : platform === "darwin"
        ? [
            "/Applications/Postgres.app/Contents/Versions/*/bin",
            "/opt/homebrew/opt/postgresql@*/bin",
            "/usr/local/opt/postgresql@*/bin",
            "/opt/homebrew/opt/libpq/bin",
            "/usr/local/opt/libpq/bin",
          ]
        : ["/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/opt/postgresql/*/bin"]);
  const out: string[] = [];
  for (const pattern of patterns) out.push(...(await expandOneStar(pattern)));
  return out;
}

/** Expands one `*` path segment (the version folder), newest names last. */
async function expandOneStar(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/);
  const star = parts.findIndex((p) => p.includes("*"));
  if (star < 0) return [pattern];
  const sep = pattern.includes("\\") ? "\\" : "/";
  const parent = parts.slice(0, star).join(sep) || sep;
  const [prefix, suffix] = parts[star]!.split("*") as [string, string];
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && n.endsWith(suffix) && n.length >= prefix.length + suffix.length)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .map((n) => [parent === sep ? "" : parent, n, ...parts.slice(star + 1)].join(sep));
}

async function executable(path: string): Promise<string | undefined> {
  try {
    await access(path, constants.X_OK);
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/** "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" -> 15.20 / 15; "18devel" -> 18. */
export function parseToolVersion(output: string): { version: string; major: number } | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)((?:\.\d+)*)(\w*)/.exec(output);
  if (!m) return undefined;
  // before 10 the major was two numbers (9.6); such tools are too old for any server we support anyway
  return { version: `${m[1]}${m[2]}${m[3]}`, major: Number(m[1]) };
}

function readVersion(path: string): Promise<{ version: string; major: number } | undefined> {
  return new Promise((resolve) => {
    execFile(path, ["--version"], { timeout: 5_000, windowsHide: true, shell: false }, (err, stdout) => {
      resolve(err ? undefined : parseToolVersion(String(stdout)));
    });
  });
}

export interface ToolChoice {
  chosen: Partial<Record<ToolName, FoundTool>>;
  problem?: string;
}

/**
 * For each tool: a configured one of exactly the server's major first, else the newest
 * at least as new as the server (older ones refuse newer servers). When one is missing,
 * says which version is needed and where to set it.
 */
export function chooseTools(
  found: FoundTool[],
  serverMajor: number,
  configured: Record<string, string>,
): ToolChoice {
  const chosen: Partial<Record<ToolName, FoundTool>> = {};
  const missing: ToolName[] = [];
  for (const tool of TOOL_NAMES) {
    const usable = found.filter((f) => f.tool === tool && f.major >= serverMajor);
    const pinned = usable.find((f) => f.source === "configured" && f.major === serverMajor);
    // on a tie the real binary beats a version-picking wrapper (Debian's pg_wrapper)
    const newest = [...usable].sort(
      (a, b) =>
        b.major - a.major ||
        compareVersions(b.version, a.version) ||
        Number(a.wrapper ?? false) - Number(b.wrapper ?? false),
    )[0];
    const pick = pinned ?? newest;
    if (pick) chosen[tool] = pick;
    else missing.push(tool);
  }
  if (missing.length === 0) return { chosen };
  const have = found.filter((f) => missing.includes(f.tool)).map((f) => `${f.tool} ${f.version} (${f.path})`);
  const setting = configured[String(serverMajor)]
    ? ` The folder set for PostgreSQL ${serverMajor} (${configured[String(serverMajor)]}) does not hold them.`
    : "";
  return {
    chosen,
    problem:
      `This server runs PostgreSQL ${serverMajor}; ${missing.join(", ")} ${serverMajor} or newer is needed ` +
      `(older client tools refuse newer servers). ${have.length ? `Found only: ${have.join("; ")}.` : "None was found."}` +
      `${setting} Install the PostgreSQL ${serverMajor} client tools, or set their folder in ` +
      `Backups → Client tools → PostgreSQL ${serverMajor}.`,
  };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/\D+/).map(Number);
  const pb = b.split(/\D+/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
