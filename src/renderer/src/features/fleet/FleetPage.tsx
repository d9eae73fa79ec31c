import { useMemo, useState } from "react";
import type { FleetRow, FleetSnapshot } from "../../../../shared/contract/fleet";
import { facets, filterRows, type FleetFilter } from "../../../../shared/fleet/fleet-filter";
import type { AreaProps } from "../../lib/area";
import { useUi } from "../../app/ui.store";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FleetFilterBar } from "./components/FleetFilterBar";
import { FleetSettingsPanel } from "./components/FleetSettingsPanel";
import { FleetTable } from "./components/FleetTable";
import { ImportPanel } from "./components/ImportPanel";
import { LabelPanel } from "./components/LabelPanel";
import { useFleetSettings, useFleetSnapshot, useRefreshFleet } from "./fleet.queries";

type Panel = "import" | "label" | "settings";

/** Every profile at a glance, worst first: probed on demand with bounded concurrency. */
export function FleetPage(_props: AreaProps) {
  const snapshot = useFleetSnapshot();
  const settings = useFleetSettings();
  const refresh = useRefreshFleet();
  const [filter, setFilter] = useState<FleetFilter>({});
  const [panel, setPanel] = useState<Panel | undefined>();
  const openProfile = useUi((s) => s.openProfile);
  const openArea = useUi((s) => s.openArea);
  const rows = useMemo(() => snapshot.data?.rows ?? [], [snapshot.data]);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const offered = useMemo(() => facets(rows), [rows]);
  const s = snapshot.data;

  const open = (r: FleetRow) => {
    openProfile(r.profileId);
    openArea(r.kind === "pgbouncer" ? "pooler" : r.cluster ? "clusters" : "overview");
  };

  return (
    <section className="flex flex-col gap-4" data-testid="fleet-page">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Fleet</h1>
        <Button
          variant="primary"
          data-testid="fleet-refresh"
          onClick={() => refresh.mutate()}
          disabled={refresh.isPending}
        >
          Refresh
        </Button>
        <PanelButtons panel={panel} onPanel={setPanel} />
        {s && (
          <span
            className="text-sm text-slate-600 dark:text-slate-400"
            data-testid="fleet-progress"
            data-finished={s.finishedAt ? "yes" : "no"}
          >
            {s.finishedAt
              ? `${s.rows.length} profiles probed (at most ${s.settings.concurrency} at once, ${s.settings.timeoutMs / 1000} s each)`
              : `probing: ${s.rows.length - s.counts.pending} of ${s.rows.length} answered`}
          </span>
        )}
      </div>
      {panel === "settings" && settings.data && (
        <FleetSettingsPanel settings={settings.data} onDone={() => setPanel(undefined)} />
      )}
      {panel === "import" && <ImportPanel onDone={() => setPanel(undefined)} />}
      {panel === "label" && (
        <LabelPanel ids={shown.map((r) => r.profileId)} onDone={() => setPanel(undefined)} />
      )}
      <ErrorMessage error={snapshot.error ?? refresh.error ?? settings.error} />
      {s && <Counts counts={s.counts} />}
      <FleetFilterBar filter={filter} onChange={setFilter} groups={offered.groups} tags={offered.tags} />
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="fleet-shown">
        {shown.length} of {rows.length} shown
      </p>
      <FleetTable rows={shown} onOpen={open} />
      {rows.length === 0 && s && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No saved connections yet: import some, or discover a Patroni cluster.
        </p>
      )}
    </section>
  );
}

function Counts({ counts }: { counts: FleetSnapshot["counts"] }) {
  return (
    <div className="flex flex-wrap gap-3 text-sm" data-testid="fleet-counts">
      {(["up", "down", "timeout", "auth", "error", "pending"] as const).map((k) =>
        counts[k] ? (
          <span key={k} data-testid={`fleet-count-${k}`}>
            {k === "auth" ? "auth failed" : k}: {counts[k]}
          </span>
        ) : null,
      )}
    </div>
  );
}

/** Each opens its panel, or closes it when it is open. */
function PanelButtons({ panel, onPanel }: { panel: Panel | undefined; onPanel(p: Panel | undefined): void }) {
  const buttons: Array<[Panel, string, string]> = [
    ["import", "fleet-import", "Import…"],
    ["label", "fleet-label-open", "Label shown…"],
    ["settings", "fleet-settings-open", "Settings"],
  ];
  return (
    <>
      {buttons.map(([p, testId, text]) => (
        <Button
          key={p}
          data-testid={testId}
          aria-pressed={panel === p}
          onClick={() => onPanel(panel === p ? undefined : p)}
        >
          {text}
        </Button>
      ))}
    </>
  );
}
