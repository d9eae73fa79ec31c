import pg from "pg";
import { AppError } from "../../shared/contract";
import type { ConnectionParams } from "./connection-params";
import { isConnectionLoss } from "./connection-state";
import {
  failureReason,
  hostLabel,
  hostTargets,
  noHostError,
  selectionPasses,
  sessionMismatch,
  type HostFailure,
  type HostTarget,
} from "./host-selection";
import { readOnlySessionOptions } from "./read-only";
import { openSshTunnel, type SshTunnel } from "./ssh-tunnel";
import { tlsPlan, type TlsAttempt } from "./tls";

/*
 * Opening one connection the way libpq would (host list, target_session_attrs, the
 * sslmode's TLS attempts, an SSH tunnel per host), for the pools and for short-lived
 * sessions (tests, fleet probes, admin consoles).
 */

export const APPLICATION_NAME = "pgdesk";

/** Options every pgdesk connection uses, pooled or not. TLS comes from tlsPlan(), never from pg's own sslmode parsing. */
export function clientConfig(
  params: ConnectionParams,
  extra: { connectTimeoutMs?: number; ssl?: TlsAttempt["ssl"] } = {},
): pg.ClientConfig {
  return {
    host: params.host,
    port: params.port,
    database: params.database,
    user: params.user,
    ...(params.password !== undefined ? { password: params.password } : {}),
    application_name: params.applicationName || APPLICATION_NAME,
    connectionTimeoutMillis: params.connectTimeoutSeconds
      ? params.connectTimeoutSeconds * 1000
      : (extra.connectTimeoutMs ?? 10_000),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // explicit false: pg would otherwise read PGSSLMODE from the environment
    ssl: extra.ssl ?? false,
    ...(params.readOnly ? { options: readOnlySessionOptions } : {}),
  };
}

/** A session the host selection settled on. */
export interface Connected {
  client: pg.Client;
  attempt: TlsAttempt;
  /** Which of the profile's hosts it landed on. */
  target: HostTarget;
  /** What pg was given for that host (an SSH tunnel's local end, when there is one). */
  params: ConnectionParams;
  /** Hosts tried before, with why each was passed over. */
  skipped: HostFailure[];
  /** Frees what reaching the host needed (a short-lived tunnel); the client is the caller's. */
  release(): Promise<void>;
}

/** How to reach one host of the list (its params already point at it): directly, or through an SSH tunnel. */
export type Reach = (params: ConnectionParams) => Promise<{
  params: ConnectionParams;
  release(): Promise<void>;
  /** Says what a failure on the way meant (sshd could not reach the database), else keeps it. */
  explain?(err: unknown): unknown;
}>;

const direct: Reach = async (params) => ({ params, release: async () => undefined });

/** The profile narrowed to one host of its list. */
export function atHost(params: ConnectionParams, target: HostTarget): ConnectionParams {
  const { additionalHosts: _more, loadBalanceHosts: _lb, pgpassByHost, ...rest } = params;
  const narrowed: ConnectionParams = { ...rest, host: target.host, port: target.port };
  const pgpass = pgpassByHost?.[`${target.host}:${target.port}`];
  if (!pgpass) return narrowed;
  // the password came from ~/.pgpass for the first host: this host has its own line (or none)
  const { password: _p, passwordSource: _s, ...withoutPassword } = narrowed;
  return pgpass.password === undefined
    ? withoutPassword
    : { ...withoutPassword, password: pgpass.password, passwordSource: pgpass.source! };
}

/**
 * Opens a client the way libpq would: each host of the list in order (shuffled for
 * load_balance_hosts=random), on each the sslmode's TLS attempts, and the first session
 * that matches target_session_attrs wins. A single host's error is its own; with
 * several, the error lists every host tried and why.
 */
export async function connectClient(
  params: ConnectionParams,
  extra: ConnectExtra = {},
  reach: Reach = direct,
): Promise<Connected> {
  const targets = hostTargets(params);
  const failures: HostFailure[] = [];
  const unreachable = new Set<string>();
  for (const want of selectionPasses(params.targetSessionAttrs)) {
    for (const target of targets) {
      if (extra.deadline !== undefined && Date.now() >= extra.deadline) {
        failures.push({
          ...target,
          reason: "not tried: out of time",
          mismatch: false,
          error: deadlineError(),
        });
        continue;
      }
      // prefer-standby's second pass: a host that did not answer the first time is not asked again
      if (unreachable.has(hostLabel(target))) continue;
      let reached: Awaited<ReturnType<Reach>> | undefined;
      let client: pg.Client | undefined;
      try {
        reached = await reach(atHost(params, target));
        const opened = await connectHost(reached.params, extra);
        client = opened.client;
        const mismatch = await sessionMismatch(client, want);
        if (mismatch === undefined) {
          return {
            client,
            attempt: opened.attempt,
            target,
            params: reached.params,
            skipped: failures,
            release: reached.release,
          };
        }
        failures.push({ ...target, reason: mismatch, mismatch: true, error: undefined });
      } catch (err) {
        // a profile problem (missing key file, wrong passphrase, untrusted SSH host key) is the same on every host
        if (err instanceof AppError && err.code !== "CONNECTION") {
          await client?.end().catch(() => undefined);
          await reached?.release();
          throw err;
        }
        unreachable.add(hostLabel(target));
        const explained = reached?.explain?.(err) ?? err;
        failures.push({ ...target, reason: failureReason(explained), mismatch: false, error: explained });
      }
      await client?.end().catch(() => undefined);
      await reached?.release();
    }
  }
  throw noHostError(failures, targets.length, isConnectionLoss);
}

