import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { InputOf } from "../../../../shared/contract";
import { call, on } from "../../lib/api";

export const profileKeys = {
  all: ["profiles"] as const,
  status: (id: string) => ["profiles", "status", id] as const,
  services: ["profiles", "services"] as const,
};

/** Every saved profile (no secrets: main never sends them). */
export function useProfiles() {
  return useQuery({ queryKey: profileKeys.all, queryFn: () => call("profiles:list", {}) });
}

export function useSaveProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"profiles:save">) => call("profiles:save", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.all }),
  });
}

export function useDeleteProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call("profiles:delete", { id }),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.all }),
  });
}

export function useDuplicateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call("profiles:duplicate", { id }),
    onSuccess: () => qc.invalidateQueries({ queryKey: profileKeys.all }),
  });
}

export function useExportUri() {
  return useMutation({ mutationFn: (id: string) => call("profiles:exportUri", { id }) });
}

/** Reads a pasted libpq URI or key=value string into a draft (main parses, the page fills the form). */
export function useParseConnectionString() {
  return useMutation({
    mutationFn: (text: string) => call("profiles:parseConnectionString", { text }),
  });
}

/** Entries of the user's pg_service.conf files. */
export function useServices() {
  return useQuery({ queryKey: profileKeys.services, queryFn: () => call("profiles:listServices", {}) });
}

export function useTestConnection() {
  return useMutation({ mutationFn: (input: InputOf<"profiles:test">) => call("profiles:test", input) });
}

/** The profile's connection state: fetched once, then kept current by connection:didChangeState. */
export function useConnectionStatus(profileId: string) {
  const qc = useQueryClient();
  useEffect(
    () =>
      on("connection:didChangeState", (status) => {
        if (status.profileId !== profileId) return;
        const before = qc.getQueryData<{ state: string }>(profileKeys.status(profileId));
        qc.setQueryData(profileKeys.status(profileId), status);
        // back after an outage: pages that failed meanwhile fetch again on their own
        if (status.state === "connected" && before && before.state !== "connected") {
          void qc.invalidateQueries({ predicate: (q) => q.state.status === "error" });
        }
      }),
    [profileId, qc],
  );
  return useQuery({
    queryKey: profileKeys.status(profileId),
    queryFn: () => call("profiles:connectionStatus", { id: profileId }),
    enabled: Boolean(profileId),
  });
}

export function useRetryConnection(profileId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call("profiles:retryConnection", { id: profileId }),
    onSuccess: (status) => {
      qc.setQueryData(profileKeys.status(profileId), status);
      // pages that failed while the server was away fetch again
      if (status.state === "connected")
        void qc.invalidateQueries({ predicate: (q) => q.state.status === "error" });
    },
  });
}
