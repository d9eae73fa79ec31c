import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * Named (prepared) statements for the audit queries whose plan does not depend on the
 * values: the server parses them once per connection and, after a few runs, plans them
 * once too, instead of on every page. Named by a hash of their text: one name, one text.
 */
const names = new Map<string, string>();
const MAX_NAMES = 1000;

/** Pools behind a pooler that does not keep statements per client (pgbouncer in transaction mode before 1.21). */
const unprepared = new WeakSet<pg.Pool>();

export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `pgdesk_audit_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

/** 26000: the statement this client prepared is not on the server session it reached; 42P05: it already was. */
function isPoolerRefusal(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === "26000" || code === "42P05";
}

/**
 * Runs a query, as a named statement when asked and the pool allows it. If the server
 * says the statement is missing or already there (a transaction pooler between us and
 * it), the query runs unnamed and this pool never prepares again.
 */
export async function queryMaybePrepared<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  q: { text: string; values: unknown[] },
  prepare: boolean,
): Promise<R[]> {
  if (!prepare || unprepared.has(pool)) return (await pool.query<R>(q.text, q.values)).rows;
  try {
    return (await pool.query<R>({ name: statementName(q.text), text: q.text, values: q.values })).rows;
  } catch (err) {
    if (!isPoolerRefusal(err)) throw err;
    unprepared.add(pool);
    return (await pool.query<R>(q.text, q.values)).rows;
  }
}
