import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { isLibpqKeyword, type Conninfo } from "./libpq-uri";

export interface ServiceEntry {
  name: string;
  file: string;
  info: Conninfo;
}

export interface ServiceFiles {
  /** Files looked at, in libpq's order (the first holding a service wins). */
  files: string[];
  services: ServiceEntry[];
  warnings: string[];
}

/** libpq's order: PGSERVICEFILE (or ~/.pg_service.conf), then PGSYSCONFDIR/pg_service.conf. */
export function serviceFilePaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const user = env.PGSERVICEFILE ?? join(env.HOME ?? homedir(), ".pg_service.conf");
  const sysconf = env.PGSYSCONFDIR ?? "/etc/postgresql-common";
  return [user, join(sysconf, "pg_service.conf")];
}

/** Every service of the files libpq would read; a name in an earlier file hides later ones. */
export async function readServiceFiles(env: NodeJS.ProcessEnv = process.env): Promise<ServiceFiles> {
  const files = serviceFilePaths(env);
  const out: ServiceFiles = { files, services: [], warnings: [] };
  const seen = new Set<string>();
  for (const file of files) {
    const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") out.warnings.push(`service file "${file}" cannot be read (${err.code})`);
      return undefined;
    });
    if (text === undefined) continue;
    const parsed = parseServiceFile(text, file);
    out.warnings.push(...parsed.warnings);
    for (const s of parsed.services) {
      if (seen.has(s.name)) continue;
      seen.add(s.name);
      out.services.push(s);
    }
  }
  return out;
}

/** One service by name, as libpq's `service=` keyword resolves it. */
export async function lookupService(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceEntry | undefined> {
  return (await readServiceFiles(env)).services.find((s) => s.name === name);
}

/**
 * INI-like: [name] starts a service, key=value lines belong to it, # comments and
 * blank lines are skipped, whitespace around lines is trimmed. A bad line makes
 * libpq reject the file; we skip that service and say which line.
 */
export function parseServiceFile(
  text: string,
  file = "pg_service.conf",
): { services: ServiceEntry[]; warnings: string[] } {
  const services: ServiceEntry[] = [];
  const warnings: string[] = [];
  let current: ServiceEntry | undefined;
  let broken = false;
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("[")) {
      if (current && !broken) services.push(current);
      const close = line.indexOf("]");
      const name = close > 0 ? line.slice(1, close) : "";
      broken = false;
      current = name ? { name, file, info: new Map() } : undefined;
      if (!current) warnings.push(`syntax error in service file "${file}", line ${n + 1}`);
      continue;
    }
    const eq = line.indexOf("=");
    const key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!current) {
      warnings.push(`syntax error in service file "${file}", line ${n + 1}: setting outside a [service]`);
      continue;
    }
    if (!key || !isLibpqKeyword(key) || key === "service") {
      warnings.push(
        `syntax error in service file "${file}", line ${n + 1}: ${key ? `unknown keyword "${key}"` : 'missing "="'}; service "${current.name}" skipped`,
      );
      broken = true;
      continue;
    }
    current.info.set(key, line.slice(eq + 1).trim());
  }
  if (current && !broken) services.push(current);
  return { services, warnings };
}