export interface ConnectExtra {
  connectTimeoutMs?: number;
  /**
   * Epoch ms after which no attempt starts and each attempt's connect timeout is cut to
   * the time left: a fleet probe answers within its timeout however many hosts and TLS
   * attempts the profile has.
   */
  deadline?: number;
}

function deadlineError(): Error {
  return Object.assign(new Error("timeout expired"), { code: "ETIMEDOUT" });
}

/** One host, the sslmode's TLS attempts in order (prefer: TLS then plain; allow: plain then TLS). */
async function connectHost(
  params: ConnectionParams,
  extra: ConnectExtra,
): Promise<{ client: pg.Client; attempt: TlsAttempt }> {
  const plan = await tlsPlan(params);
  let lastError: unknown;
  let tlsRefused = false;
  for (let i = 0; i < plan.attempts.length; i++) {
    const attempt = plan.attempts[i]!;
    const left = extra.deadline === undefined ? undefined : extra.deadline - Date.now();
    if (left !== undefined && left <= 0) throw lastError ?? deadlineError();
    const connectTimeoutMs =
      left === undefined ? extra.connectTimeoutMs : Math.min(left, extra.connectTimeoutMs ?? left);
    const client = new pg.Client(clientConfig(params, { connectTimeoutMs, ssl: attempt.ssl }));
    client.on("error", () => undefined); // surfaces through connect()/query()
    try {
      await client.connect();
      return { client, attempt };
    } catch (err) {
      await client.end().catch(() => undefined);
      tlsRefused ||= attempt.ssl !== false && isTlsRefused(err);
      lastError = missingPassword(err, params) ?? markAttempt(err, attempt, tlsRefused);
      if (i === plan.attempts.length - 1 || !plan.fallsBack(err)) break;
    }
  }
  throw lastError;
}

function isTlsRefused(err: unknown): boolean {
  return /^The server does not support SSL connections$/.test((err as Error)?.message ?? "");
}

/**
 * Records on the error whether the failed attempt was encrypted, so a pg_hba rejection of
 * a plain attempt can be told apart (by code, not by the server's translated words) from
 * one that TLS would not change. Unknown when the server had already refused TLS.
 */
function markAttempt(err: unknown, attempt: TlsAttempt, tlsRefused: boolean): unknown {
  if (err && typeof err === "object" && !(err instanceof AppError) && !tlsRefused) {
    Object.defineProperty(err, "pgdeskTls", { value: attempt.ssl !== false, enumerable: false });
  }
  return err;
}

/** Where to connect once the SSH tunnel (if any) is open: its local end, TLS still checked against the real host. */
export function throughTunnel(params: ConnectionParams, tunnel: SshTunnel): ConnectionParams {
  const { ssh: _ssh, ...rest } = params;
  return { ...rest, host: "127.0.0.1", port: tunnel.localPort, serverName: params.host };
}

/** A single connection for a profile; each host tried gets its own short-lived tunnel when the profile has one. */
export async function connectOnce(
  params: ConnectionParams,
  extra: ConnectExtra = {},
): Promise<Connected & { close(): Promise<void> }> {
  const ssh = params.ssh;
  const reach: Reach = ssh
    ? async (p) => {
        const tunnel = await openSshTunnel(ssh, { host: p.host, port: p.port });
        return {
          params: throughTunnel(p, tunnel),
          release: () => tunnel.close(),
          explain: (err) => forwardError(tunnel, ssh, p) ?? err,
        };
      }
    : direct;
  const connected = await connectClient(params, extra, reach);
  return {
    ...connected,
    close: async () => {
      await connected.client.end().catch(() => undefined);
      await connected.release();
    },
  };
}

/** sshd logged in but could not open the forwarded connection to the database host. */
export function forwardError(
  tunnel: SshTunnel,
  ssh: { host: string; port: number },
  target: { host: string; port: number },
): AppError | undefined {
  const why = tunnel.forwardFailure();
  if (!why) return undefined;
  return new AppError(
    "CONNECTION",
    `SSH tunnel through ${ssh.host}:${ssh.port} could not reach ${target.host}:${target.port}: ${why}`,
    { errno: "SSH_FORWARD" },
  );
}

/** pg's words for "the server wants a password and there is none" are about SASL internals. */
function missingPassword(err: unknown, params: ConnectionParams): AppError | undefined {
  if (
    params.password !== undefined ||
    !/password must be a string|no password/i.test((err as Error)?.message ?? "")
  )
    return undefined;
  return new AppError(
    "CONNECTION",
    `password: the server asks for a password for user "${params.user}" and the profile has none (and no usable ~/.pgpass line matches)`,
    { field: "password" },
  );
}
