import pg from "pg";
import type { ConnectionTest } from "../../../shared/contract";
import { clientConfig } from "../../db/connection-manager";
import type { ConnectionParams } from "./profile.store";

/** Opens one connection, asks for the version and closes it; the error is the server's own. */
export async function testConnection(params: ConnectionParams, connectTimeoutMs = 10_000): Promise<ConnectionTest> {
  const client = new pg.Client(clientConfig(params, { connectTimeoutMs }));
  client.on("error", () => undefined); // errors surface through connect()/query() below
  const started = performance.now();
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; num: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num",
    );
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return { serverVersion: rows[0]!.version, serverVersionNum: Number(rows[0]!.num), latencyMs };
  } finally {
    await client.end().catch(() => undefined);
  }
}
