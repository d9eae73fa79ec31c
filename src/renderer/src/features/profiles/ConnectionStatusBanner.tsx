import { useEffect, useState } from "react";
import { Button } from "../../components/Button";
import { useConnectionStatus, useRetryConnection } from "./profiles.queries";

/** Shown on every screen of a connection while its server is away: what happened, when we retry, and Retry now. */
export function ConnectionStatusBanner({ profileId }: { profileId: string }) {
  const status = useConnectionStatus(profileId);
  const retry = useRetryConnection(profileId);
  const now = useNow(status.data?.state === "disconnected");
  const s = status.data;
  if (!s || s.state === "connected") return null;
  const seconds = s.nextAttemptAt ? Math.max(0, Math.ceil((s.nextAttemptAt - now) / 1000)) : undefined;
  return (
    <div
      role="status"
      data-testid="connection-state"
      data-state={s.state}
      className="flex items-center gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span className="font-semibold">{s.state === "reconnecting" ? "Reconnecting…" : "Disconnected"}</span>
      {s.message && <span className="truncate">{s.message}</span>}
      {s.state === "disconnected" && seconds !== undefined && (
        <span className="text-xs">retrying in {seconds} s</span>
      )}
      <Button
        data-testid="connection-retry"
        className="ml-auto"
        disabled={retry.isPending}
        onClick={() => retry.mutate()}
      >
        {retry.isPending ? "Retrying…" : "Retry"}
      </Button>
    </div>
  );
}

/** The current time, ticking each second while `active` (for the countdown). */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
