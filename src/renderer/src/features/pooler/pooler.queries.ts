import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InputOf } from "../../../../shared/contract";
import { call } from "../../lib/api";

export const poolerKeys = {
  overview: (profileId: string) => ["pooler", "overview", profileId] as const,
};

/** Pools, clients, servers, stats and config, read again every few seconds while open. */
export function usePoolerOverview(profileId: string, refreshMs = 5_000) {
  return useQuery({
    queryKey: poolerKeys.overview(profileId),
    queryFn: () => call("pooler:overview", { profileId }),
    refetchInterval: refreshMs,
  });
}

export function usePoolerCommand(profileId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<InputOf<"pooler:command">, "profileId">) =>
      call("pooler:command", { profileId, ...input }),
    onSettled: () => qc.invalidateQueries({ queryKey: poolerKeys.overview(profileId) }),
  });
}
