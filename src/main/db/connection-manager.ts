import pg from "pg";
import { AppError } from "../../shared/contract";
import type { ConnectionStatus } from "../../shared/contract/profiles";
import type { Logger } from "../logger";
import type { ConnectionParams } from "../features/profiles/profile.store";
import { ConnectionStates, isConnectionLoss } from "./connection-state";
import { readOnlySessionOptions } from "./read-only";
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
    connectionTimeoutMillis: params.connectTimeoutSeconds ? params.connectTimeoutSeconds * 1000 : (extra.connectTimeoutMs ?? 10_000),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // explicit false: pg would otherwise read PGSSLMODE from the environment
    ssl: extra.ssl ?? false,
    ...(params.readOnly ? { options: readOnlySessionOptions } : {}),
  };
}

/**
 * Opens a client the way libpq would for the profile's sslmode: each TLS attempt in
 * order (prefer: TLS then plain; allow: plain then TLS) until one connects.
 */
export async function connectClient(
  params: ConnectionParams,
  extra: { connectTimeoutMs?: number } = {},
): Promise<{ client: pg.Client; attempt: TlsAttempt }> {
  const plan = await tlsPlan(params);
  let lastError: unknown;
  for (let i = 0; i < plan.attempts.length; i++) {
    const attempt = plan.attempts[i]!;
    const client = new pg.Client(clientConfig(params, { ...extra, ssl: attempt.ssl }));
    client.on("error", () => undefined); // surfaces through connect()/query()
    try {
      await client.connect();
      return { client, attempt };
    } catch (err) {
      await client.end().catch(() => undefined);
      lastError = missingPassword(err, params) ?? err;
      if (i === plan.attempts.length - 1 || !plan.fallsBack(err)) break;
    }
  }
  throw lastError;
}

/** Where to connect once the SSH tunnel (if any) is open: its local end, TLS still checked against the real host. */
export function throughTunnel(params: ConnectionParams, tunnel: SshTunnel): ConnectionParams {
  const { ssh: _ssh, ...rest } = params;
  return { ...rest, host: "127.0.0.1", port: tunnel.localPort, serverName: params.host };
}

/** A single connection for a profile, with its own short-lived tunnel when it has one. */
export async function connectOnce(
  params: ConnectionParams,
  extra: { connectTimeoutMs?: number } = {},
): Promise<{ client: pg.Client; attempt: TlsAttempt; close(): Promise<void> }> {
  const tunnel = params.ssh ? await openSshTunnel(params.ssh, { host: params.host, port: params.port }) : undefined;
  try {
    const { client, attempt } = await connectClient(tunnel ? throughTunnel(params, tunnel) : params, extra);
    return {
      client,
      attempt,
      close: async () => {
        await client.end().catch(() => undefined);
        await tunnel?.close();
      },
    };
  } catch (err) {
    await tunnel?.close();
    throw err;
  }
}

