import type {
  CheckDetails,
  CheckStatus,
  HealthCheck,
  HealthThresholds,
} from "../../../shared/contract/health";
import type { HealthMemory } from "./health.memory";
import type { Query } from "./monitored-query";

/** What every check may use: one query function inside its own timed transaction. */
export interface CheckEnv {
  query: Query;
  versionNum: number;
  inRecovery: boolean;
  thresholds: HealthThresholds;
  memory: HealthMemory;
  /** profile + database: where remembered figures (size, XID counter) are kept. */
  memoryKey: string;
  now: Date;
}

export type CheckOutcome = Omit<HealthCheck, "id" | "title" | "durationMs">;

export interface CheckDefinition {
  id: string;
  title: string;
  run(env: CheckEnv): Promise<CheckOutcome>;
}

/** Higher is worse: pass below warn, warn below fail. */
export function statusAbove(value: number, warn: number, fail: number): CheckStatus {
  if (value >= fail) return "fail";
  if (value >= warn) return "warn";
  return "pass";
}

/** Lower is worse (cache hit ratios). */
export function statusBelow(value: number, warn: number, fail: number): CheckStatus {
  if (value < fail) return "fail";
  if (value < warn) return "warn";
  return "pass";
}

export function details(
  columns: string[],
  rows: Array<Array<string | number | boolean | null>>,
): CheckDetails {
  return { columns, rows };
}

export function pct(value: number, digits = 1): string {
  return `${value.toFixed(digits)} %`;
}

export function seconds(value: number): string {
  if (value < 60) return `${value.toFixed(value < 10 ? 1 : 0)} s`;
  if (value < 3600)
    return `${Math.floor(value / 60)} min` + (Math.round(value % 60) ? ` ${Math.round(value % 60)} s` : "");
  if (value < 86400) return `${(value / 3600).toFixed(1)} h`;
  return `${(value / 86400).toFixed(1)} days`;
}

export function bytes(value: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let v = value;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}
