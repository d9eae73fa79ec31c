import { useMutation } from "@tanstack/react-query";
import type { ExplainOptions } from "../../../../shared/contract/explain";
import { call } from "../../lib/api";

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
