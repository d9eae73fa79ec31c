import type pg from "pg";
import type { ServerOverview } from "../../../shared/contract/server";
import { serverVersion } from "../../db/server-version";
import { databaseList, serverIdentity } from "./overview.sql";

interface IdentityRow {
  started_at: Date;
  uptime_seconds: number;
  current_database: string;
  current_database_size: number;
  current_user: string;
}

interface DatabaseRow {
  name: string;
  size_bytes: number | null;
  connections: number;
  allow_connections: boolean;
  is_template: boolean;
}

/** The server overview: both queries (and the pool's version, once) run concurrently on the profile's pool. */
export async function buildServerOverview(pool: pg.Pool): Promise<ServerOverview> {
  const [version, identity, databases] = await Promise.all([
    serverVersion(pool),
    pool.query<IdentityRow>(serverIdentity),
    pool.query<DatabaseRow>(databaseList),
  ]);
  const id = identity.rows[0]!;
  return {
    version: version.text,
    versionNum: version.num,
    startedAt: id.started_at.toISOString(),
    uptimeSeconds: id.uptime_seconds,
    currentDatabase: id.current_database,
    currentDatabaseSizeBytes: id.current_database_size,
    currentUser: id.current_user,
    databases: databases.rows.map((d) => ({
      name: d.name,
      sizeBytes: d.size_bytes,
      connections: d.connections,
      allowConnections: d.allow_connections,
      isTemplate: d.is_template,
    })),
  };
}
