import type { FreshDatabase } from "../../harness/database";
import type { FaultProxy } from "../../harness/fault-proxy";

/** Server sessions with application_name 'pgdesk' on the test database (pg_dump's included: it runs with PGAPPNAME=pgdesk). */
export async function pgdeskSessions(db: FreshDatabase): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'pgdesk' AND datname = $1",
    [db.name],
  );
  return rows[0]!.n;
}

/** Polls `check` until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** Waits until the backend `pid` is running a statement whose text contains `needle` (direct connection, not via the proxy). */
export async function backendRunning(db: FreshDatabase, pid: number, needle: string, timeoutMs = 10_000): Promise<void> {
  const ok = await eventually(async () => {
    const r = await db.pool.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND position($2 in query) > 0", [pid, needle]);
    return (r.rowCount ?? 0) > 0;
  }, timeoutMs);
  if (!ok) throw new Error(`backend ${pid} never started running ${needle}`);
}

/** Settles `p` or fails once `ms` have passed: no test waits without a bound. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** One line for the lead's closing note: how many faults a suite injected. */
export function reportFaults(path: string, proxy: FaultProxy | undefined): void {
  if (proxy) console.log(`[network faults] ${path}: ${proxy.faultsInjected()} faults injected`);
}
