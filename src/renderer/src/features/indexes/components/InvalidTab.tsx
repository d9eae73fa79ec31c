import type { IndexReport } from "../../../../../shared/contract/indexes";
import { SqlActions } from "./SqlActions";

export function InvalidTab({ report, profileId }: { report: IndexReport; profileId: string }) {
  return (
    <div className="flex flex-col gap-3" data-testid="invalid">
      {report.invalid.length === 0 && <p className="text-sm">No invalid index.</p>}
      {report.invalid.map((i) => (
        <article
          key={i.oid}
          className="flex flex-col gap-2 rounded border border-red-200 p-3 dark:border-red-900"
          data-testid="invalid-item"
        >
          <h3 className="font-medium">
            {i.name}{" "}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
              on {i.schema}.{i.table}
            </span>
          </h3>
          <p className="font-mono text-xs text-slate-600 dark:text-slate-400">{i.definition}</p>
          <p className="text-sm">{i.note}</p>
          {i.fixes.map((f) => (
            <div key={f.sql}>
              <div className="text-xs font-medium text-slate-600 dark:text-slate-400">{f.label}</div>
              <SqlActions
                profileId={profileId}
                sql={f.sql}
                label={f.sql.startsWith("DROP") ? "Drop" : f.sql.startsWith("REINDEX") ? "Rebuild" : "Create"}
              />
            </div>
          ))}
        </article>
      ))}
    </div>
  );
}
