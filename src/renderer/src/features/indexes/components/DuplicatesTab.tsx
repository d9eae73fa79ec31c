import type { IndexReport } from "../../../../../shared/contract/indexes";
import { formatBytes } from "../../../components/format";
import { SqlActions } from "./SqlActions";

export function DuplicatesTab({ report, profileId }: { report: IndexReport; profileId: string }) {
  return (
    <div className="flex flex-col gap-3" data-testid="duplicates">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        An index is redundant when another valid index on the same table, with the same method, expressions
        and predicate, starts with all of its columns. Unique and constraint indexes are never proposed.
      </p>
      {report.duplicates.length === 0 && <p className="text-sm">No duplicate or redundant index.</p>}
      {report.duplicates.map((d) => (
        <article
          key={d.oid}
          className="rounded border border-slate-200 p-3 dark:border-slate-800"
          data-testid="duplicate-item"
        >
          <h3 className="font-medium">
            {d.name}{" "}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
              on {d.schema}.{d.table} · {formatBytes(d.sizeBytes)} ·{" "}
              {d.kind === "exact" ? "identical to" : "a prefix of"} {d.coveredBy.name}
            </span>
          </h3>
          <p className="font-mono text-xs text-slate-600 dark:text-slate-400">{d.definition}</p>
          <p className="mb-2 font-mono text-xs text-slate-600 dark:text-slate-400">
            covered by: {d.coveredBy.definition}
          </p>
          <SqlActions profileId={profileId} sql={d.fix.sql} label="Drop" />
        </article>
      ))}
    </div>
  );
}
