import type pg from "pg";
import { sql } from "../../db/sql";

/** Runs one query; rows come back typed by the caller. */
export type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values?: unknown[],
) => Promise<R[]>;

/** Sees every statement a report runs (the benchmark replays them with psql). */
export type QueryTrace = (text: string, values: unknown[]) => void;

/**
 * Runs `fn` on one pooled connection inside a READ ONLY transaction whose
 * statement_timeout is `timeoutMs`, so a slow catalog never holds the dashboard
 * and the setting never leaks to the pool's next user.
 */
export async function withMonitoredTransaction<T>(
  pool: pg.Pool,
  timeoutMs: number,
  fn: (query: Query) => Promise<T>,
  trace?: QueryTrace,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // one round trip: both statements in a simple-protocol query (no parameters)
    await client.query(sql`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.round(timeoutMs)}`);
    const query: Query = async (text, values = []) => {
      trace?.(text, values);
      return (await client.query(text, values)).rows;
    };
    try {
      const result = await fn(query);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch((rollbackErr: Error) => {
        broken = rollbackErr;
      });
      throw err;
    }
  } catch (err) {
    if (isConnectionLoss(err)) broken = err as Error;
    throw err;
  } finally {
    // a client whose connection died is destroyed, not returned to the pool
    client.release(broken);
  }
}

function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    (typeof e.code === "string" && (e.code.startsWith("08") || e.code.startsWith("57P"))) ||
    /Connection terminated|ECONNRESET|EPIPE/.test(e.message ?? "")
  );
}
