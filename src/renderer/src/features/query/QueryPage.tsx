import { useEffect } from "react";
import type { AreaProps } from "../../lib/area";
import { useQueryTabs } from "./query-tabs.store";
import { QueryTab } from "./QueryTab";
import { closeRunController } from "./query.queries";

/** Editor tabs of the current profile, each with its own database session. */
export function QueryPage({ profileId }: AreaProps) {
  const { tabs, activeByProfile, add, ensureTab, close, activate } = useQueryTabs();
  const mine = tabs.filter((t) => t.profileId === profileId);
  const active = mine.find((t) => t.id === activeByProfile[profileId]) ?? mine[0];

  useEffect(() => {
    if (mine.length === 0) ensureTab(profileId);
  }, [mine.length, ensureTab, profileId]);

  const closeTab = (id: string) => {
    close(id);
    void closeRunController(id);
  };

  return (
    <section className="flex h-full min-h-[32rem] flex-col gap-2" data-testid="query-page">
      <div
        className="flex items-center gap-1 border-b border-slate-200 text-sm dark:border-slate-800"
        role="group"
        aria-label="Query tabs"
      >
        {mine.map((t) => (
          <span
            key={t.id}
            className={`flex items-center gap-1 rounded-t px-2 py-1 ${t.id === active?.id ? "bg-slate-200 dark:bg-slate-800" : ""}`}
          >
            <button
              type="button"
              aria-current={t.id === active?.id ? "true" : undefined}
              onClick={() => activate(profileId, t.id)}
              data-testid="query-tab"
            >
              {t.title}
            </button>
            <button
              type="button"
              aria-label={`Close ${t.title}`}
              className="text-slate-600 dark:text-slate-400 hover:text-red-600"
              onClick={() => closeTab(t.id)}
            >
              ×
            </button>
          </span>
        ))}
        <button
          type="button"
          className="px-2 py-1 text-slate-600 dark:text-slate-400 hover:text-slate-900"
          onClick={() => add(profileId)}
          data-testid="new-query-tab"
          aria-label="New query tab"
        >
          +
        </button>
      </div>
      {active && (
        <div className="min-h-0 flex-1">
          <QueryTab key={active.id} tab={active} />
        </div>
      )}
    </section>
  );
}
