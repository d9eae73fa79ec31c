import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef } from "react";
import type { PlanModel, PlanNode } from "../../../../shared/explain/plan.model";
import { visibleNodeIds } from "../../../../shared/explain/plan-tree.rows";
import {
  formatBlocks,
  formatCount,
  formatMs,
  formatShare,
  misestimateLabel,
  severityBar,
  severityText,
} from "./plan.format";

const ROW_HEIGHT = 30;
const COLUMNS = "minmax(280px, 1fr) 150px 80px 64px 150px 60px 110px";

interface Props {
  plan: PlanModel;
  collapsed: ReadonlySet<number>;
  selectedId: number | null;
  onToggle(id: number): void;
  onSelect(id: number): void;
  /** Changes whenever the selection should be scrolled into view. */
  revealKey?: number;
}

/** The plan as an indented, virtualized table: thousands of nodes render only what is on screen. */
export function PlanTree({ plan, collapsed, selectedId, onToggle, onSelect, revealKey }: Props) {
  const visible = useMemo(() => visibleNodeIds(plan, collapsed), [plan, collapsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the documented API; no React Compiler here
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  useEffect(() => {
    if (selectedId === null || revealKey === undefined) return;
    const index = visible.indexOf(selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: "center" });
    // only when asked to reveal, not on every expand/collapse
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealKey]);

  return (
    <div
      className="flex min-h-0 flex-col rounded border border-slate-200 text-xs dark:border-slate-800"
      data-testid="plan-tree"
    >
      <div
        className="grid border-b border-slate-200 bg-slate-50 px-2 py-1 font-medium text-slate-600 dark:text-slate-400 dark:border-slate-800 dark:bg-slate-900"
        style={{ gridTemplateColumns: COLUMNS }}
      >
        <span>Node</span>
        <span>Exclusive time</span>
        <span className="text-right">Inclusive</span>
        <span className="text-right">Share</span>
        <span className="text-right">Rows est → actual</span>
        <span className="text-right">Loops</span>
        <span className="text-right">Buffers hit / read</span>
      </div>
      <div ref={scrollRef} className="max-h-[60vh] min-h-24 overflow-auto" data-testid="plan-tree-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const node = plan.nodes[visible[item.index]!]!;
            return (
              <PlanRow
                key={node.id}
                node={node}
                top={item.start}
                collapsed={collapsed.has(node.id)}
                selected={node.id === selectedId}
                onToggle={onToggle}
                onSelect={onSelect}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  node: PlanNode;
  top: number;
  collapsed: boolean;
  selected: boolean;
  onToggle(id: number): void;
  onSelect(id: number): void;
}

/** One node: its label indented by depth, its time bar, rows estimated against actual, loops, buffers. */
function PlanRow({ node, top, collapsed, selected, onToggle, onSelect }: RowProps) {
  const mis = misestimateLabel(node);
  return (
    <div
      role="row"
      data-testid="plan-node"
      data-node-id={node.id}
      aria-selected={selected}
      onClick={() => onSelect(node.id)}
      className={`absolute left-0 grid w-full cursor-pointer items-center border-b border-slate-100 px-2 hover:bg-slate-50 dark:border-slate-800/60 dark:hover:bg-slate-800/40 ${selected ? "bg-blue-50 dark:bg-blue-950/50" : ""} ${node.neverExecuted ? "opacity-50" : ""}`}
      style={{ top, height: ROW_HEIGHT, gridTemplateColumns: COLUMNS }}
    >
      <NodeLabel node={node} collapsed={collapsed} onToggle={onToggle} />
      <TimeBar node={node} />
      <span className="text-right tabular-nums">{formatMs(node.inclusiveMs)}</span>
      <span className={`text-right tabular-nums ${severityText[node.timeSeverity]}`}>
        {formatShare(node.exclusiveShare)}
      </span>
      <span className="text-right tabular-nums">
        {formatCount(node.estimatedRowsTotal)} → {formatCount(node.actualRowsTotal)}
        {mis && (
          <span
            className={`ml-1 ${severityText[node.misestimate!.severity]}`}
            data-testid="plan-node-misestimate"
          >
            {mis}
          </span>
        )}
      </span>
      <span className="text-right tabular-nums">{formatCount(node.actualLoops)}</span>
      <span className="text-right tabular-nums">
        {node.buffers
          ? `${formatBlocks(node.buffers.sharedHit)} / ${formatBlocks(node.buffers.sharedRead)}`
          : "—"}
      </span>
    </div>
  );
}

/** The expand/collapse toggle, the subplan role and the node's label, indented by depth. */
function NodeLabel({ node, collapsed, onToggle }: Pick<RowProps, "node" | "collapsed" | "onToggle">) {
  return (
    <span className="flex min-w-0 items-center gap-1" style={{ paddingLeft: Math.min(node.depth, 40) * 14 }}>
      <button
        type="button"
        aria-label={collapsed ? "Expand" : "Collapse"}
        data-testid="plan-node-toggle"
        disabled={node.childIds.length === 0}
        onClick={(e) => {
          e.stopPropagation();
          onToggle(node.id);
        }}
        className="w-4 shrink-0 text-slate-600 dark:text-slate-400 disabled:invisible"
      >
        {collapsed ? "▸" : "▾"}
      </button>
      {node.subplanName && (
        <span className="shrink-0 rounded bg-violet-100 px-1 text-violet-800 dark:bg-violet-950 dark:text-violet-200">
          {node.subplanName}
        </span>
      )}
      <span
        className={`truncate ${severityText[node.timeSeverity]}`}
        title={node.label}
        data-testid="plan-node-label"
      >
        {node.label}
      </span>
      {node.neverExecuted && (
        <span className="shrink-0 text-slate-600 dark:text-slate-400">never executed</span>
      )}
      {node.earlyStop && !node.neverExecuted && (
        <span
          className="shrink-0 text-slate-600 dark:text-slate-400"
          title={node.earlyStop}
          data-testid="plan-node-early-stop"
        >
          stopped early
        </span>
      )}
      {collapsed && <span className="shrink-0 text-slate-600 dark:text-slate-400">…</span>}
    </span>
  );
}

/** Exclusive time: the node's own share drawn over its inclusive share. */
function TimeBar({ node }: { node: PlanNode }) {
  return (
    <span className="flex items-center gap-1">
      <span className="relative h-2.5 w-20 overflow-hidden rounded bg-slate-100 dark:bg-slate-800">
        <span
          className="absolute inset-y-0 left-0 bg-slate-300 dark:bg-slate-600"
          style={{ width: `${(node.inclusiveShare ?? 0) * 100}%` }}
        />
        <span
          className={`absolute inset-y-0 left-0 ${severityBar[node.timeSeverity]}`}
          style={{ width: `${(node.exclusiveShare ?? 0) * 100}%` }}
        />
      </span>
      <span className="tabular-nums">{formatMs(node.exclusiveMs)}</span>
    </span>
  );
}
