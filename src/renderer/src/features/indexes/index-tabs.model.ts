import type { IndexReport } from "../../../../shared/contract/indexes";

export const INDEX_TABS = ["inventory", "unused", "duplicates", "invalid", "missing", "bloat"] as const;
export type IndexTab = (typeof INDEX_TABS)[number];

/** The number beside each tab: what it lists (bloat: only the flagged relations). */
export function tabCounts(r: IndexReport | undefined): Record<IndexTab, number | undefined> {
  return {
    inventory: r?.indexes.length,
    unused: r?.unused.length,
    duplicates: r?.duplicates.length,
    invalid: r?.invalid.length,
    missing: r?.missing.suggestions.length,
    bloat: r?.bloat.filter((b) => b.flagged).length,
  };
}

/** Relations with some estimated bloat (flagged ones always), at most 200. */
export function bloatRows(report: IndexReport): IndexReport["bloat"] {
  return report.bloat.filter((b) => b.flagged || b.bloatBytes > 0).slice(0, 200);
}

/** A suggestion's evidence summed over its statements: calls and total time. */
export function evidenceTotals(s: IndexReport["missing"]["suggestions"][number]): {
  calls: number;
  timeMs: number;
} {
  return {
    calls: s.evidence.reduce((n, e) => n + e.calls, 0),
    timeMs: s.evidence.reduce((n, e) => n + e.totalTimeMs, 0),
  };
}
