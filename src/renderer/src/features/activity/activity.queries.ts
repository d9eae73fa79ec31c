import { useQuery } from "@tanstack/react-query";
import type { SessionFilter } from "../../../../shared/contract/activity";
import { call } from "../../lib/api";

export const activityKeys = {
  sessions: (profileId: string, filter: SessionFilter) =>
    ["activity", "sessions", profileId, filter] as const,
};

/** Sessions, blocking tree and progress, refreshed every few seconds while the page is open. */
export function useActivity(profileId: string, filter: SessionFilter, refreshMs: number) {
  return useQuery({
    queryKey: activityKeys.sessions(profileId, filter),
    queryFn: () => call("activity:sessions", { profileId, filter }),
    refetchInterval: refreshMs,
  });
}
