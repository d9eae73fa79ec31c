import pg from "pg";
import { AppError } from "../../shared/contract";
import type { ConnectionStatus } from "../../shared/contract/profiles";
import type { Logger } from "../logger";
import type { ConnectionParams } from "./connection-params";
import {
  atHost,
  clientConfig,
  connectClient,
  forwardError,
  throughTunnel,
  type Reach,
} from "./connect-client";
import { ConnectionStates, isConnectionLoss } from "./connection-state";
import { hostLabel, hostTargets, type HostTarget } from "./host-selection";
import { forgetServerVersion } from "./server-version";
import { openSshTunnel, type SshTunnel } from "./ssh-tunnel";
import { tlsPlan, type TlsAttempt } from "./tls";

export {
  APPLICATION_NAME,
  atHost,
  clientConfig,
  connectClient,
  connectOnce,
  forwardError,
  throughTunnel,
  type ConnectExtra,
  type Connected,
  type Reach,
} from "./connect-client";

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

  /** The database each profile's pages were switched to (absent: the profile's own). */
  private readonly databases = new Map<string, string>();

  /** Points every later call of the profile that names no database at `database` (undefined: its own). */
  useDatabase(profileId: string, database: string | undefined): void {
    if (database === undefined) this.databases.delete(profileId);
    else this.databases.set(profileId, database);
  }

  /** The database the profile was switched to, if any. */
  switchedDatabase(profileId: string): string | undefined {
    return this.databases.get(profileId);
  }

  /** The pool for a profile (and database, default: the one it was switched to, else its own). */
  pool(profileId: string, database?: string): Promise<pg.Pool> {
    database ??= this.databases.get(profileId);
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
    database ??= this.databases.get(profileId);
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
    database ??= this.databases.get(profileId);
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
