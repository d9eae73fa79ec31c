import type { HealthCheck, HealthSample, HealthThresholds } from "../../../../shared/contract/health";

/** Most points a live chart keeps (older ones fall off the left edge). */
export const MAX_LIVE_POINTS = 600;

/**
 * Joins chart points: what main kept before the page opened (`earlier`) goes in front of
 * the live ones, events go behind. A point with the same time as its neighbour is the same
 * sample seen twice (kept by main and also pushed live) and is dropped; only the newest
 * `max` points stay.
 */
export function mergeSamples(
  current: HealthSample[],
  more: HealthSample[],
  where: "earlier" | "later",
  max = MAX_LIVE_POINTS,
): HealthSample[] {
  const all = where === "earlier" ? [...more, ...current] : [...current, ...more];
  const unique = all.filter((s, i) => i === 0 || s.at !== all[i - 1]!.at);
  return unique.slice(-max);
}

const STATUS_ORDER = { fail: 0, warn: 1, error: 2, pass: 3 } as const;

/** Failing checks first, then warnings, then checks that could not run, passing ones last. */
export function sortChecks(checks: HealthCheck[]): HealthCheck[] {
  return [...checks].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}

/** The statements check offers to install pg_stat_statements when it found the extension missing. */
export const offersStatementsInstall = (check: HealthCheck) =>
  check.id === "statements" && check.value === "not installed";

/** Edited threshold boxes as numbers; untouched or emptied boxes are not sent (the saved value stays). */
export function thresholdValues(
  edits: Partial<Record<keyof HealthThresholds, string>>,
): Partial<HealthThresholds> {
  return Object.fromEntries(
    Object.entries(edits)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => [k, Number(v)]),
  ) as Partial<HealthThresholds>;
}

/** "5 s", "1 min": a refresh interval as the select shows it. */
export const intervalLabel = (ms: number) => (ms < 60_000 ? `${ms / 1000} s` : `${ms / 60_000} min`);
