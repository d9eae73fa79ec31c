import type pg from "pg";
import { sql } from "./sql";

export interface ServerVersion {
  /** server_version_num, e.g. 150018: what version checks compare. */
  num: number;
  /** server_version as the server words it, e.g. "15.18" or "16.4 (Debian 16.4-1.pgdg120+1)". */
  text: string;
  /** The major version (15, 18). */
  major: number;
}

/** A pool or one connection: whatever can ask. */
export type VersionSource = pg.Pool | pg.ClientBase;

const versionQuery = sql`
  SELECT current_setting('server_version') AS text, current_setting('server_version_num')::int AS num`;

const known = new WeakMap<VersionSource, Promise<ServerVersion>>();

/**
 * The server's version, asked once per pool or connection and remembered for it. A
 * ConnectionManager pool is bound to one host; when a profile lands on another host
 * (a multi-host failover) it gets a new pool, which asks again, and when a pool's server
 * goes away the manager forgets its answer (the server may come back upgraded).
 * A failed ask is not remembered.
 */
export function serverVersion(db: VersionSource): Promise<ServerVersion> {
  let version = known.get(db);
  if (!version) {
    version = (db as pg.Pool).query<{ text: string; num: number }>(versionQuery).then(({ rows }) => ({
      num: rows[0]!.num,
      text: rows[0]!.text,
      major: Math.floor(rows[0]!.num / 10000),
    }));
    known.set(db, version);
    const asked = version;
    version.catch(() => {
      if (known.get(db) === asked) known.delete(db);
    });
  }
  return version;
}

/** Forgets what the pool's (or connection's) server said: the next serverVersion() asks again. */
export function forgetServerVersion(db: VersionSource): void {
  known.delete(db);
}
