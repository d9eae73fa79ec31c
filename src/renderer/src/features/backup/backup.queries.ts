import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { InputOf } from "../../../../shared/contract";
import type { Job } from "../../../../shared/contract/backup";
import { call, on } from "../../lib/api";

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
