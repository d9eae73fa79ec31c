import type { ActivityFilterForm } from "../activity.model";

const STATES = ["active", "idle in transaction", "idle"];

/** Search text, one state, and whether idle sessions and pgdesk's own are listed. */
export function ActivityFilters({
  value,
  onChange,
}: {
  value: ActivityFilterForm;
  onChange(next: ActivityFilterForm): void;
}) {
  const patch = (p: Partial<ActivityFilterForm>) => onChange({ ...value, ...p });
  return (
    <>
      <label className="flex flex-col text-xs">
        Search
        <input
          className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          value={value.text}
          onChange={(e) => patch({ text: e.target.value })}
          placeholder="query, application, client, pid"
          data-testid="activity-search"
        />
      </label>
      <label className="flex flex-col text-xs">
        State
        <select
          className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          value={value.state}
          onChange={(e) => patch({ state: e.target.value })}
        >
          <option value="">any</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1 text-xs">
        <input
          type="checkbox"
          checked={value.includeIdle}
          onChange={(e) => patch({ includeIdle: e.target.checked })}
        />{" "}
        idle sessions
      </label>
      <label className="flex items-center gap-1 text-xs">
        <input
          type="checkbox"
          checked={value.includeOwn}
          onChange={(e) => patch({ includeOwn: e.target.checked })}
        />{" "}
        pgdesk&apos;s own
      </label>
    </>
  );
}
