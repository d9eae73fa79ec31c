import type { PlanModel, PlanNode, Tip } from "./plan.model";

/** Below these sizes a finding is noise, however bad the ratio looks. */
export const TIP_THRESHOLDS = {
  seqScanRemovedRows: 1000,
  /** A filter keeping at most this share of the rows it reads is selective. */
  seqScanKeptShare: 0.1,
  misestimateFactor: 100,
  misestimateMinRows: 100,
  nestedLoopInnerLoops: 1000,
  heapFetches: 1000,
  jitShare: 0.1,
  jitMinMs: 10,
  slowNodeShare: 0.5,
  slowNodeMinMs: 10,
};

// one formatter: toLocaleString() builds a new one per call, which dominates on big plans
const counts = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const fmt = (n: number) => counts.format(Math.round(n));
const ms = (n: number) => `${n >= 100 ? fmt(n) : n.toFixed(n >= 1 ? 1 : 3)} ms`;
const pct = (share: number) =>
  share > 0.995 && share < 1
    ? `${(Math.floor(share * 1000) / 10).toFixed(1)}%`
    : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

/** Plain-language findings for common plan problems, each pointing at its node and stating its figures. */
export function planTips(model: PlanModel): Tip[] {
  const tips: Tip[] = [];
  for (const n of model.nodes) {
    if (n.neverExecuted) continue;
    seqScanFilter(n, tips);
    misestimate(n, tips);
    slowNode(n, model, tips);
    spills(n, tips);
    nestedLoop(n, model, tips);
    heapFetches(n, tips);
    lossyBitmap(n, tips);
  }
  jit(model, tips);
  const rank = { critical: 0, warning: 1, info: 2 };
  return tips.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function target(n: PlanNode): string {
  return n.relation ? `${n.schema ? `${n.schema}.` : ""}${n.relation}` : n.label;
}

function seqScanFilter(n: PlanNode, tips: Tip[]): void {
  if (n.nodeType !== "Seq Scan" || n.rowsRemovedByFilter === null || n.filter === null) return;
  const removed = n.rowsRemovedByFilter;
  const kept = n.actualRowsTotal ?? 0;
  const keptShare = kept / Math.max(kept + removed, 1);
  if (removed < TIP_THRESHOLDS.seqScanRemovedRows || keptShare > TIP_THRESHOLDS.seqScanKeptShare) return;
  tips.push({
    kind: "seq-scan-filter",
    nodeId: n.id,
    severity: (n.exclusiveShare ?? 0) > 0.5 || removed > 1_000_000 ? "critical" : "warning",
    title: `Sequential scan on ${target(n)} throws away ${pct(1 - keptShare)} of the rows it reads`,
    detail:
      `It read ${fmt(kept + removed)} rows and kept ${fmt(kept)} matching ${n.filter}. ` +
      `An index on the filtered column(s) would let PostgreSQL read only the matching rows.`,
    figures: [
      ["Rows kept, all loops", fmt(kept)],
      ["Rows removed by filter, all loops", fmt(removed)],
      ["Loops", fmt(n.actualLoops ?? 1)],
    ],
  });
}

/**
 * Fewer rows than planned is what an early stop produces (a LIMIT, a merge join, a
 * semi-join, EXISTS): no finding then. More rows than planned is never explained by one.
 */
function misestimate(n: PlanNode, tips: Tip[]): void {
  const m = n.misestimate;
  if (!m || m.factor < TIP_THRESHOLDS.misestimateFactor || n.planRows === null) return;
  if (Math.max(n.planRows, n.actualRows ?? 0) < TIP_THRESHOLDS.misestimateMinRows) return;
  if (m.direction === "over" && n.earlyStop) return;
  const what = m.direction === "under" ? "more" : "fewer";
  tips.push({
    kind: "misestimate",
    nodeId: n.id,
    severity: m.factor >= 1000 ? "critical" : "warning",
    title: `Row estimate off by ${fmt(m.factor)}× at ${n.label}`,
    detail:
      `The planner expected ${fmt(n.planRows)} rows per loop and got ${fmt(n.actualRows ?? 0)} (${what} than planned), ` +
      `so the plan above it may be chosen for the wrong size. Run ANALYZE${n.relation ? ` ${target(n)}` : ""}; ` +
      `for correlated columns consider CREATE STATISTICS, or raise the column's statistics target.`,
    figures: [
      ["Rows estimated per loop", fmt(n.planRows)],
      ["Rows per loop", fmt(n.actualRows ?? 0)],
      ["Loops", fmt(n.actualLoops ?? 1)],
      ["Factor", `${fmt(m.factor)}×`],
    ],
  });
}

/** A node that holds most of the execution time by itself. */
function slowNode(n: PlanNode, model: PlanModel, tips: Tip[]): void {
  const share = n.exclusiveShare;
  if (share === null || n.exclusiveMs === null || model.nodes.length < 2) return;
  if (share < TIP_THRESHOLDS.slowNodeShare || n.exclusiveMs < TIP_THRESHOLDS.slowNodeMinMs) return;
  const stopped = n.earlyStop
    ? ` It stopped early (${n.earlyStop}) after ${fmt(n.actualRowsTotal ?? 0)} rows, so run to completion it would take longer.`
    : "";
  tips.push({
    kind: "slow-node",
    nodeId: n.id,
    severity: share > 0.9 ? "critical" : "warning",
    title: `${n.label} takes ${pct(share)} of the execution time by itself`,
    detail: `This is where to look first: ${ms(n.exclusiveMs)} of ${ms(model.totalMs ?? 0)}.${stopped}`,
    figures: [
      ["Time in this node", ms(n.exclusiveMs)],
      ["Execution time", ms(model.totalMs ?? 0)],
      ["Rows, all loops", fmt(n.actualRowsTotal ?? 0)],
      ["Loops", fmt(n.actualLoops ?? 1)],
    ],
  });
}

function spills(n: PlanNode, tips: Tip[]): void {
  const sortOnDisk = n.sortSpaceType === "Disk" || (n.sortMethod?.includes("external") ?? false);
  if (sortOnDisk) {
    tips.push({
      kind: "sort-spill",
      nodeId: n.id,
      severity: "warning",
      title: `Sort spilled to disk (${n.sortMethod ?? "external"}${n.sortSpaceKb !== null ? `, ${fmt(n.sortSpaceKb)} kB` : ""})`,
      detail:
        "The rows did not fit in work_mem. Raise work_mem for this query (SET LOCAL work_mem), sort fewer or narrower rows, or use an index that returns them in order.",
      figures: [
        ["Sort method", n.sortMethod ?? "external"],
        [
          "Space used",
          n.sortSpaceKb !== null ? `${fmt(n.sortSpaceKb)} kB on ${n.sortSpaceType ?? "disk"}` : "—",
        ],
        ["Rows sorted, all loops", fmt(n.actualRowsTotal ?? 0)],
      ],
    });
  }
  const batches = n.hashBatches ?? 0;
  const hashOnDisk = batches > 1 || (n.nodeType === "Aggregate" && (n.diskUsageKb ?? 0) > 0);
  if (hashOnDisk && (n.nodeType === "Hash" || n.nodeType === "Aggregate")) {
    const planned = n.originalHashBatches ?? n.plannedPartitions;
    tips.push({
      kind: "hash-spill",
      nodeId: n.id,
      severity: "warning",
      title: `${n.nodeType === "Hash" ? "Hash table" : "Hash aggregate"} spilled to disk in ${fmt(Math.max(batches, 1))} batches`,
      detail:
        `The hash table did not fit in work_mem${planned && planned !== batches ? ` (planned ${fmt(planned)} ${n.nodeType === "Hash" ? "batches" : "partitions"})` : ""}. ` +
        "Raise work_mem (or hash_mem_multiplier) for this query, or reduce the rows or columns fed into it.",
      figures: [
        ["Batches", fmt(Math.max(batches, 1))],
        ["Peak memory", n.peakMemoryKb !== null ? `${fmt(n.peakMemoryKb)} kB` : "—"],
        ["Disk used", n.diskUsageKb !== null ? `${fmt(n.diskUsageKb)} kB` : "—"],
      ],
    });
  }
}

function nestedLoop(n: PlanNode, model: PlanModel, tips: Tip[]): void {
  if (n.nodeType !== "Nested Loop") return;
  const inner = n.childIds.map((c) => model.nodes[c]!).find((c) => c.parentRelationship === "Inner");
  const loops = inner?.actualLoops ?? 0;
  if (!inner || loops < TIP_THRESHOLDS.nestedLoopInnerLoops) return;
  tips.push({
    kind: "nested-loop-loops",
    nodeId: n.id,
    severity: (n.inclusiveShare ?? 0) > 0.5 ? "critical" : "warning",
    title: `Nested loop runs its inner side ${fmt(loops)} times`,
    detail:
      `${inner.label} executed once per outer row. If the outer side is larger than the planner thought, ` +
      "a hash or merge join may be faster: check the outer estimate, and make sure the inner side uses an index on the join key.",
    figures: [
      ["Inner loops", fmt(loops)],
      ["Inner rows per loop", fmt(inner.actualRows ?? 0)],
      ["Time in the loop", n.inclusiveMs !== null ? ms(n.inclusiveMs) : "—"],
    ],
  });
}

/** Heap Fetches is printed as the total over all loops already. */
function heapFetches(n: PlanNode, tips: Tip[]): void {
  if (n.nodeType !== "Index Only Scan" || (n.heapFetches ?? 0) < TIP_THRESHOLDS.heapFetches) return;
  const rows = n.actualRowsTotal ?? 0;
  const fetches = n.heapFetches ?? 0;
  tips.push({
    kind: "heap-fetches",
    nodeId: n.id,
    severity: "info",
    title: `Index-only scan fetched ${fmt(fetches)} rows from the table anyway`,
    detail:
      `${rows > 0 ? `${pct(Math.min(1, fetches / rows))} of its rows` : "Rows"} were on pages not marked all-visible. ` +
      `VACUUM ${target(n)} (or tune autovacuum for it) so the visibility map lets the scan skip the table.`,
    figures: [
      ["Heap fetches, all loops", fmt(fetches)],
      ["Rows returned, all loops", fmt(rows)],
    ],
  });
}

function lossyBitmap(n: PlanNode, tips: Tip[]): void {
  if (n.nodeType !== "Bitmap Heap Scan" || (n.lossyHeapBlocks ?? 0) <= 0) return;
  tips.push({
    kind: "lossy-bitmap",
    nodeId: n.id,
    severity: "warning",
    title: `Bitmap heap scan went lossy on ${fmt(n.lossyHeapBlocks ?? 0)} blocks`,
    detail:
      "The bitmap did not fit in work_mem, so whole pages were rechecked row by row" +
      `${n.rowsRemovedByIndexRecheck ? ` (${fmt(n.rowsRemovedByIndexRecheck)} rows removed by recheck)` : ""}. Raise work_mem for this query.`,
    figures: [
      ["Lossy blocks", fmt(n.lossyHeapBlocks ?? 0)],
      ["Exact blocks", fmt(n.exactHeapBlocks ?? 0)],
      ["Rows removed by recheck, all loops", fmt(n.rowsRemovedByIndexRecheck ?? 0)],
    ],
  });
}

function jit(model: PlanModel, tips: Tip[]): void {
  const total = model.executionMs ?? model.totalMs;
  const jitMs = model.jit?.totalMs ?? null;
  if (!model.jit || jitMs === null || !total || total <= 0) return;
  const share = jitMs / total;
  if (share < TIP_THRESHOLDS.jitShare || jitMs < TIP_THRESHOLDS.jitMinMs) return;
  tips.push({
    kind: "jit-cost",
    // the whole query pays it: point at the root
    nodeId: 0,
    severity: share > 0.5 ? "critical" : "warning",
    title: `JIT compilation took ${pct(Math.min(1, share))} of the execution time`,
    detail:
      `${fmt(model.jit.functions)} functions compiled in ${jitMs.toFixed(1)} ms. For short queries this costs more than it saves: ` +
      "raise jit_above_cost (or jit_optimize_above_cost / jit_inline_above_cost), or SET jit = off for this workload.",
    figures: [
      ["JIT time", ms(jitMs)],
      ["Execution time", ms(total)],
      ["Functions", fmt(model.jit.functions)],
    ],
  });
}
