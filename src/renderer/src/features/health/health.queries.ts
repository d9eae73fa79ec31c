import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { HealthSample } from "../../../../shared/contract/health";
import { call, on } from "../../lib/api";

export const healthKeys = {
  report: (profileId: string) => ["health", "report", profileId] as const,
  thresholds: (profileId: string) => ["health", "thresholds", profileId] as const,
};

/** The full report, refreshed every 30 s while the dashboard is open. */
export function useHealthReport(profileId: string, refreshMs = 30_000) {
  return useQuery({
    queryKey: healthKeys.report(profileId),
    queryFn: () => call("health:report", { profileId }),
    refetchInterval: refreshMs,
  });
}

const MAX_POINTS = 600;
const RENEW_MS = 60_000;

/**
 * Live chart points: what main kept so far, then each health:didSample while the
 * page is mounted (the watch is renewed every minute and dropped on unmount).
 */
export function useLiveSamples(profileId: string, intervalMs = 5_000): HealthSample[] {
  // keyed by profile, so switching profiles never shows the previous one's points
  const [state, setState] = useState<{ profileId: string; samples: HealthSample[] }>({
    profileId,
    samples: [],
  });
  useEffect(() => {
    let watchId: string | undefined;
    let stopped = false;
    const add = (more: HealthSample[], before = false) =>
      setState((prev) => {
        const kept = prev.profileId === profileId ? prev.samples : [];
        const all = before ? [...more, ...kept] : [...kept, ...more];
        const unique = all.filter((s, i) => i === 0 || s.at !== all[i - 1]!.at);
        return { profileId, samples: unique.slice(-MAX_POINTS) };
      });
    const off = on("health:didSample", (p) => {
      if (p.profileId === profileId && p.database === null) add([p.sample]);
    });
    void call("health:watch", { profileId, intervalMs }).then((w) => {
      watchId = w.watchId;
      if (stopped) void call("health:unwatch", { watchId: w.watchId });
    });
    void call("health:sample", { profileId, maxPoints: MAX_POINTS }).then((kept) => {
      if (!stopped && kept.samples.length) add(kept.samples, true);
    });
    const renew = setInterval(() => {
      if (watchId) void call("health:watch", { profileId, intervalMs, watchId });
    }, RENEW_MS);
    return () => {
      stopped = true;
      off();
      clearInterval(renew);
      if (watchId) void call("health:unwatch", { watchId });
    };
  }, [profileId, intervalMs]);
  return state.profileId === profileId ? state.samples : [];
}
