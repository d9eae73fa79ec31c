import pg from "pg";
import type { Logger } from "../logger";
import type { ConnectionParams } from "../features/profiles/profile.store";

export interface ConnectionManagerOptions {
  /** Resolves a profile id to what is needed to connect (password opened in main). */
  resolve(profileId: string): Promise<ConnectionParams>;
  log: Logger;
  /** Connections per profile+database pool. */
  maxPerPool?: number;
  /** statement_timeout for the app's own monitoring queries, ms. */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export const APPLICATION_NAME = "pgdesk";

/** Options every pgdesk connection uses, pooled or not. */
export function clientConfig(params: ConnectionParams, extra: { connectTimeoutMs?: number } = {}): pg.ClientConfig {
  return {
    host: params.host,
    port: params.port,
    database: params.database,
    user: params.user,
    ...(params.password !== undefined ? { password: params.password } : {}),
    application_name: APPLICATION_NAME,
    connectionTimeoutMillis: extra.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/**
 * One small pg.Pool per profile+database. A pool whose server went away recovers on
 * its own: pg drops broken clients, and the next query opens a fresh connection.
 */
export class ConnectionManager {
  private readonly pools = new Map<string, Promise<pg.Pool>>();

  constructor(private readonly options: ConnectionManagerOptions) {}

  /** The pool for a profile (and database, default: the profile's own). */
  pool(profileId: string, database?: string): Promise<pg.Pool> {
    const key = `${profileId}\u0000${database ?? ""}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = this.createPool(profileId, database);
      this.pools.set(key, pool);
      pool.catch(() => this.pools.delete(key));
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
    return pool.query<R>(text, values);
  }

  /** Closes every pool of a profile (after an edit or delete). */
  async closeProfile(profileId: string): Promise<void> {
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
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.then((pool) => pool.end()).catch(() => undefined)));
  }

  private async createPool(profileId: string, database?: string): Promise<pg.Pool> {
    const params = await this.options.resolve(profileId);
    const config = clientConfig(database ? { ...params, database } : params, this.options);
    const pool = new pg.Pool({
      ...config,
      max: this.options.maxPerPool ?? 3,
      idleTimeoutMillis: 30_000,
      statement_timeout: this.options.statementTimeoutMs ?? 30_000,
    });
    // Without a listener an idle client's error (server restart) crashes the process.
    pool.on("error", (err) => this.options.log.warn(`connection of profile ${profileId} lost`, err.message));
    return pool;
  }
}
