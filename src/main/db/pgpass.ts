import { readFile, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export interface PgpassTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

export interface PgpassLookup {
  password?: string;
  /** e.g. "/home/me/.pgpass line 3" (never the password). */
  source?: string;
  /** libpq's own warnings, e.g. a file others can read (it is then ignored). */
  warnings: string[];
}

/** libpq's file: PGPASSFILE, else ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows). */
export function pgpassPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PGPASSFILE) return env.PGPASSFILE;
  if (process.platform === "win32") return join(env.APPDATA ?? homedir(), "postgresql", "pgpass.conf");
  return join(env.HOME ?? homedir(), ".pgpass");
}

/** Finds the password for a connection the way libpq does; the first matching line wins. */
export async function lookupPgpass(
  target: PgpassTarget,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PgpassLookup> {
  const path = pgpassPath(env);
  const st = await stat(path).catch(() => undefined);
  if (!st) return { warnings: [] };
  if (!st.isFile()) return { warnings: [`WARNING: password file "${path}" is not a plain file`] };
  if (process.platform !== "win32" && (st.mode & 0o077) !== 0) {
    return {
      warnings: [
        `WARNING: password file "${path}" has group or world access; permissions should be u=rw (0600) or less`,
      ],
    };
  }
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return { warnings: [`WARNING: password file "${path}" cannot be read`] };
  const found = matchPgpass(text, target);
  return found
    ? { password: found.password, source: `${path} line ${found.line}`, warnings: [] }
    : { warnings: [] };
}

/** The matching logic alone, on the file's text (exported for tests). */
export function matchPgpass(
  text: string,
  target: PgpassTarget,
): { password: string; line: number } | undefined {
  // a socket path or no host matches "localhost", as in libpq
  const host = !target.host || target.host.startsWith("/") ? "localhost" : target.host;
  const wanted = [host, String(target.port), target.database, target.user];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    if (line === "" || line.startsWith("#")) continue;
    let rest: string | undefined = line;
    let ok = true;
    for (const value of wanted) {
      rest = matchField(rest, value);
      if (rest === undefined) {
        ok = false;
        break;
      }
    }
    if (!ok || rest === undefined) continue;
    return { password: unescapePassword(rest), line: i + 1 };
  }
  return undefined;
}

/** Matches one field at the start of `rest`; returns what follows its ':' or undefined. */
function matchField(rest: string, value: string): string | undefined {
  if (rest.startsWith("*:")) return rest.slice(2);
  let i = 0;
  let j = 0;
  while (i < rest.length && rest[i] !== ":") {
    if (rest[i] === "\\" && i + 1 < rest.length) i++;
    if (j >= value.length || rest[i] !== value[j]) return undefined;
    i++;
    j++;
  }
  if (i >= rest.length || j !== value.length) return undefined;
  return rest.slice(i + 1);
}

/** The password ends at the first unescaped ':'; backslash escapes the next character. */
function unescapePassword(field: string): string {
  let out = "";
  for (let i = 0; i < field.length && field[i] !== ":"; i++) {
    if (field[i] === "\\" && i + 1 < field.length) i++;
    out += field[i];
  }
  return out;
}
