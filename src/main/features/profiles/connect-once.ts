import type { ConnectionTest } from "../../../shared/contract";
import { connectOnce } from "../../db/connection-manager";
import type { ConnectionParams } from "../../db/connection-params";
import { show } from "../../db/pgbouncer.console";
import { serverVersion } from "../../db/server-version";

/** Opens one connection (with the profile's TLS plan), asks for the version and closes it; the error is the server's own. */
export async function testConnection(
  params: ConnectionParams,
  connectTimeoutMs = 10_000,
): Promise<ConnectionTest> {
  const started = performance.now();
  const {
    client,
    attempt,
    target,
    skipped,
    close,
    params: used,
  } = await connectOnce(params, { connectTimeoutMs });
  try {
    const version = await serverVersion(client);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return {
      serverVersion: version.text,
      serverVersionNum: version.num,
      latencyMs,
      tls: { encrypted: attempt.ssl !== false, verified: attempt.verified },
      host: target.host,
      port: target.port,
      ...(skipped.length
        ? { skipped: skipped.map((f) => ({ host: f.host, port: f.port, reason: f.reason })) }
        : {}),
      // the landed host's own ~/.pgpass line (each host of a list is matched separately)
      ...(used.passwordSource ? { passwordSource: used.passwordSource } : {}),
      ...(params.pgpassWarnings?.length ? { warnings: params.pgpassWarnings } : {}),
    };
  } finally {
    await close();
  }
}

/** A PgBouncer profile's test: the admin console answers SHOW VERSION (it runs no SQL). */
export async function testBouncer(
  params: ConnectionParams,
  connectTimeoutMs = 10_000,
): Promise<ConnectionTest> {
  const started = performance.now();
  const { client, attempt, target, close } = await connectOnce(params, { connectTimeoutMs });
  try {
    const version = (await show(client, "VERSION")).rows[0]?.[0] ?? "PgBouncer";
    return {
      serverVersion: version,
      serverVersionNum: 0,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      tls: { encrypted: attempt.ssl !== false, verified: attempt.verified },
      host: target.host,
      port: target.port,
    };
  } finally {
    await close();
  }
}
