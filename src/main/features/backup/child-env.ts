import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../../../shared/contract";
import { openSshTunnel } from "../../db/ssh-tunnel";
import type { ConnectionParams } from "../profiles/profile.store";

export interface ChildEnv {
  env: NodeJS.ProcessEnv;
  /** Removes the temporary password file; safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * The environment for pg_dump/pg_restore/psql. Connection settings go through PG*
 * variables (TLS as PGSSL*, an SSH tunnel's local end as PGHOSTADDR/PGPORT) and the
 * password through a 0600 passfile, so nothing secret is in argv.
 * The app's own PG* variables are dropped first: an inherited PGSERVICE or PGPASSWORD
 * must not redirect or authenticate the child.
 */
export async function childEnv(params: ConnectionParams): Promise<ChildEnv> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("PG")) env[k] = v;
  env.PGHOST = params.host;
  env.PGPORT = String(params.port);
  env.PGUSER = params.user;
  env.PGAPPNAME = "pgdesk";
  env.PGCONNECT_TIMEOUT = "15";
  // the client's own encoding must not depend on the user's locale when we parse its output
  env.LC_MESSAGES = "C";
  for (const [key, value] of Object.entries(params.tls ?? {})) if (value) env[`PGSSL${key.toUpperCase()}`] = value;
  if (params.password !== undefined && /[\r\n]/.test(params.password)) {
    throw new AppError("UNSUPPORTED", "The saved password contains a line break, which a libpq password file cannot hold.");
  }
  // a tunnel of its own for the child's lifetime; the host name stays for TLS verification
  const tunnel = params.ssh ? await openSshTunnel(params.ssh, { host: params.host, port: params.port }) : undefined;
  if (tunnel) {
    env.PGHOSTADDR = "127.0.0.1";
    env.PGPORT = String(tunnel.localPort);
  }
  if (params.password === undefined) {
    env.PGPASSFILE = process.platform === "win32" ? "NUL" : "/dev/null";
    return { env, dispose: async () => void (await tunnel?.close()) };
  }
  const dir = await mkdtemp(join(tmpdir(), "pgdesk-pass-"));
  const file = join(dir, "pgpass");
  // wildcards: this file serves exactly one child, so there is nothing else to match
  await writeFile(file, `*:*:*:*:${params.password.replace(/[\\:]/g, (c) => `\\${c}`)}\n`, { mode: 0o600 });
  env.PGPASSFILE = file;
  let disposed = false;
  return {
    env,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await rm(dir, { recursive: true, force: true });
      await tunnel?.close();
    },
  };
}

/** A libpq conninfo naming only the database, quoted so its text is never read as options. */
export function dbnameConninfo(database: string): string {
  return `dbname='${database.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The env shown in previews: every value but the passfile's content is harmless. */
export function visibleEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith("PG") && v !== undefined) out[k] = v;
  return out;
}
