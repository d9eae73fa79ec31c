import pg from "pg";
import { AppError } from "../../shared/contract";
import type { ConnectionStatus } from "../../shared/contract/profiles";
import type { Logger } from "../logger";
import type { ConnectionParams } from "./connection-params";
import { ConnectionStates, isConnectionLoss } from "./connection-state";
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
import { forgetServerVersion } from "./server-version";
import { openSshTunnel, type SshTunnel } from "./ssh-tunnel";
import { tlsPlan, type TlsAttempt } from "./tls";

export interface ConnectionManagerOptions {
  /** Resolves a profile id to what is needed to connect (password opened in main). */
  resolve(profileId: string): Promise<ConnectionParams>;
  log: Logger;
  /** Connections per profile+database pool. */
  maxPerPool?: number;
  /** statement_timeout for the app's own monitoring queries, ms. */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Told when a profile's server is lost or regained (the hosts emit connection:didChangeState). */
  onStateChange?(status: ConnectionStatus): void;
  /** First automatic reconnect delay (doubles per failure, capped at 30 s). */
  reconnectBaseDelayMs?: number;
}

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
  extra: { connectTimeoutMs?: number } = {},
  reach: Reach = direct,
): Promise<Connected> {
  const targets = hostTargets(params);
  const failures: HostFailure[] = [];
  const unreachable = new Set<string>();
  for (const want of selectionPasses(params.targetSessionAttrs)) {
    for (const target of targets) {
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

/** One host, the sslmode's TLS attempts in order (prefer: TLS then plain; allow: plain then TLS). */
async function connectHost(
  params: ConnectionParams,
  extra: { connectTimeoutMs?: number },
): Promise<{ client: pg.Client; attempt: TlsAttempt }> {
  const plan = await tlsPlan(params);
  let lastError: unknown;
  let tlsRefused = false;
  for (let i = 0; i < plan.attempts.length; i++) {
    const attempt = plan.attempts[i]!;
    const client = new pg.Client(clientConfig(params, { ...extra, ssl: attempt.ssl }));
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
  extra: { connectTimeoutMs?: number } = {},
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

/**
 * One small pg.Pool per profile+database. A pool whose server went away recovers on
 * its own: pg drops broken clients, and the next query opens a fresh connection.
 * Meanwhile the profile's state goes to disconnected and a probe with backoff
 * reports when the server is back.
 */
export class ConnectionManager {
  private readonly pools = new Map<string, Promise<pg.Pool>>();
  /** The host (label) each pool of a multi-host profile is bound to, by pool key. */
  private readonly poolHosts = new Map<string, { host: string; pool: pg.Pool }>();
  /** One SSH session per profile and database host, shared by its pools; replaced when it drops. */
  private readonly tunnels = new Map<string, Promise<SshTunnel>>();
  /** Where each profile's connections last landed. */
  private readonly landed = new Map<string, HostTarget>();
  /** The host each pool (profile+database key) is bound to. */
  private readonly poolTargets = new Map<string, HostTarget>();
  private readonly states: ConnectionStates;

  constructor(private readonly options: ConnectionManagerOptions) {
    this.states = new ConnectionStates({
      probe: (id) => this.probe(id),
      onChange: (status) => options.onStateChange?.(this.withHost(status)),
      ...(options.reconnectBaseDelayMs ? { baseDelayMs: options.reconnectBaseDelayMs } : {}),
    });
  }

  /** The pool for a profile (and database, default: the profile's own). */
  pool(profileId: string, database?: string): Promise<pg.Pool> {
    const key = `${profileId}\u0000${database ?? ""}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = this.createPool(profileId, database);
      this.pools.set(key, pool);
      pool.catch((err: unknown) => {
        if (this.pools.get(key) === pool) this.pools.delete(key);
        if (isConnectionLoss(err)) this.states.down(profileId, err);
      });
    }
    return pool;
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    profileId: string,
    text: string,
    values: unknown[] = [],
    database?: string,
  ): Promise<pg.QueryResult<R>> {
    const pool = await this.pool(profileId, database);
    try {
      return await pool.query<R>(text, values);
    } catch (err) {
      // a refused connect emits no pool event; the query is how we learn of it
      if (isConnectionLoss(err)) this.lost(profileId, err, `${profileId}\u0000${database ?? ""}`, pool);
      throw err;
    }
  }

  /**
   * The host of the profile's list that the pool for this database is bound to (opening
   * it if needed). Work that must reach the same server as the pool (an exported
   * snapshot and the pg_dump that imports it) pins itself to this host.
   */
  async hostOf(profileId: string, database?: string): Promise<HostTarget> {
    const key = `${profileId}\u0000${database ?? ""}`;
    const pool = await this.pool(profileId, database);
    const target = this.poolTargets.get(key);
    if (target && this.pools.has(key) && (await this.pools.get(key)) === pool) return target;
    throw new AppError("CONNECTION", "the connection was replaced while it was being opened; try again");
  }

  /** What the app last saw of the profile's server. */
  status(profileId: string): ConnectionStatus {
    return this.withHost(this.states.get(profileId));
  }

  /** Try to reach a disconnected server now. */
  async retry(profileId: string): Promise<ConnectionStatus> {
    return this.withHost(await this.states.retry(profileId));
  }

  private withHost(status: ConnectionStatus): ConnectionStatus {
    const at = this.landed.get(status.profileId);
    return at ? { ...status, host: at.host, port: at.port } : status;
  }

  /**
   * A pool's server went away. A multi-host profile's pools bound to that host are
   * dropped, so the next call selects a host again (a failover lands on the new primary),
   * as a new libpq connection would; a new pool asks the server's version anew.
   */
  private lost(profileId: string, err: unknown, poolKey: string, pool: pg.Pool): void {
    this.states.down(profileId, err);
    // what comes back may be another server (a VIP failover, an upgrade): ask its version again
    forgetServerVersion(pool);
    const bound = this.poolHosts.get(poolKey);
    if (bound?.pool !== pool) return; // single-host, or a pool already replaced (a late error must not drop its successor)
    for (const [key, other] of this.poolHosts) {
      if (other.host === bound.host && key.startsWith(`${profileId}\u0000`)) this.dropPool(key);
    }
  }

  private dropPool(key: string): void {
    const pool = this.pools.get(key);
    this.pools.delete(key);
    this.poolHosts.delete(key);
    void pool?.then((p) => p.end()).catch(() => undefined);
  }

  /** Closes every pool of a profile (after an edit or delete). */
  async closeProfile(profileId: string): Promise<void> {
    this.states.forget(profileId);
    this.landed.delete(profileId);
    await this.dropPools(profileId);
    const closing: Promise<void>[] = [];
    for (const [key, tunnel] of this.tunnels) {
      if (!key.startsWith(`${profileId}\u0000`)) continue;
      this.tunnels.delete(key);
      closing.push(tunnel.then((t) => t.close()).catch(() => undefined));
    }
    await Promise.all(closing);
  }

  private async dropPools(profileId: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [key, pool] of this.pools) {
      if (key.startsWith(`${profileId}\u0000`)) {
        this.pools.delete(key);
        this.poolHosts.delete(key);
        closing.push(pool.then((p) => p.end()).catch(() => undefined));
      }
    }
    await Promise.all(closing);
  }

  async closeAll(): Promise<void> {
    this.states.forgetAll();
    this.landed.clear();
    const all = [...this.pools.values()];
    this.pools.clear();
    this.poolHosts.clear();
    const tunnels = [...this.tunnels.values()];
    this.tunnels.clear();
    await Promise.all(all.map((p) => p.then((pool) => pool.end()).catch(() => undefined)));
    await Promise.all(tunnels.map((t) => t.then((tunnel) => tunnel.close()).catch(() => undefined)));
  }

  /** How the pools reach one host: directly, or through that host's shared SSH tunnel (opened if needed). */
  private reachFor(profileId: string): Reach {
    return async (params) => {
      const ssh = params.ssh;
      if (!ssh) return { params, release: async () => undefined };
      const key = `${profileId}\u0000${hostLabel(params)}`;
      let pending = this.tunnels.get(key);
      const current = pending ? await pending.catch(() => undefined) : undefined;
      const fresh = !current || current.closed;
      if (fresh) {
        pending = openSshTunnel(ssh, { host: params.host, port: params.port });
        const mine = pending;
        this.tunnels.set(key, mine);
        mine.then(
          (tunnel) =>
            tunnel.onClose((reason) => {
              if (this.tunnels.get(key) !== mine) return; // closed on purpose
              this.tunnels.delete(key);
              this.options.log.warn(`SSH tunnel of profile ${profileId} closed`, reason);
              // the pools point at the dead tunnel's port: new ones get a new tunnel
              void this.dropPools(profileId);
              this.states.down(profileId, new Error(reason));
            }),
          () => {
            if (this.tunnels.get(key) === mine) this.tunnels.delete(key);
          },
        );
      }
      const tunnel = await pending!;
      const mine = pending;
      return {
        params: throughTunnel(params, tunnel),
        explain: (err) => forwardError(tunnel, ssh, params) ?? err,
        // a host that failed or did not match: the tunnel opened just for it is not kept
        release: async () => {
          if (!fresh || this.tunnels.get(key) !== mine) return;
          this.tunnels.delete(key);
          await tunnel.close();
        },
      };
    };
  }

  /**
   * The pool is bound to one host, as a libpq connection is. A single host with
   * target_session_attrs=any needs no probe (unless its sslmode falls back); otherwise
   * one connection selects the host and the TLS attempt, and the pool follows it.
   */
  private async chooseHost(
    profileId: string,
    params: ConnectionParams,
  ): Promise<{ target: HostTarget; params: ConnectionParams; ssl: TlsAttempt["ssl"] }> {
    const reach = this.reachFor(profileId);
    const targets = hostTargets(params);
    if (targets.length === 1 && (params.targetSessionAttrs ?? "any") === "any") {
      const reached = (await reach(atHost(params, targets[0]!))).params;
      const plan = await tlsPlan(reached);
      if (plan.attempts.length === 1)
        return { target: targets[0]!, params: reached, ssl: plan.attempts[0]!.ssl };
    }
    const connected = await connectClient(params, this.options, reach);
    await connected.client.end().catch(() => undefined);
    return { target: connected.target, params: connected.params, ssl: connected.attempt.ssl };
  }

  private async createPool(profileId: string, database?: string): Promise<pg.Pool> {
    const resolved = await this.options.resolve(profileId);
    const chosen = await this.chooseHost(profileId, database ? { ...resolved, database } : resolved);
    const key = `${profileId}\u0000${database ?? ""}`;
    this.landed.set(profileId, chosen.target);
    this.poolTargets.set(key, chosen.target);
    const pool = new pg.Pool({
      ...clientConfig(chosen.params, { ...this.options, ssl: chosen.ssl }),
      max: this.options.maxPerPool ?? 3,
      idleTimeoutMillis: 30_000,
      statement_timeout: this.options.statementTimeoutMs ?? 30_000,
      // client-side backstop for when the server cannot even answer the cancel (network gone)
      query_timeout: (this.options.statementTimeoutMs ?? 30_000) + 5_000,
    });
    if (resolved.additionalHosts?.length) this.poolHosts.set(key, { host: hostLabel(chosen.target), pool });
    // Without a listener an idle client's error (server restart) crashes the process.
    pool.on("error", (err) => {
      this.options.log.warn(`connection of profile ${profileId} lost`, err.message);
      if (isConnectionLoss(err)) this.lost(profileId, err, key, pool);
    });
    pool.on("connect", (client) => {
      client.on("error", () => undefined); // the pool's own listener reports it
      this.states.up(profileId);
    });
    pool.on("release", (err: Error | undefined) => {
      if (err && isConnectionLoss(err)) this.lost(profileId, err, key, pool);
    });
    this.observeConnects(pool, profileId, key);
    return pool;
  }

  /**
   * A refused connect emits no pool event, and other areas call pool.query() directly;
   * pool.query() goes through pool.connect(), so watching it tells us the server is gone.
   */
  private observeConnects(pool: pg.Pool, profileId: string, key: string): void {
    type Callback = (
      err: Error | undefined,
      client?: pg.PoolClient,
      done?: (release?: unknown) => void,
    ) => void;
    const original = pool.connect.bind(pool) as (cb?: Callback) => Promise<pg.PoolClient> | void;
    const seen = (err: unknown) => {
      if (isConnectionLoss(err)) this.lost(profileId, err, key, pool);
    };
    (pool as unknown as { connect: (cb?: Callback) => unknown }).connect = (cb?: Callback) => {
      if (cb) {
        return original((err, client, done) => {
          if (err) seen(err);
          cb(err, client, done);
        });
      }
      return (original() as Promise<pg.PoolClient>).catch((err: unknown) => {
        seen(err);
        throw err;
      });
    };
  }

  private async probe(profileId: string): Promise<void> {
    const params = await this.options.resolve(profileId);
    const { client, target } = await connectClient(params, this.options, this.reachFor(profileId));
    try {
      await client.query("SELECT 1");
      this.landed.set(profileId, target);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
