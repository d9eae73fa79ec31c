import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InputOf } from "../../../../shared/contract";
import { call } from "../../lib/api";
import { profileKeys } from "../profiles/profiles.queries";

export const clusterKeys = {
  all: ["cluster"] as const,
  list: ["cluster", "list"] as const,
  status: (id: string) => ["cluster", "status", id] as const,
};

export function useClusters() {
  return useQuery({ queryKey: clusterKeys.list, queryFn: () => call("cluster:list", {}) });
}

/** Read from Patroni every few seconds while the page is open (a failover shows within one interval). */
export function useClusterStatus(clusterId: string | undefined, refreshMs = 3_000) {
  return useQuery({
    queryKey: clusterKeys.status(clusterId ?? ""),
    queryFn: () => call("cluster:status", { clusterId: clusterId! }),
    enabled: Boolean(clusterId),
    refetchInterval: refreshMs,
  });
}

export function useDiscoverCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"cluster:discover">) => call("cluster:discover", input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: clusterKeys.all });
      void qc.invalidateQueries({ queryKey: profileKeys.all });
    },
  });
}

export function useSwitchover(clusterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { candidate: string; confirm?: string }) =>
      call("cluster:switchover", { clusterId, ...input }),
    onSettled: () => qc.invalidateQueries({ queryKey: clusterKeys.status(clusterId) }),
  });
}

export function useRemoveCluster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"cluster:remove">) => call("cluster:remove", input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: clusterKeys.all });
      void qc.invalidateQueries({ queryKey: profileKeys.all });
    },
  });
}
