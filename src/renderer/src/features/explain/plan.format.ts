import { formatBytes, formatDurationMs } from "../../../../shared/format/units";
import type { PlanNode, TimeSeverity } from "../../../../shared/explain/plan.model";

/** Plan times use the app's one duration formatter. */
export const formatMs = formatDurationMs;

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
  return formatBytes(blocks * 8192);
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

/** "↓12×" for a row misestimate; nothing when fewer rows are explained by an early stop. */
export function misestimateLabel(n: PlanNode): string {
  const m = n.misestimate;
  if (!m || m.factor < 2 || (m.direction === "over" && n.earlyStop)) return "";
  return `${m.direction === "under" ? "↓" : "↑"}${formatCount(Math.round(m.factor))}×`;
}

/** Role prefix as EXPLAIN's text format prints it ("InitPlan 1", "CTE totals"). */
export function roleOf(n: PlanNode): string | null {
  return n.subplanName;
}

/** "a → b" of one figure of two matched nodes; a missing side shows "—". */
export function pair(a: PlanNode | null, b: PlanNode | null, f: (n: PlanNode) => string): string {
  return `${a ? f(a) : "—"} → ${b ? f(b) : "—"}`;
}

/** "+21% (×1.21)" or "−99.9% (÷1587)": the change from a to b. */
export function delta(a: number | null, b: number | null): string {
  if (a === null || b === null) return "—";
  if (a === 0) return b === 0 ? "0%" : "new";
  const ratio = b / a;
  const p = Math.abs(ratio - 1) * 100;
  // never round a real change to "100%" or "0%"
  const pct =
    p >= 99.5 && p < 100 ? (Math.floor(p * 10) / 10).toFixed(1) : p < 10 ? p.toFixed(1) : p.toFixed(0);
  if (b === a) return "0%";
  if (ratio > 1) return `+${pct}% (×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)})`;
  if (b === 0) return "−100%";
  const inv = 1 / ratio;
  return `−${pct}% (÷${inv >= 10 ? inv.toFixed(0) : inv.toFixed(2)})`;
}
