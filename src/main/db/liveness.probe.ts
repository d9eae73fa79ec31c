import type { ConnectionParams } from "./connection-params";
import { connectOnce } from "./connection-manager";

/**
 * How a connection that has gone quiet is told from a dead one. PostgreSQL sends nothing
 * while a statement runs (pg_sleep, a big sort, a lock wait, pg_dump waiting on a lock),
 * so silence alone proves nothing, and a deadline would kill legitimately long work.
 * TCP keepalive cannot help either when the far end of the socket is alive but forwards
 * nothing (a hung SSH tunnel, proxy or VPN acks every byte). So after `silenceMs`
 * without a byte, the server is asked over a NEW connection; only when that gets no
 * answer within `probeTimeoutMs` is the quiet connection given up. A server that
 * answers the probe (even with "too many connections") keeps the work running.
 */
export const LIVENESS = { silenceMs: 10_000, probeTimeoutMs: 5_000, tickMs: 1_000 } as const;

/** Longest a black-holed connection goes unnoticed: the silence, one tick, a failed probe. */
export const LIVENESS_BOUND_MS = LIVENESS.silenceMs + LIVENESS.tickMs + LIVENESS.probeTimeoutMs;

export type ProbeResult = { reachable: true } | { reachable: false; reason: string };

/** Opens a fresh connection (own SSH tunnel if the profile has one) and runs SELECT 1, within `timeoutMs`. */
export async function probeServer(
  params: ConnectionParams,
  timeoutMs: number = LIVENESS.probeTimeoutMs,
): Promise<ProbeResult> {
  const attempt = (async (): Promise<ProbeResult> => {
    // any session that answers proves the path; a standby where a primary is wanted still answers
    const { targetSessionAttrs: _anySession, ...reachOnly } = params;
    const conn = await connectOnce(reachOnly, { connectTimeoutMs: timeoutMs });
    try {
      // pg reads query_timeout from the query config too; it ends the probe's own socket wait
      const ping = { text: "SELECT 1", query_timeout: timeoutMs };
      await conn.client.query(ping);
      return { reachable: true };
    } finally {
      await conn.close();
    }
  })().catch((err: unknown): ProbeResult => {
    // the server itself said no (too many clients, starting up, auth): it is there
    if (answeredByServer(err)) return { reachable: true };
    return { reachable: false, reason: err instanceof Error ? err.message : String(err) };
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ reachable: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function answeredByServer(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown } | null;
  return typeof e?.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string";
}

export interface LivenessWatch {
  /** When the watched work last showed a sign of life (a byte, a line, a bigger file), ms since the epoch. */
  lastActivity(): number;
  /** How long a silence is worth a probe now; LIVENESS.silenceMs unless the caller knows better (e.g. after a cancel). */
  silenceMs?(): number;
  /** Asks the server over a new connection; defaults to probeServer() by the caller. */
  probe(): Promise<ProbeResult>;
  /** Called at most once, with why the work is given up. */
  onLost(reason: string): void;
}

/**
 * Watches work that talks to the server (a statement, pg_dump) until the returned stop
 * function is called: after LIVENESS.silenceMs without activity it probes, and gives
 * the work up only when the probe gets no answer.
 */
export function watchLiveness(watch: LivenessWatch): () => void {
  let stopped = false;
  let probing = false;
  let answeredAt = 0;
  const timer = setInterval(() => {
    const silence = watch.silenceMs?.() ?? LIVENESS.silenceMs;
    if (stopped || probing || Date.now() - Math.max(watch.lastActivity(), answeredAt) < silence) return;
    probing = true;
    void watch.probe().then((result) => {
      probing = false;
      if (stopped) return;
      if (result.reachable) {
        answeredAt = Date.now();
        return;
      }
      stopped = true;
      clearInterval(timer);
      const quiet = Math.round((Date.now() - watch.lastActivity()) / 1000);
      watch.onLost(
        `nothing arrived for ${quiet} s and the server did not answer a check on a new connection (${result.reason})`,
      );
    });
  }, LIVENESS.tickMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
