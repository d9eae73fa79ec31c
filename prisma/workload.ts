import type pg from "pg";
import * as q from "./workload.sql";

export interface WorkloadOptions {
  /** Times the missing-index queries run; the seq-scan counters grow with it. */
  scans?: number;
  botSessions?: number;
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** The position the event store's int4 sequence is moved to: 93% of its range. */
export const SEQUENCE_POSITION = 2_000_000_000;

/**
 * Runs after seeding so the dashboards tell a story: seq scans on the big events table
 * filtered on an unindexed column, an unused index, duplicate indexes (the schema's
 * @unique + @@index pairs), a table full of dead tuples with autovacuum off, slow
 * statements in pg_stat_statements and a sequence near the end of its range.
 */
export async function runWorkload(pool: pg.Pool, options: WorkloadOptions = {}): Promise<void> {
  const scans = options.scans ?? 40;
  const bots = options.botSessions ?? 20_000;
  const client = await pool.connect();
  const step = (percent: number) => {
    if (options.signal?.aborted) throw new Error("Seeding was cancelled");
    options.onProgress?.(percent);
  };
  try {
    step(0);
    await client.query(q.enableStatements);
    await client.query(q.resetStatements);
    await client.query(q.createUnusedIndex);
    const products = (await client.query<{ id: string }>("SELECT id FROM products ORDER BY id LIMIT 20"))
      .rows;
    for (let i = 0; i < scans; i++) {
      step(5 + Math.floor((i / scans) * 45));
      await client.query(q.failedCheckouts, ["CheckoutFailed"]);
      const product = products[i % Math.max(1, products.length)];
      if (product) await client.query(q.productSales, [product.id]);
    }
    for (const [i, text] of q.slowStatements.entries()) {
      step(50 + i * 8);
      for (let r = 0; r < 3; r++) await client.query(text);
    }
    step(85);
    await client.query(q.disableSessionAutovacuum);
    await client.query(q.insertBotSessions, [bots]);
    await client.query(q.purgeBotSessions);
    step(95);
    await client.query(q.advancePositionSequence, [SEQUENCE_POSITION]);
    step(100);
  } finally {
    // ending the backend flushes its statistics now rather than at the next idle timeout
    client.release(true);
  }
}
