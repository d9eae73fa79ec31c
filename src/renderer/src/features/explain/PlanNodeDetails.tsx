import type { PlanNode } from "../../../../shared/explain/plan.model";
import { formatBlocks, formatCount, formatMs, formatShare } from "./plan.format";
import { plural } from "../../../../shared/format/plural";

/** Everything the server said about one node, as text. */
export function PlanNodeDetails({ node }: { node: PlanNode }) {
  const facts: Array<[string, string]> = [
    ["Inclusive time", `${formatMs(node.inclusiveMs)} (${formatShare(node.inclusiveShare)})`],
    ["Exclusive time", `${formatMs(node.exclusiveMs)} (${formatShare(node.exclusiveShare)})`],
    [
      "Actual per loop",
      node.actualTotalMs === null
        ? "—"
        : `${formatMs(node.actualStartupMs)} … ${formatMs(node.actualTotalMs)}, ${formatCount(node.actualRows)} ${plural(node.actualRows ?? 0, "row")} × ${formatCount(node.actualLoops)} ${plural(node.actualLoops ?? 0, "loop")}`,
    ],
    [
      "Rows estimated / actual",
      `${formatCount(node.estimatedRowsTotal)} / ${formatCount(node.actualRowsTotal)}`,
    ],
    [
      "Misestimate",
      node.misestimate
        ? `${node.misestimate.factor.toFixed(1)}× ${node.misestimate.direction === "under" ? "underestimated" : "overestimated"}`
        : "—",
    ],
    ["Cost", `${node.startupCost.toFixed(2)} … ${node.totalCost.toFixed(2)} (width ${node.planWidth})`],
  ];
  if (node.buffers) {
    const b = node.buffers;
    const own = node.exclusiveBuffers;
    facts.push([
      "Shared buffers",
      `hit ${formatBlocks(b.sharedHit)}, read ${formatBlocks(b.sharedRead)}, dirtied ${formatBlocks(b.sharedDirtied)}, written ${formatBlocks(b.sharedWritten)}`,
    ]);
    if (own)
      facts.push([
        "This node alone",
        `hit ${formatBlocks(own.sharedHit)}, read ${formatBlocks(own.sharedRead)}`,
      ]);
    if (b.tempRead || b.tempWritten)
      facts.push([
        "Temp buffers",
        `read ${formatBlocks(b.tempRead)}, written ${formatBlocks(b.tempWritten)}`,
      ]);
    if (b.localHit || b.localRead)
      facts.push(["Local buffers", `hit ${formatBlocks(b.localHit)}, read ${formatBlocks(b.localRead)}`]);
  }
  if (node.ioReadMs !== null || node.ioWriteMs !== null)
    facts.push(["I/O time", `read ${formatMs(node.ioReadMs)}, write ${formatMs(node.ioWriteMs)}`]);
  if (node.rowsRemovedByFilter !== null)
    facts.push(["Rows removed by filter, all loops", formatCount(node.rowsRemovedByFilter)]);
  if (node.workersLaunched !== null || node.workersPlanned !== null)
    facts.push([
      "Workers",
      `${node.workersLaunched ?? "?"} launched of ${node.workersPlanned ?? "?"} planned`,
    ]);

  return (
    <section
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 text-xs dark:border-slate-800"
      data-testid="plan-node-details"
    >
      <h3 className="text-sm font-semibold break-all">{node.label}</h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
        {facts.map(([k, v]) => (
          <Fact key={k} label={k} value={v} />
        ))}
        {node.details.map(([k, v]) => (
          <Fact key={`d-${k}`} label={k} value={v} mono />
        ))}
      </dl>
    </section>
  );
}

function Fact({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className={`break-all whitespace-pre-wrap ${mono ? "font-mono" : ""}`}>{value}</dd>
    </>
  );
}
