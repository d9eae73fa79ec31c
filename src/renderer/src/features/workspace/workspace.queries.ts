import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { UiState } from "../../../../shared/contract/ui";
import { call } from "../../lib/api";

export const workspaceKeys = {
  databases: (profileId: string) => ["server", "databases", profileId] as const,
};

/** The app-wide UI state the store keeps (last profile, last page, ...). */
export const uiState = {
  read: () => call("ui:getState", {}),
  write: (patch: Partial<UiState>) => call("ui:setState", patch),
};

/** The databases of the profile's server the user may switch to, and the one in use. */
export function useDatabases(profileId: string) {
  return useQuery({
    queryKey: workspaceKeys.databases(profileId),
    queryFn: () => call("server:databases", { profileId }),
    staleTime: 30_000,
  });
}

/**
 * Switches every page of the profile to another database of its server (null: its own).
 * Everything the pages read is read again, from there.
 */
export function useSwitchDatabase(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (database: string | null) => call("server:useDatabase", { profileId, database }),
    onSuccess: () => client.invalidateQueries(),
  });
}
