import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "../../lib/api";

export const indexKeys = {
  all: (profileId: string) => ["indexes", profileId] as const,
  report: (profileId: string, whatIf: boolean) => ["indexes", profileId, "report", whatIf] as const,
};

/** The index report; `whatIf` asks main to prove suggestions with hypopg (slower, on demand). */
export function useIndexReport(profileId: string, whatIf: boolean) {
  return useQuery({
    queryKey: indexKeys.report(profileId, whatIf),
    queryFn: () => call("indexes:report", { profileId, whatIf }),
    staleTime: 30_000,
  });
}

/** Runs one reviewed statement, then refreshes every report of the profile. */
export function useApplyIndexSql(profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sql: string) => call("indexes:apply", { profileId, sql }),
    onSuccess: () => client.invalidateQueries({ queryKey: indexKeys.all(profileId) }),
  });
}
