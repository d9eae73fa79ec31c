import type { ExplainResult, PlanHistoryEntry } from "../../../../shared/contract/explain";
import type { PlanModel } from "../../../../shared/explain/plan.model";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useHistoryPlan, usePlanHistory } from "./explain.queries";
import { optionsText } from "./explain.store";
import { PlanCompare } from "./PlanCompare";

const when = (iso: string) => new Date(iso).toLocaleString();
const ms = (n: number | null) => (n === null ? "" : `, ${n.toFixed(n >= 100 ? 0 : 2)} ms`);

/** The earlier runs of this query (plan history), to pick one to compare with this run. */
export function EarlierRuns({
  profileId,
  result,
  chosen,
  onChoose,
}: {
  profileId: string;
  result: ExplainResult;
  chosen: string | null;
  onChoose(id: string | null): void;
}) {
  const history = usePlanHistory(profileId, result.history.queryKey, result.ranAt);
  if (!result.history.kept && result.history.reason)
    return (
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="explain-history-note">
        This plan was {result.history.reason}.
      </p>
    );
  const earlier = (history.data?.entries ?? []).filter(
    (e) => !(e.ranAt === result.ranAt && e.sql === result.sql),
  );
  if (earlier.length === 0) return null;
  return (
    <label className="flex flex-wrap items-center gap-1 text-xs" data-testid="explain-history">
      {earlier.length} earlier run{earlier.length === 1 ? "" : "s"} of this query:
      <select
        value={chosen ?? ""}
        onChange={(e) => onChoose(e.target.value || null)}
        data-testid="explain-history-select"
      >
        <option value="">(compare with one)</option>
        {earlier.map((e) => (
          <option key={e.id} value={e.id}>
            {label(e)}
          </option>
        ))}
      </select>
    </label>
  );
}

function label(e: PlanHistoryEntry): string {
  return `${when(e.ranAt)}${ms(e.executionMs)} — ${optionsText(e.options)}`;
}

/** The chosen earlier run against this one, node against node. */
export function EarlierRunCompare({ id, current }: { id: string; current: PlanModel }) {
  const earlier = useHistoryPlan(id);
  if (earlier.error) return <ErrorMessage error={earlier.error} />;
  if (!earlier.data)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Reading the earlier plan…</p>;
  const { entry, plans } = earlier.data;
  return (
    <div className="flex flex-col gap-1" data-testid="explain-history-compare">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Earlier run: {when(entry.ranAt)}, <span className="font-mono">{entry.sql}</span>
      </p>
      <PlanCompare a={plans[0]!} b={current} labelA={`Ran ${when(entry.ranAt)}`} labelB="Now" />
    </div>
  );
}
