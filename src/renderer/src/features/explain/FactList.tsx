import type { FactGroup } from "./plan.facts";

/** Label/value groups as a definition list; every value is text (server strings never become HTML). */
export function FactList({ groups, testId }: { groups: FactGroup[]; testId?: string }) {
  return (
    <div className="flex flex-col gap-2" data-testid={testId}>
      {groups.map((g) => (
        <section key={g.title} data-testid="fact-group" data-title={g.title}>
          <h4 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-600 dark:text-slate-400 uppercase">
            {g.title}
          </h4>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
            {g.rows.map(([k, v], i) => (
              <Fact key={`${k}-${i}`} label={k} value={v} />
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="font-mono break-all whitespace-pre-wrap" data-testid="fact-value">
        {value}
      </dd>
    </>
  );
}
