import { useState } from "react";
import type { AreaProps } from "../../lib/area";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { BloatTab } from "./components/BloatTab";
import { DuplicatesTab } from "./components/DuplicatesTab";
import { InvalidTab } from "./components/InvalidTab";
import { InventoryTab } from "./components/InventoryTab";
import { MissingTab } from "./components/MissingTab";
import { UnusedTab } from "./components/UnusedTab";
import { INDEX_TABS, tabCounts, type IndexTab } from "./index-tabs.model";
import { useIndexReport } from "./indexes.queries";

/** Index inventory and advice for the profile's database. */
export function IndexesPage({ profileId }: AreaProps) {
  const [tab, setTab] = useState<IndexTab>("inventory");
  const [whatIf, setWhatIf] = useState(false);
  const report = useIndexReport(profileId, whatIf);
  const r = report.data;
  const counts = tabCounts(r);
  return (
    <section className="flex flex-col gap-4" data-testid="indexes-page">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Indexes</h1>
        {r && <span className="text-sm text-slate-600 dark:text-slate-400">database {r.database}</span>}
        <Button
          onClick={() => void report.refetch()}
          disabled={report.isFetching}
          data-testid="indexes-refresh"
        >
          {report.isFetching ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      <div role="tablist" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {INDEX_TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            data-testid={`indexes-tab-${t}`}
            onClick={() => setTab(t)}
            className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm capitalize aria-selected:border-blue-600 aria-selected:font-medium"
          >
            {t}
            {counts[t] !== undefined && (
              <span className="ml-1 rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-800">{counts[t]}</span>
            )}
          </button>
        ))}
      </div>
      {report.error && <ErrorMessage error={report.error} />}
      {!r && !report.error && (
        <p className="text-sm text-slate-600 dark:text-slate-400">Reading index statistics…</p>
      )}
      {r && tab === "inventory" && <InventoryTab report={r} />}
      {r && tab === "unused" && <UnusedTab report={r} profileId={profileId} />}
      {r && tab === "duplicates" && <DuplicatesTab report={r} profileId={profileId} />}
      {r && tab === "invalid" && <InvalidTab report={r} profileId={profileId} />}
      {r && tab === "missing" && (
        <MissingTab
          report={r}
          profileId={profileId}
          whatIf={whatIf}
          proving={whatIf && report.isFetching}
          onWhatIf={() => (whatIf ? void report.refetch() : setWhatIf(true))}
        />
      )}
      {r && tab === "bloat" && <BloatTab report={r} profileId={profileId} />}
    </section>
  );
}
