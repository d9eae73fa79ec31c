import { useMemo } from "react";
import { comparePlans, type ComparedRow, type Figure } from "../../../../shared/explain/plan.compare";
import type { PlanModel, PlanNode } from "../../../../shared/explain/plan.model";
import { delta, formatBlocks, formatCount, formatMs, pair } from "./plan.format";

const statusStyle: Record<ComparedRow["status"], string> = {
  same: "",
  changed: "bg-amber-50 dark:bg-amber-950/40",
  removed: "bg-red-50 text-red-900 dark:bg-red-950/40 dark:text-red-200",
  added: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200",
};

/** Two plans of the same query side by side, node against node, with what changed. */
export function PlanCompare({
  a,
  b,
  labelA = "Before",
  labelB = "After",
}: {
  a: PlanModel;
  b: PlanModel;
  labelA?: string;
  labelB?: string;
}) {
  const cmp = useMemo(() => comparePlans(a, b), [a, b]);
  return (
    <section className="flex flex-col gap-3" data-testid="plan-compare">
      <CompareSummary summary={cmp.summary} labelA={labelA} labelB={labelB} />
      <div className="max-h-[60vh] overflow-auto rounded border border-slate-200 dark:border-slate-800">
        <table className="w-full text-xs" data-testid="plan-compare-nodes">
          <thead className="sticky top-0 bg-slate-50 text-left text-slate-600 dark:text-slate-400 dark:bg-slate-900">
            <tr>
              <th className="px-2 py-1">{labelA}</th>
              <th className="px-2 py-1">{labelB}</th>
              <th className="px-2 py-1 text-right">Time (inclusive)</th>
              <th className="px-2 py-1 text-right">Δ time</th>
              <th className="px-2 py-1 text-right">Rows</th>
              <th className="px-2 py-1 text-right">Buffers</th>
            </tr>
          </thead>
          <tbody>
            {cmp.rows.map((r, i) => (
              <CompareRow
                key={i}
                row={r}
                a={r.a === null ? null : a.nodes[r.a]!}
                b={r.b === null ? null : b.nodes[r.b]!}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Summary = ReturnType<typeof comparePlans>["summary"];

function CompareSummary({
  summary: s,
  labelA,
  labelB,
}: {
  summary: Summary;
  labelA: string;
  labelB: string;
}) {
  return (
    <table className="w-full max-w-3xl text-sm" data-testid="plan-compare-summary">
      <thead className="text-left text-slate-600 dark:text-slate-400">
        <tr>
          <th className="py-1 font-normal" />
          <th className="py-1 text-right font-medium">{labelA}</th>
          <th className="py-1 text-right font-medium">{labelB}</th>
          <th className="py-1 text-right font-medium">Change</th>
        </tr>
      </thead>
      <tbody>
        <SummaryRow label="Execution time" f={s.executionMs} fmt={formatMs} testId="compare-execution" />
        <SummaryRow label="Planning time" f={s.planningMs} fmt={formatMs} />
        <SummaryRow label="Total cost" f={s.totalCost} fmt={(v) => (v == null ? "—" : v.toFixed(0))} />
        <SummaryRow label="Shared buffers hit" f={s.sharedHit} fmt={formatBlocks} />
        <SummaryRow label="Shared buffers read" f={s.sharedRead} fmt={formatBlocks} />
        <SummaryRow label="Nodes" f={s.nodes} fmt={(v) => String(v ?? "—")} />
      </tbody>
    </table>
  );
}

/** One node matched across the plans (either side may be missing: added or removed). */
function CompareRow({ row, a, b }: { row: ComparedRow; a: PlanNode | null; b: PlanNode | null }) {
  return (
    <tr
      className={`border-t border-slate-100 dark:border-slate-800 ${statusStyle[row.status]}`}
      data-testid="plan-compare-row"
      data-status={row.status}
    >
      <td className="px-2 py-1" style={{ paddingLeft: 8 + Math.min(row.depth, 30) * 12 }}>
        {a?.label ?? "—"}
      </td>
      <td className="px-2 py-1">{b?.label ?? "—"}</td>
      <td className="px-2 py-1 text-right tabular-nums">{pair(a, b, (n) => formatMs(n.inclusiveMs))}</td>
      <td className="px-2 py-1 text-right tabular-nums">
        {delta(a?.inclusiveMs ?? null, b?.inclusiveMs ?? null)}
      </td>
      <td className="px-2 py-1 text-right tabular-nums">
        {pair(a, b, (n) => formatCount(n.actualRowsTotal ?? n.estimatedRowsTotal))}
      </td>
      <td className="px-2 py-1 text-right tabular-nums">
        {pair(a, b, (n) => (n.buffers ? formatBlocks(n.buffers.sharedHit + n.buffers.sharedRead) : "—"))}
      </td>
    </tr>
  );
}

function SummaryRow({
  label,
  f,
  fmt,
  testId,
}: {
  label: string;
  f: Figure;
  fmt(v: number | null): string;
  testId?: string;
}) {
  return (
    <tr className="border-t border-slate-200 dark:border-slate-800" data-testid={testId}>
      <td className="py-1 text-slate-600 dark:text-slate-400">{label}</td>
      <td className="py-1 text-right tabular-nums">{fmt(f.a)}</td>
      <td className="py-1 text-right tabular-nums">{fmt(f.b)}</td>
      <td className="py-1 text-right tabular-nums">{delta(f.a, f.b)}</td>
    </tr>
  );
}
