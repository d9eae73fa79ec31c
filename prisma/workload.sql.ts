// SQL of the demo workload. Constant text with $n parameters (see src/main/db/sql.ts).

export const enableStatements = `CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
export const resetStatements = `SELECT pg_stat_statements_reset()`;

/** A large index nobody queries: the unused-index story. */
export const createUnusedIndex = `CREATE INDEX IF NOT EXISTS "events_created_at_idx" ON "events"("created_at")`;

/** Support looks up failed checkouts by type, which has no index: the missing-index story. */
export const failedCheckouts = `
  SELECT id, stream_id, data->>'reason' AS reason, created_at
  FROM events WHERE type = $1`;

/** Best sellers by product: order_items.product_id is a foreign key without an index. */
export const productSales = `
  SELECT product_id, sum(quantity)::int AS sold, sum(total) AS revenue
  FROM order_items WHERE product_id = $1 GROUP BY product_id`;

/** The statements that make the slow-query list. */
export const slowStatements = [
  `SELECT date_trunc('day', created_at) AS day, type, count(*) AS n
   FROM events WHERE type IN ('CheckoutStarted', 'CheckoutFailed')
   GROUP BY 1, 2 ORDER BY 1, 2`,
  `SELECT count(DISTINCT a.stream_id) AS abandoned
   FROM events a JOIN events b ON b.stream_id = a.stream_id AND b.type = 'CheckoutFailed'
   WHERE a.type = 'CartItemAdded'`,
  `SELECT count(*) FROM events WHERE data::text ILIKE '%card_declined%'`,
  `SELECT pg_sleep(0.3), count(*) AS orders, sum(total) AS revenue FROM orders WHERE status = 'DELIVERED'`,
];

/** Sessions purged with autovacuum off: the dead-tuples story. */
export const disableSessionAutovacuum = `ALTER TABLE "sessions" SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)`;
export const insertBotSessions = `
  WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users)
  INSERT INTO sessions (id, user_id, token, expires_at, ip_address, user_agent, created_at)
  SELECT 'bot' || lpad(to_hex(i), 8, '0'), u.ids[1 + i % cardinality(u.ids)], 'expired-' || i, now() - interval '40 days',
         '203.0.113.' || (i % 250), 'python-requests/2.31', now() - interval '70 days'
  FROM generate_series(1, $1::int) AS i, u`;
export const purgeBotSessions = `DELETE FROM sessions WHERE token LIKE 'expired-%'`;

/** The event store's int4 position is far along its range: the sequence story. */
export const advancePositionSequence = `SELECT setval(pg_get_serial_sequence('events', 'position'), $1::bigint)`;
