import { useMemo } from "react";
import { comparePlans, type ComparedRow, type Figure } from "../../../../shared/explain/plan.compare";
import type { PlanModel, PlanNode } from "../../../../shared/explain/plan.model";
import { formatBlocks, formatCount, formatMs } from "./plan.format";

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
  const s = cmp.summary;
  return (
    <section className="flex flex-col gap-3" data-testid="plan-compare">
      <table className="w-full max-w-3xl text-sm" data-testid="plan-compare-summary">
        <thead className="text-left text-slate-500">
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
      <div className="max-h-[60vh] overflow-auto rounded border border-slate-200 dark:border-slate-800">
        <table className="w-full text-xs" data-testid="plan-compare-nodes">
          <thead className="sticky top-0 bg-slate-50 text-left text-slate-500 dark:bg-slate-900">
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
            {cmp.rows.map((r, i) => {
              const na = r.a === null ? null : a.nodes[r.a]!;
              const nb = r.b === null ? null : b.nodes[r.b]!;
              return (
                <tr
                  key={i}
                  className={`border-t border-slate-100 dark:border-slate-800 ${statusStyle[r.status]}`}
                  data-testid="plan-compare-row"
                  data-status={r.status}
                >
                  <td className="px-2 py-1" style={{ paddingLeft: 8 + Math.min(r.depth, 30) * 12 }}>
                    {na?.label ?? "—"}
                  </td>
                  <td className="px-2 py-1">{nb?.label ?? "—"}</td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {pair(na, nb, (n) => formatMs(n.inclusiveMs))}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {delta(na?.inclusiveMs ?? null, nb?.inclusiveMs ?? null)}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {pair(na, nb, (n) => formatCount(n.actualRowsTotal ?? n.estimatedRowsTotal))}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {pair(na, nb, (n) =>
                      n.buffers ? formatBlocks(n.buffers.sharedHit + n.buffers.sharedRead) : "—",
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function pair(a: PlanNode | null, b: PlanNode | null, f: (n: PlanNode) => string): string {
  return `${a ? f(a) : "—"} → ${b ? f(b) : "—"}`;
}

/** "+21% (×1.21)" or "−99.9% (÷1587)": the change from a to b. */
export function delta(a: number | null, b: number | null): string {
  if (a === null || b === null) return "—";
  if (a === 0) return b === 0 ? "0%" : "new";
  const ratio = b / a;
  const p = Math.abs(ratio - 1) * 100;
  // never round a real change to "100%" or "0%"
  const pct =
    p >= 99.5 && p < 100 ? (Math.floor(p * 10) / 10).toFixed(1) : p < 10 ? p.toFixed(1) : p.toFixed(0);
  if (b === a) return "0%";
  if (ratio > 1) return `+${pct}% (×${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)})`;
  if (b === 0) return "−100%";
  const inv = 1 / ratio;
  return `−${pct}% (÷${inv >= 10 ? inv.toFixed(0) : inv.toFixed(2)})`;
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
      <td className="py-1 text-slate-500">{label}</td>
      <td className="py-1 text-right tabular-nums">{fmt(f.a)}</td>
      <td className="py-1 text-right tabular-nums">{fmt(f.b)}</td>
      <td className="py-1 text-right tabular-nums">{delta(f.a, f.b)}</td>
    </tr>
  );
}
