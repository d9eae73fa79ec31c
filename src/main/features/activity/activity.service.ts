import type pg from "pg";
import type { Progress, Session, SessionFilter } from "../../../shared/contract/activity";
import { blockingTree } from "./blocking-tree";
import { cancelBackend, progress, sessions, terminateBackend } from "./activity.sql";

interface SessionRow {
  pid: number;
  datname: string | null;
  usename: string | null;
  application_name: string | null;
  client_addr: string | null;
  backend_type: string | null;
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  query: string;
  backend_seconds: number | null;
  transaction_seconds: number | null;
  query_seconds: number | null;
  state_seconds: number | null;
  blocked_by: number[];
  own: boolean;
}

interface ProgressRow {
  pid: number;
  command: string;
  datname: string | null;
  relation: string | null;
  phase: string;
  done: number | null;
  total: number | null;
}

function toSession(r: SessionRow): Session {
  return {
    pid: r.pid,
    database: r.datname,
    user: r.usename,
    applicationName: r.application_name ?? "",
    clientAddr: r.client_addr,
    backendType: r.backend_type,
    state: r.state,
    waitEventType: r.wait_event_type,
    waitEvent: r.wait_event,
    query: r.query,
    backendSeconds: r.backend_seconds,
    transactionSeconds: r.transaction_seconds,
    querySeconds: r.query_seconds,
    stateSeconds: r.state_seconds,
    blockedBy: r.blocked_by,
    own: r.own,
  };
}

export function matches(s: Session, f: SessionFilter): boolean {
  if (!f.includeOwn && s.own) return false;
  if (!f.includeBackground && s.backendType !== "client backend") return false;
  if (!f.includeIdle && s.state === "idle") return false;
  if (f.states?.length && !f.states.includes(s.state ?? "")) return false;
  if (f.database && s.database !== f.database) return false;
  if (f.user && s.user !== f.user) return false;
  if (f.text) {
    const needle = f.text.toLowerCase();
    const hay = [s.query, s.applicationName, s.clientAddr ?? "", String(s.pid)].join("\n").toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/** Sessions matching the filter, plus every session of the blocking tree so the tree is complete. */
export async function listActivity(pool: pg.Pool, filter: SessionFilter = {}) {
  const [s, p] = await Promise.all([pool.query<SessionRow>(sessions), pool.query<ProgressRow>(progress)]);
  const all = s.rows.map(toSession);
  const tree = blockingTree(all);
  const inTree = new Set(tree.map((n) => n.pid));
  return {
    sessions: all.filter((x) => matches(x, filter) || inTree.has(x.pid)),
    blockingTree: tree,
    progress: p.rows.map<Progress>((r) => ({
      pid: r.pid,
      command: r.command,
      database: r.datname,
      relation: r.relation,
      phase: r.phase,
      done: r.done,
      total: r.total,
      percent: r.total ? Math.min(100, ((r.done ?? 0) / r.total) * 100) : null,
    })),
    capturedAt: new Date().toISOString(),
  };
}

/**
 * Sends a cancel or terminate signal and returns the server's answer: true, or false
 * with the server's warning (e.g. "PID 123 is not a PostgreSQL backend process").
 * Errors (no privilege) are thrown with the server's message.
 */
export async function signalBackend(pool: pg.Pool, pid: number, kind: "cancel" | "terminate") {
  const client = await pool.connect();
  const notices: string[] = [];
  const onNotice = (n: { message?: string }) => notices.push(n.message ?? "");
  client.on("notice", onNotice);
  try {
    const { rows } = await client.query<{ signalled: boolean }>(
      kind === "cancel" ? cancelBackend : terminateBackend,
      [pid],
    );
    const signalled = rows[0]?.signalled === true;
    const verb = kind === "cancel" ? "Cancel request sent to" : "Terminate signal sent to";
    return {
      pid,
      signalled,
      message: notices.length
        ? notices.join("\n")
        : signalled
          ? `${verb} process ${pid}.`
          : `The server did not signal process ${pid}.`,
    };
  } finally {
    client.off("notice", onNotice);
    client.release();
  }
}
