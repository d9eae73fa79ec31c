import type { IndexThresholds } from "../../../shared/contract/indexes";

export type Thresholds = Required<IndexThresholds>;

/**
 * Defaults: section 9 of the catalog flags tables with more than 1000 sequential scans;
 * PgHero's rule adds "at least 10,000 rows and under 95% index scans"; ioguix's bloat
 * queries are usually read with a 30% threshold.
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  unusedMinBytes: 1024 * 1024,
  seqScanMin: 1000,
  minRows: 10_000,
  maxIndexScanShare: 0.95,
  bloatPct: 30,
  bloatMinBytes: 1024 * 1024,
};

export function withDefaults(t: IndexThresholds | undefined): Thresholds {
  return {
    ...DEFAULT_THRESHOLDS,
    ...Object.fromEntries(Object.entries(t ?? {}).filter(([, v]) => v !== undefined)),
  };
}
