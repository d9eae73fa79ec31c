import { useEffect } from "react";
import { formatHostPort } from "./profile-form.model";
import { useConnectionStatus } from "./profiles.queries";

/**
 * Which host of the profile's list its connections landed on (multi-host profiles pick
 * one like libpq). `after` is when the caller last fetched through the connection, so the
 * host is asked again once a connection surely exists.
 */
export function ConnectedHost({ profileId, after }: { profileId: string; after: number }) {
  const status = useConnectionStatus(profileId);
  const { refetch } = status;
  useEffect(() => {
    if (after) void refetch();
  }, [after, refetch]);
  const s = status.data;
  if (!s?.host || s.port === undefined) return null;
  const label = formatHostPort(s.host, s.port);
  return (
    <div className="rounded border border-slate-200 p-3 dark:border-slate-800">
      <dt className="text-xs text-slate-600 dark:text-slate-400">Host</dt>
      <dd className="mt-1 truncate font-medium" data-testid="connected-host">
        {label}
      </dd>
    </div>
  );
}