/** pg's words for "the server wants a password and there is none" are about SASL internals. */
function missingPassword(err: unknown, params: ConnectionParams): AppError | undefined {
  if (params.password !== undefined || !/password must be a string|no password/i.test((err as Error)?.message ?? "")) return undefined;
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
  /** One SSH session per profile, shared by its pools; replaced when it drops. */
  private readonly tunnels = new Map<string, Promise<SshTunnel>>();
  private readonly states: ConnectionStates;

  constructor(private readonly options: ConnectionManagerOptions) {
    this.states = new ConnectionStates({
      probe: (id) => this.probe(id),
      onChange: (status) => options.onStateChange?.(status),
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
        this.pools.delete(key);
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
      if (isConnectionLoss(err)) this.states.down(profileId, err);
      throw err;
    }
  }

  /** What the app last saw of the profile's server. */
  status(profileId: string): ConnectionStatus {
    return this.states.get(profileId);
  }

  /** Try to reach a disconnected server now. */
  retry(profileId: string): Promise<ConnectionStatus> {
    return this.states.retry(profileId);
  }

  /** Closes every pool of a profile (after an edit or delete). */
  async closeProfile(profileId: string): Promise<void> {
    this.states.forget(profileId);
    await this.dropPools(profileId);
    const tunnel = this.tunnels.get(profileId);
    this.tunnels.delete(profileId);
    await tunnel?.then((t) => t.close()).catch(() => undefined);
  }

  private async dropPools(profileId: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [key, pool] of this.pools) {
      if (key.startsWith(`${profileId}\u0000`)) {
        this.pools.delete(key);
        closing.push(pool.then((p) => p.end()).catch(() => undefined));
      }
    }
    await Promise.all(closing);
  }

  async closeAll(): Promise<void> {
    this.states.forgetAll();
    const all = [...this.pools.values()];
    this.pools.clear();
    const tunnels = [...this.tunnels.values()];
    this.tunnels.clear();
    await Promise.all(all.map((p) => p.then((pool) => pool.end()).catch(() => undefined)));
    await Promise.all(tunnels.map((t) => t.then((tunnel) => tunnel.close()).catch(() => undefined)));
  }

  /** The params to hand to pg: unchanged, or pointed at the profile's SSH tunnel (opened if needed). */
  private async reachable(profileId: string, params: ConnectionParams): Promise<ConnectionParams> {
    if (!params.ssh) return params;
    let pending = this.tunnels.get(profileId);
    const current = pending ? await pending.catch(() => undefined) : undefined;
    if (!current || current.closed) {
      pending = openSshTunnel(params.ssh, { host: params.host, port: params.port });
      const mine = pending;
      this.tunnels.set(profileId, mine);
      mine.then(
        (tunnel) =>
          tunnel.onClose((reason) => {
            if (this.tunnels.get(profileId) !== mine) return; // closed on purpose
            this.tunnels.delete(profileId);
            this.options.log.warn(`SSH tunnel of profile ${profileId} closed`, reason);
            // the pools point at the dead tunnel's port: new ones get a new tunnel
            void this.dropPools(profileId);
            this.states.down(profileId, new Error(reason));
          }),
        () => {
          if (this.tunnels.get(profileId) === mine) this.tunnels.delete(profileId);
        },
      );
    }
    return throughTunnel(params, await pending!);
  }

  private async createPool(profileId: string, database?: string): Promise<pg.Pool> {
    const resolved = await this.reachable(profileId, await this.options.resolve(profileId));
    const params = database ? { ...resolved, database } : resolved;
    const ssl = await this.negotiateTls(params);
    const pool = new pg.Pool({
      ...clientConfig(params, { ...this.options, ssl }),
      max: this.options.maxPerPool ?? 3,
      idleTimeoutMillis: 30_000,
      statement_timeout: this.options.statementTimeoutMs ?? 30_000,
      // client-side backstop for when the server cannot even answer the cancel (network gone)
      query_timeout: (this.options.statementTimeoutMs ?? 30_000) + 5_000,
    });
    // Without a listener an idle client's error (server restart) crashes the process.
    pool.on("error", (err) => {
      this.options.log.warn(`connection of profile ${profileId} lost`, err.message);
      if (isConnectionLoss(err)) this.states.down(profileId, err);
    });
    pool.on("connect", (client) => {
      client.on("error", () => undefined); // the pool's own listener reports it
      this.states.up(profileId);
    });
    pool.on("release", (err: Error | undefined) => {
      if (err && isConnectionLoss(err)) this.states.down(profileId, err);
    });
    this.observeConnects(pool, profileId);
    return pool;
  }

  /**
   * A refused connect emits no pool event, and other areas call pool.query() directly;
   * pool.query() goes through pool.connect(), so watching it tells us the server is gone.
   */
  private observeConnects(pool: pg.Pool, profileId: string): void {
    type Callback = (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void;
    const original = pool.connect.bind(pool) as (cb?: Callback) => Promise<pg.PoolClient> | void;
    const seen = (err: unknown) => {
      if (isConnectionLoss(err)) this.states.down(profileId, err);
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

  /** For modes with a fallback (allow/prefer) one probe decides which attempt the pool uses. */
  private async negotiateTls(params: ConnectionParams): Promise<TlsAttempt["ssl"]> {
    const plan = await tlsPlan(params);
    if (plan.attempts.length === 1) return plan.attempts[0]!.ssl;
    const { client, attempt } = await connectClient(params, this.options);
    await client.end().catch(() => undefined);
    return attempt.ssl;
  }

  private async probe(profileId: string): Promise<void> {
    const params = await this.reachable(profileId, await this.options.resolve(profileId));
    const { client } = await connectClient(params, this.options);
    try {
      await client.query("SELECT 1");
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
