import { useMutation } from "@tanstack/react-query";
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
