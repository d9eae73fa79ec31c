import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { InputOf } from "../../../../shared/contract";
import type { PitrJob } from "../../../../shared/contract/pitr";
import { call, on } from "../../lib/api";

export const pitrKeys = {
  settings: (profileId: string) => ["pitr", "settings", profileId] as const,
  info: (profileId: string) => ["pitr", "info", profileId] as const,
  archiving: (profileId: string) => ["pitr", "archiving", profileId] as const,
  jobs: () => ["pitr", "jobs"] as const,
  points: (profileId: string) => ["pitr", "points", profileId] as const,
  copies: () => ["pitr", "copies"] as const,
};

export function usePitrSettings(profileId: string) {
  return useQuery({
    queryKey: pitrKeys.settings(profileId),
    queryFn: () => call("pitr:getSettings", { profileId }),
  });
}

export function useSavePitrSettings(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: InputOf<"pitr:saveSettings">["settings"]) =>
      call("pitr:saveSettings", { profileId, settings }),
    onSuccess: (saved) => {
      client.setQueryData(pitrKeys.settings(profileId), saved);
      void client.invalidateQueries({ queryKey: pitrKeys.info(profileId) });
    },
  });
}

/** Backup sets, repositories and the window; only once the profile names a stanza. */
export function usePitrInfo(profileId: string, enabled: boolean) {
  return useQuery({
    queryKey: pitrKeys.info(profileId),
    queryFn: () => call("pitr:info", { profileId }),
    enabled,
    refetchInterval: 30_000,
    retry: false,
  });
}

/** WAL archiving over the normal connection (Overview and the PITR page). */
export function useArchiving(profileId: string) {
  return useQuery({
    queryKey: pitrKeys.archiving(profileId),
    queryFn: () => call("pitr:archiving", { profileId }),
    refetchInterval: 30_000,
    retry: false,
  });
}

/** Jobs of this run; pitr:didProgress replaces a job as it changes, a finished one refreshes the sets. */
export function usePitrJobs(profileId: string) {
  const client = useQueryClient();
  useEffect(
    () =>
      on("pitr:didProgress", (job) => {
        client.setQueryData<PitrJob[]>(pitrKeys.jobs(), (prev = []) =>
          [job, ...prev.filter((j) => j.id !== job.id)].sort((a, b) =>
            b.startedAt.localeCompare(a.startedAt),
          ),
        );
        if (["succeeded", "failed", "cancelled"].includes(job.state)) {
          void client.invalidateQueries({ queryKey: pitrKeys.info(profileId) });
          void client.invalidateQueries({ queryKey: pitrKeys.copies() });
          void client.invalidateQueries({ queryKey: ["profiles"] });
        }
      }),
    [client, profileId],
  );
  return useQuery({ queryKey: pitrKeys.jobs(), queryFn: () => call("pitr:jobs", {}) });
}

export function useStartPitrBackup(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<InputOf<"pitr:backup">, "profileId">) =>
      call("pitr:backup", { profileId, ...input }),
    onSuccess: () => client.invalidateQueries({ queryKey: pitrKeys.jobs() }),
  });
}

export function useStartPitrRestore(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<InputOf<"pitr:restore">, "profileId">) =>
      call("pitr:restore", { profileId, ...input }),
    onSuccess: () => client.invalidateQueries({ queryKey: pitrKeys.jobs() }),
  });
}

export function useCancelPitrJob() {
  return useMutation({ mutationFn: (jobId: string) => call("pitr:cancel", { jobId }) });
}

export function useBackRestCheck(profileId: string) {
  return useMutation({ mutationFn: () => call("pitr:check", { profileId }) });
}

export function useRestorePoints(profileId: string) {
  return useQuery({
    queryKey: pitrKeys.points(profileId),
    queryFn: () => call("pitr:restorePoints", { profileId }),
  });
}

export function useCreateRestorePoint(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call("pitr:createRestorePoint", { profileId, name }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: pitrKeys.points(profileId) });
      void client.invalidateQueries({ queryKey: pitrKeys.archiving(profileId) });
    },
  });
}

export function useRestoredCopies() {
  return useQuery({ queryKey: pitrKeys.copies(), queryFn: () => call("pitr:copies", {}) });
}

export function useDropCopy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call("pitr:dropCopy", { id }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: pitrKeys.copies() });
      void client.invalidateQueries({ queryKey: ["profiles"] });
    },
  });
}
