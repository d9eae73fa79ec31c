import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { HealthSample, HealthThresholds } from "../../../../shared/contract/health";
import { call, on } from "../../lib/api";
import { MAX_LIVE_POINTS, mergeSamples } from "./health.model";

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

/** Runs the checks again now. */
export function useRefreshHealthReport(profileId: string) {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: healthKeys.report(profileId) });
}

/** The profile's thresholds and the defaults, read when the panel opens. */
export function useThresholds(profileId: string, enabled: boolean) {
  return useQuery({
    queryKey: healthKeys.thresholds(profileId),
    queryFn: () => call("health:getThresholds", { profileId }),
    enabled,
  });
}

/** Saves thresholds (or resets them to the defaults), then reads them and the report again. */
export function useSaveThresholds(profileId: string, onSaved: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: { thresholds: Partial<HealthThresholds>; reset: boolean }) =>
      call("health:setThresholds", { profileId, ...change }),
    onSuccess: () => {
      onSaved();
      void client.invalidateQueries({ queryKey: healthKeys.thresholds(profileId) });
      void client.invalidateQueries({ queryKey: healthKeys.report(profileId) });
    },
  });
}

/** CREATE EXTENSION pg_stat_statements, then the report again. */
export function useInstallStatements(profileId: string, onSettled: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call("health:installStatements", { profileId }),
    onSuccess: () => void client.invalidateQueries({ queryKey: healthKeys.report(profileId) }),
    onSettled,
  });
}

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
    const add = (more: HealthSample[], where: "earlier" | "later") =>
      setState((prev) => ({
        profileId,
        samples: mergeSamples(prev.profileId === profileId ? prev.samples : [], more, where),
      }));
    const off = on("health:didSample", (p) => {
      if (p.profileId === profileId && p.database === null) add([p.sample], "later");
    });
    void call("health:watch", { profileId, intervalMs }).then((w) => {
      watchId = w.watchId;
      if (stopped) void call("health:unwatch", { watchId: w.watchId });
    });
    void call("health:sample", { profileId, maxPoints: MAX_LIVE_POINTS }).then((kept) => {
      if (!stopped && kept.samples.length) add(kept.samples, "earlier");
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
