import { useIsMutating, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { DemoProgress, DemoSize } from "../../../../shared/contract/demo";
import { call, on } from "../../lib/api";

export const demoKeys = {
  status: ["demo", "status"] as const,
  action: ["demo", "action"] as const,
};

/** Whether a reset runs (it rebuilds the demo: the card shows the build's progress meanwhile). */
export function useDemoResetting(): boolean {
  return (
    useIsMutating({
      mutationKey: demoKeys.action,
      predicate: (m) => m.state.variables === "demo:reset",
    }) > 0
  );
}

/** The demo's state; polled while its server is starting. */
export function useDemoStatus() {
  return useQuery({
    queryKey: demoKeys.status,
    queryFn: () => call("demo:status", {}),
    refetchInterval: (q) =>
      q.state.data?.state === "starting" || q.state.data?.state === "creating" ? 1000 : false,
  });
}

/** The latest demo:didProgress event, for the progress bar. */
export function useDemoProgress(): DemoProgress | undefined {
  const [progress, setProgress] = useState<DemoProgress>();
  useEffect(() => on("demo:didProgress", setProgress), []);
  return progress;
}

export function useCreateDemo(onCreated: (profileId: string) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (size: DemoSize) => call("demo:create", { size }),
    onSettled: () =>
      qc
        .invalidateQueries({ queryKey: ["profiles"] })
        .then(() => qc.invalidateQueries({ queryKey: demoKeys.status })),
    onSuccess: (status) => {
      if (status.profileId) onCreated(status.profileId);
    },
  });
}

export function useCancelDemo() {
  return useMutation({ mutationFn: () => call("demo:cancel", {}) });
}

export function useRemoveDemo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call("demo:remove", {}),
    onSuccess: (status) => {
      qc.setQueryData(demoKeys.status, status);
      void qc.invalidateQueries({ queryKey: ["profiles"] });
    },
  });
}

/** Start, stop or reset the demo's server; the answer is the new status. */
export function useDemoAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: demoKeys.action,
    mutationFn: (action: "demo:start" | "demo:stop" | "demo:reset") => call(action, {}),
    onSuccess: (status) => qc.setQueryData(demoKeys.status, status),
    onSettled: () => qc.invalidateQueries({ queryKey: ["profiles"] }),
  });
}

/** The demo's connection details with its password: fetched only when the user asks to see them. */
export function useDemoCredentials(enabled: boolean) {
  return useQuery({
    queryKey: ["demo", "credentials"],
    queryFn: () => call("demo:credentials", {}),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}
