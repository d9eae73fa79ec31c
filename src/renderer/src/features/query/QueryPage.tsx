import { useEffect, useMemo } from "react";
import type { AreaProps } from "../../lib/area";
import { useSavedTabs } from "./query.queries";
import { profileTabs, useQueryTabs } from "./query-tabs.store";
import { QueryTab } from "./QueryTab";
import { TabBar } from "./TabBar";
import "./transaction-guards";

/** Editor tabs of the current profile, each with its own database session, saved as the user types. */
export function QueryPage({ profileId }: AreaProps) {
  const loaded = useSavedTabs();
  const tabs = useQueryTabs((s) => s.tabs);
  const activeByProfile = useQueryTabs((s) => s.activeByProfile);
  const { mine, active } = useMemo(
    () => profileTabs({ tabs, activeByProfile }, profileId),
    [tabs, activeByProfile, profileId],
  );
  const ensureTab = useQueryTabs((s) => s.ensureTab);
  const loadError = useQueryTabs((s) => s.loadError);
  const saveState = useQueryTabs((s) => (active ? s.saveStates[active.id] : undefined));

  useEffect(() => {
    if (loaded && mine.length === 0) ensureTab(profileId, null);
  }, [loaded, mine.length, ensureTab, profileId]);

  if (!loaded) return <p className="text-sm text-slate-600 dark:text-slate-400">Opening your tabs…</p>;
  return (
    <section className="flex h-full min-h-[32rem] flex-col gap-2" data-testid="query-page">
      {loadError && (
        <p
          role="alert"
          className="rounded bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {loadError}
        </p>
      )}
      <TabBar profileId={profileId} tabs={mine} active={active} database={active?.database ?? null} />
      {saveState?.status === "error" && (
        <p
          role="alert"
          data-testid="tab-save-error"
          className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          Not saved{saveState.retrying ? " (trying again)" : ""}: {saveState.message}
        </p>
      )}
      {active && (
        <div className="min-h-0 flex-1">
          <QueryTab key={active.id} tab={active} />
        </div>
      )}
    </section>
  );
}
