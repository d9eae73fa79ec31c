import { AppError } from "../../../shared/contract";
import { hostTargets } from "../../db/host-selection";
import { libpqHostEnv } from "../../db/libpq-host-env";
import { openSshTunnels } from "../../db/ssh-tunnel";
import type { ConnectionParams } from "../../db/connection-params";

export interface ChildEnv {
  env: NodeJS.ProcessEnv;
  /**
   * What to answer the tool's password prompt with (runTool's `password` option): "" when
   * the profile has none. Never put it in `env` or argv.
   */
  password: string;
  /** Closes the child's SSH tunnel, if any; safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * The environment for pg_dump/pg_restore/psql. Connection settings go through PG*
 * variables (TLS as PGSSL*, an SSH tunnel's local end as PGHOSTADDR/PGPORT). The password
 * goes nowhere a file, argv or environ could show it: runTool answers the tool's own
 * `--password` prompt through a pipe (see child-process.ts), and PGPASSFILE points at
 * nothing so ~/.pgpass is never consulted.
 * The app's own PG* variables are dropped first: an inherited PGSERVICE or PGPASSWORD
 * must not redirect or authenticate the child.
 */
export async function childEnv(params: ConnectionParams): Promise<ChildEnv> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("PG")) env[k] = v;
  // every host of a multi-host profile, with target_session_attrs: libpq picks as it would for us
  Object.assign(env, libpqHostEnv(params));
  env.PGUSER = params.user;
  env.PGAPPNAME = "pgdesk";
  env.PGCONNECT_TIMEOUT = "15";
  // the client's own encoding must not depend on the user's locale when we parse its output
  env.LC_MESSAGES = "C";
  for (const [key, value] of Object.entries(params.tls ?? {}))
    if (value) env[`PGSSL${key.toUpperCase()}`] = value;
  if (params.password !== undefined && /[\r\n]/.test(params.password)) {
    throw new AppError(
      "UNSUPPORTED",
      "The saved password contains a line break, which pg_dump, pg_restore and psql cannot read at their password prompt.",
    );
  }
  if (params.sslPassword !== undefined) {
    // libpq takes sslpassword only as a conninfo keyword (argv) or in a service file (disk): neither may hold a secret
    throw new AppError(
      "UNSUPPORTED",
      "sslPassword: pg_dump, pg_restore and psql cannot be given the passphrase of an encrypted client key without putting it on the command line or on disk; use an unencrypted key file (mode 0600) for this profile's backups.",
      { field: "sslPassword" },
    );
  }
  // tunnels of its own (one per host) for the child's lifetime; the host names stay for TLS verification
  const tunnel = params.ssh
    ? await openSshTunnels(params.ssh, hostTargets({ ...params, loadBalanceHosts: "disable" }))
    : undefined;
  if (tunnel) Object.assign(env, libpqHostEnv(params, tunnel.localPorts));
  env.PGPASSFILE = process.platform === "win32" ? "NUL" : "/dev/null";
  let disposed = false;
  return {
    env,
    password: params.password ?? "",
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await tunnel?.close();
    },
  };
}

/** A libpq conninfo naming only the database, quoted so its text is never read as options. */
export function dbnameConninfo(database: string): string {
  return `dbname='${database.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The env shown in previews: it holds no secret (the password is never in it). */
export function visibleEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith("PG") && v !== undefined) out[k] = v;
  return out;
}
