import type { PlanNode, TimeSeverity } from "../../../../shared/explain/plan.model";

export function formatMs(ms: number | null | undefined): string {
  if (ms == null) return "—";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function formatShare(share: number | null | undefined): string {
  if (share == null) return "—";
  const p = share * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

export function formatCount(n: number | null | undefined): string {
  if (n == null) return "—";
  if (Math.abs(n) >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** Blocks are 8 kB pages. */
export function formatBlocks(blocks: number | null | undefined): string {
  if (blocks == null) return "—";
  const bytes = blocks * 8192;
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} kB`;
}

export const severityBar: Record<TimeSeverity, string> = {
  0: "bg-sky-400/70",
  1: "bg-amber-400",
  2: "bg-orange-500",
  3: "bg-red-600",
};

export const severityText: Record<TimeSeverity, string> = {
  0: "",
  1: "text-amber-700 dark:text-amber-400",
  2: "text-orange-700 dark:text-orange-400 font-semibold",
  3: "text-red-700 dark:text-red-400 font-semibold",
};

export function misestimateLabel(n: PlanNode): string {
  const m = n.misestimate;
  if (!m || m.factor < 2) return "";
  return `${m.direction === "under" ? "↓" : "↑"}${formatCount(Math.round(m.factor))}×`;
}

/** Role prefix as EXPLAIN's text format prints it ("InitPlan 1", "CTE totals"). */
export function roleOf(n: PlanNode): string | null {
  return n.subplanName;
}
