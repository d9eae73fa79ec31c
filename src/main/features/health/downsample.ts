import type { HealthSample } from "../../../shared/contract/health";

type Numeric = Exclude<keyof HealthSample, "at" | "sessions">;
const RATES: Numeric[] = [
  "commitsPerSec",
  "rollbacksPerSec",
  "tuplesInPerSec",
  "tuplesOutPerSec",
  "blocksReadPerSec",
  "blocksHitPerSec",
];
const STATES = ["active", "idle", "idleInTransaction", "waiting", "other"] as const;

/**
 * At most `maxPoints` samples: consecutive samples are averaged in equal buckets
 * (rates stay rates; each bucket is stamped with its last sample's time).
 */
export function downsample(samples: HealthSample[], maxPoints: number): HealthSample[] {
  if (samples.length <= maxPoints) return samples;
  const size = Math.ceil(samples.length / maxPoints);
  const out: HealthSample[] = [];
  for (let i = 0; i < samples.length; i += size) {
    const bucket = samples.slice(i, i + size);
    const avg = (f: (s: HealthSample) => number) => bucket.reduce((sum, s) => sum + f(s), 0) / bucket.length;
    const point = { at: bucket[bucket.length - 1]!.at } as HealthSample;
    for (const k of RATES) point[k] = avg((s) => s[k]);
    point.sessions = Object.fromEntries(
      STATES.map((k) => [k, Math.round(avg((s) => s.sessions[k]))]),
    ) as HealthSample["sessions"];
    out.push(point);
  }
  return out;
}
