import pg from "pg";

/** Runs statements on one session, then makes its statistics visible to other sessions at once. */
export async function onOneSession(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await work(client);
    // Counters flush at most once a second otherwise; the report reads them from another session.
    await client.query("SELECT pg_stat_force_next_flush()");
    await client.query("SELECT 1");
  } finally {
    client.release();
  }
}

/** Runs the same parameterized statement with each of the values, as an application would. */
export async function repeat(c: pg.PoolClient, text: string, values: unknown[][]): Promise<void> {
  for (const v of values) await c.query(text, v);
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
