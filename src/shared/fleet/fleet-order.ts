import type { FleetRow, FleetSeverity, FleetState } from "../contract/fleet";

/** A row's severity: unreachable or refused is critical, then the worst failing check. */
export function rowSeverity(row: Pick<FleetRow, "state" | "failing">): FleetSeverity {
  if (row.state === "pending") return "pending";
  if (row.state !== "up") return "critical";
  if (row.failing.some((f) => f.severity === "critical")) return "critical";
  return row.failing.length ? "warn" : "ok";
}

const SEVERITY_RANK: Record<FleetSeverity, number> = { critical: 0, warn: 1, pending: 2, ok: 3 };
/** Within critical: a server nobody can reach before one that refused the login, before a failed query. */
const STATE_RANK: Record<FleetState, number> = { down: 0, timeout: 1, auth: 2, error: 3, up: 4, pending: 5 };

/**
 * Worst first: severity, then state, then how many checks fail, then the lag and the
 * longest transaction (bigger first), then by name so the order is stable between runs.
 */
export function compareRows(a: FleetRow, b: FleetRow): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    criticalCount(b) - criticalCount(a) ||
    b.failing.length - a.failing.length ||
    (b.lagSeconds ?? -1) - (a.lagSeconds ?? -1) ||
    (b.longestTransactionSeconds ?? -1) - (a.longestTransactionSeconds ?? -1) ||
    a.name.localeCompare(b.name) ||
    a.profileId.localeCompare(b.profileId)
  );
}

export function worstFirst(rows: FleetRow[]): FleetRow[] {
  return [...rows].sort(compareRows);
}

function criticalCount(r: FleetRow): number {
  return r.failing.filter((f) => f.severity === "critical").length;
}

/** Replaces (or adds) one row and keeps the order: what a fleet:didProbe event does to a snapshot. */
export function withRow(rows: FleetRow[], row: FleetRow): FleetRow[] {
  return worstFirst([...rows.filter((r) => r.profileId !== row.profileId), row]);
}

export function countStates(rows: FleetRow[]): Record<FleetState, number> {
  const counts: Record<FleetState, number> = { pending: 0, up: 0, down: 0, auth: 0, timeout: 0, error: 0 };
  for (const r of rows) counts[r.state]++;
  return counts;
}
