import { useMutation, useQuery } from "@tanstack/react-query";
import type { OutputOf } from "../../../../shared/contract";
import type { SessionFilter } from "../../../../shared/contract/activity";
import { call } from "../../lib/api";

export const activityKeys = {
  sessions: (profileId: string, filter: SessionFilter) =>
    ["activity", "sessions", profileId, filter] as const,
};

/** Sessions, blocking tree and progress, refreshed every few seconds while the page is open. */
export function useActivity(profileId: string, filter: SessionFilter, refreshMs: number) {
  return useQuery({
    queryKey: activityKeys.sessions(profileId, filter),
    queryFn: () => call("activity:sessions", { profileId, filter }),
    refetchInterval: refreshMs,
  });
}

export type SignalKind = "cancel" | "terminate";
type SignalResult = OutputOf<"activity:cancel">;

/**
 * pg_cancel_backend / pg_terminate_backend on one session. The callbacks belong to the
 * mutation, not to one mutate() call, so the answer arrives even if the row has gone.
 */
export function useSignalSession(
  profileId: string,
  pid: number,
  handlers: { onAnswer(kind: SignalKind, answer: SignalResult): void; onSettled(): void },
) {
  return useMutation({
    mutationFn: (kind: SignalKind) =>
      call(kind === "cancel" ? "activity:cancel" : "activity:terminate", { profileId, pid }),
    onSuccess: (answer, kind) => handlers.onAnswer(kind, answer),
    onSettled: () => handlers.onSettled(),
  });
}
