import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { InputOf } from "../../../../shared/contract";
import type { Job } from "../../../../shared/contract/backup";
import { call, hostKind, on } from "../../lib/api";

export const backupKeys = {
  tools: (profileId: string) => ["backup", "tools", profileId] as const,
  jobs: () => ["backup", "jobs"] as const,
  list: (folder: string) => ["backup", "list", folder] as const,
  databases: (profileId: string) => ["backup", "databases", profileId] as const,
  objects: (profileId: string, database: string) => ["backup", "objects", profileId, database] as const,
  schedules: () => ["backup", "schedules"] as const,
};

export function useTools(profileId: string) {
  return useQuery({
    queryKey: backupKeys.tools(profileId),
    queryFn: () => call("backup:tools", { profileId }),
    staleTime: 60_000,
  });
}

/** Databases the user may back up: from the server overview, without templates. */
export function useDatabases(profileId: string) {
  return useQuery({
    queryKey: backupKeys.databases(profileId),
    queryFn: async () => {
      const o = await call("server:overview", { profileId });
      return {
        current: o.currentDatabase,
        names: o.databases.filter((d) => !d.isTemplate && d.allowConnections).map((d) => d.name),
      };
    },
  });
}

/** Schemas and relations of one database, read when the user opens the object picker. */
export function useBackupObjects(profileId: string, database: string, enabled: boolean) {
  return useQuery({
    queryKey: backupKeys.objects(profileId, database),
    queryFn: () => call("backup:objects", { profileId, database }),
    enabled: enabled && database !== "",
    staleTime: 30_000,
  });
}

/**
 * Jobs of this app run. backup:didProgress replaces a job in the cache as it changes;
 * a finished job refreshes the backup list of its folder.
 */
export function useJobs() {
  const client = useQueryClient();
  useEffect(
    () =>
      on("backup:didProgress", (job) => {
        client.setQueryData<Job[]>(backupKeys.jobs(), (prev = []) => {
          const rest = prev.filter((j) => j.id !== job.id);
          return [job, ...rest].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
        });
        if (["succeeded", "failed", "cancelled"].includes(job.state)) {
          void client.invalidateQueries({ queryKey: backupKeys.list(job.folder) });
        }
      }),
    [client],
  );
  return useQuery({ queryKey: backupKeys.jobs(), queryFn: () => call("backup:jobs", {}) });
}

export function useBackupList(folder: string) {
  return useQuery({
    queryKey: backupKeys.list(folder),
    queryFn: () => call("backup:list", { folder }),
    enabled: folder.startsWith("/") || /^[A-Za-z]:[\\/]/.test(folder),
    retry: false,
  });
}

export function useStartBackup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"backup:start">) => call("backup:start", input),
    onSuccess: () => client.invalidateQueries({ queryKey: backupKeys.jobs() }),
  });
}

export function useRestore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"backup:restore">) => call("backup:restore", input),
    onSuccess: () => client.invalidateQueries({ queryKey: backupKeys.jobs() }),
  });
}

/** The exact pg_dump command and environment a request would run, without running it. */
export function useBackupPreview() {
  return useMutation({ mutationFn: (input: InputOf<"backup:preview">) => call("backup:preview", input) });
}

export function useCancelJob() {
  return useMutation({ mutationFn: (jobId: string) => call("backup:cancel", { jobId }) });
}

/** Reads a backup file again against its manifest (size, sha256, pg_restore --list). */
/** Re-checks a backup; the listing is read again since its state follows the last check. */
export function useVerifyBackup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"backup:verify">) => call("backup:verify", input),
    onSettled: (_r, _e, input) => qc.invalidateQueries({ queryKey: backupKeys.list(input.folder) }),
  });
}

/** Which backups a retention policy would delete; nothing is deleted. */
export function useRetentionPreview() {
  return useMutation({
    mutationFn: (input: InputOf<"backup:retentionPreview">) => call("backup:retentionPreview", input),
  });
}

/** Deletes exactly the previewed files, then reads the folder's list again. */
export function useApplyRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"backup:retentionApply">) => call("backup:retentionApply", input),
    onSuccess: (_result, input) => client.invalidateQueries({ queryKey: backupKeys.list(input.folder) }),
  });
}

/** Where pg_dump is looked for on a server major version; null clears the setting. */
export function useSetToolPath(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"backup:setToolPath">) => call("backup:setToolPath", input),
    onSuccess: () => client.invalidateQueries({ queryKey: backupKeys.tools(profileId) }),
  });
}

/** Only the desktop host has a native folder dialog; in a browser the path is typed. */
export const canPickFolder = hostKind === "electron";

export function usePickFolder() {
  return useMutation({ mutationFn: () => call("backup:pickFolder", {}) });
}

export function useSchedules() {
  return useQuery({ queryKey: backupKeys.schedules(), queryFn: () => call("backup:schedules", {}) });
}

/**
 * Keeps the schedule list current while the app runs: each backup:didRunSchedule reads it
 * again. Mounted once, by the app-wide failure banner, for every screen.
 */
export function useScheduleRunsListener() {
  const client = useQueryClient();
  useEffect(
    () =>
      on("backup:didRunSchedule", () => void client.invalidateQueries({ queryKey: backupKeys.schedules() })),
    [client],
  );
}

export function useSaveSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<"backup:saveSchedule">) => call("backup:saveSchedule", input),
    onSuccess: () => client.invalidateQueries({ queryKey: backupKeys.schedules() }),
  });
}

export function useDeleteSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call("backup:deleteSchedule", { id }),
    onSuccess: () => client.invalidateQueries({ queryKey: backupKeys.schedules() }),
  });
}

export const offsiteKeys = {
  targets: () => ["offsite", "targets"] as const,
  copies: (folder: string) => ["offsite", "copies", folder] as const,
};

/** S3 targets for off-site copies of dumps (keys never come back, only hasKeys). */
export function useOffsiteTargets() {
  return useQuery({ queryKey: offsiteKeys.targets(), queryFn: () => call("offsite:targets", {}) });
}

export function useSaveOffsiteTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: InputOf<"offsite:saveTarget">) => call("offsite:saveTarget", draft),
    onSuccess: () => client.invalidateQueries({ queryKey: offsiteKeys.targets() }),
  });
}

/** Copies recorded for a folder's backups, with whether each was verified by reading it back. */
export function useOffsiteCopies(folder: string) {
  return useQuery({
    queryKey: offsiteKeys.copies(folder),
    queryFn: () => call("offsite:copies", { folder }),
    enabled: folder.startsWith("/") || /^[A-Za-z]:[\\/]/.test(folder),
    retry: false,
  });
}

export function useCopyOffsite(folder: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: string; targetId: string }) => call("offsite:copy", { folder, ...input }),
    onSettled: () => client.invalidateQueries({ queryKey: offsiteKeys.copies(folder) }),
  });
}

export function useVerifyOffsite(folder: string) {
  return useMutation({
    mutationFn: (input: { file: string; targetId: string }) => call("offsite:verify", { folder, ...input }),
  });
}
