import { useState } from "react";
import type { AuditFilters } from "../../../../shared/contract/audit";
import { Button } from "../../components/Button";
import { filtersFromDraft } from "./audit.model";

const FIELDS: Array<[keyof AuditFilters, string]> = [
  ["entity", "Entity"],
  ["entityId", "Entity id"],
  ["actor", "Actor"],
  ["action", "Action"],
  ["tenant", "Organization"],
  ["text", "Text in changes"],
];

/** Filter form; applies on submit so typing does not fire a query per key. */
export function FiltersBar({ value, onApply }: { value: AuditFilters; onApply(f: AuditFilters): void }) {
  const [draft, setDraft] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])),
  );
  return (
    <form
      data-testid="audit-filters"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(filtersFromDraft(draft));
      }}
    >
      {FIELDS.map(([key, label]) => (
        <label key={key} className="flex flex-col text-xs text-slate-600 dark:text-slate-400">
          {label}
          <input
            name={key}
            value={draft[key] ?? ""}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            className="w-36 rounded border border-slate-300 px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          />
        </label>
      ))}
      {(["from", "to"] as const).map((key) => (
        <label key={key} className="flex flex-col text-xs text-slate-600 dark:text-slate-400">
          {key === "from" ? "From" : "Before"}
          <input
            type="datetime-local"
            name={key}
            value={draft[key] ?? ""}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
            className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          />
        </label>
      ))}
      <label className="flex items-center gap-1 self-center text-xs text-slate-600 dark:text-slate-400">
        <input
          type="checkbox"
          name="exact"
          data-testid="audit-filter-exact"
          checked={draft.exact === "true"}
          onChange={(e) => setDraft({ ...draft, exact: e.target.checked ? "true" : "" })}
        />
        Exact match (letter case counts)
      </label>
      <Button type="submit" variant="primary" data-testid="audit-filter-apply">
        Filter
      </Button>
      <Button
        onClick={() => {
          setDraft({});
          onApply({});
        }}
      >
        Clear
      </Button>
    </form>
  );
}
