import type { FleetFilter } from "../../../../../shared/fleet/fleet-filter";

const STATES = [
  ["", "any state"],
  ["problem", "problems only"],
  ["up", "up"],
  ["down", "down"],
  ["timeout", "timeout"],
  ["auth", "auth failed"],
  ["error", "error"],
  ["pending", "pending"],
] as const;

const selectClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/** Group, tag, state and free text; each list offers what the rows carry, with counts. */
export function FleetFilterBar({
  filter,
  onChange,
  groups,
  tags,
}: {
  filter: FleetFilter;
  onChange(f: FleetFilter): void;
  groups: Array<[string, number]>;
  tags: Array<[string, number]>;
}) {
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="fleet-filters">
      <label className="flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400">
        Group
        <select
          data-testid="fleet-filter-group"
          className={selectClass}
          value={filter.group === undefined ? "*" : filter.group}
          onChange={(e) =>
            onChange({ ...filter, group: e.target.value === "*" ? undefined : e.target.value })
          }
        >
          <option value="*">any group</option>
          {groups.map(([g, n]) => (
            <option key={g} value={g}>
              {g || "(no group)"} ({n})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400">
        Tag
        <select
          data-testid="fleet-filter-tag"
          className={selectClass}
          value={filter.tag ?? ""}
          onChange={(e) => onChange({ ...filter, tag: e.target.value || undefined })}
        >
          <option value="">any tag</option>
          {tags.map(([t, n]) => (
            <option key={t} value={t}>
              {t} ({n})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400">
        State
        <select
          data-testid="fleet-filter-state"
          className={selectClass}
          value={filter.state ?? ""}
          onChange={(e) =>
            onChange({ ...filter, state: (e.target.value || undefined) as FleetFilter["state"] })
          }
        >
          {STATES.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-1 flex-col gap-1 text-xs text-slate-600 dark:text-slate-400">
        Search
        <input
          data-testid="fleet-filter-text"
          className={selectClass}
          placeholder="name, host, cluster, role…"
          value={filter.text ?? ""}
          onChange={(e) => onChange({ ...filter, text: e.target.value })}
        />
      </label>
    </div>
  );
}
