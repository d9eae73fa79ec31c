import { useState } from "react";
import type { AreaProps } from "../../lib/area";
import { ErrorMessage } from "../../components/ErrorMessage";
import { emptyActivityFilter, sessionFilter, type ActivityFilterForm } from "./activity.model";
import { useActivity } from "./activity.queries";
import { ActivityFilters } from "./components/ActivityFilters";
import { BlockingTree } from "./components/BlockingTree";
import { MaintenanceProgress } from "./components/MaintenanceProgress";
import { SessionsTable } from "./components/SessionsTable";
import { SignalAnswers } from "./components/SignalAnswers";
import { count } from "../../../../shared/format/plural";

/** Live sessions, the blocking tree and running maintenance, with cancel/terminate. */
export function ActivityPage({ profileId }: AreaProps) {
  const [filter, setFilter] = useState<ActivityFilterForm>(emptyActivityFilter);
  const activity = useActivity(profileId, sessionFilter(filter), 3_000);
  const refresh = () => void activity.refetch();
  const a = activity.data;
  return (
    <section className="flex flex-col gap-4" data-testid="activity">
      <header className="flex flex-wrap items-end gap-3">
        <h1 className="text-xl font-semibold">Activity</h1>
        <ActivityFilters value={filter} onChange={setFilter} />
        {a && (
          <span className="text-xs text-slate-600 dark:text-slate-400">
            {count(a.sessions.length, "session")} · {new Date(a.capturedAt).toLocaleTimeString()}
          </span>
        )}
      </header>
      {activity.error && <ErrorMessage error={activity.error} />}
      <SignalAnswers />
      {a && (
        <>
          <BlockingTree
            profileId={profileId}
            tree={a.blockingTree}
            sessions={a.sessions}
            onChanged={refresh}
          />
          <MaintenanceProgress progress={a.progress} />
          <SessionsTable profileId={profileId} sessions={a.sessions} onChanged={refresh} />
        </>
      )}
    </section>
  );
}
