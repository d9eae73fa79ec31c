import { useMutation, useQuery } from "@tanstack/react-query";
import type { ExplainOptions } from "../../../../shared/contract/explain";
import { call } from "../../lib/api";
import { useProfiles } from "../profiles/profiles.queries";

export interface ExplainRequest {
  sql: string;
  options: ExplainOptions;
  timeoutMs: number;
}

/** EXPLAIN of one statement on the profile (ANALYZE runs inside BEGIN … ROLLBACK in main). */
export function useExplain(profileId: string, database: string | undefined) {
  return useMutation({
    mutationFn: (request: ExplainRequest) =>
      call("explain:run", { profileId, ...(database ? { database } : {}), ...request }),
  });
}

/** The profile's name as the user sees it, for labelling what ran where. */
export function useProfileName(profileId: string): string | null {
  return useProfiles().data?.find((p) => p.id === profileId)?.name ?? null;
}

export const explainKeys = {
  history: (profileId: string, queryKey: string) => ["explain", "history", profileId, queryKey] as const,
  historyPlan: (id: string) => ["explain", "historyPlan", id] as const,
};

/** The plans kept for one query of the profile, newest first (refetched after each run). */
export function usePlanHistory(profileId: string, queryKey: string, ranAt: string) {
  return useQuery({
    queryKey: [...explainKeys.history(profileId, queryKey), ranAt],
    queryFn: () => call("explain:history", { profileId, queryKey, limit: 100 }),
  });
}

/** One kept plan, read back as a model; nothing is asked while no plan is chosen. */
export function useHistoryPlan(id: string | null) {
  return useQuery({
    queryKey: explainKeys.historyPlan(id ?? ""),
    queryFn: () => call("explain:historyPlan", { id: id! }),
    enabled: id !== null,
    staleTime: Infinity,
  });
}
