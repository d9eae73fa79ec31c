import { useState } from "react";
import type { PlanModel } from "../../../../shared/explain/plan.model";
import { PlanFlame } from "./PlanFlame";
import { PlanNodeDetails } from "./PlanNodeDetails";
import { PlanSummary } from "./PlanSummary";
import { PlanTips } from "./PlanTips";
import { PlanTree } from "./PlanTree";
import { collapseBelowTop, revealNode, toggleCollapsed } from "./plan-tree.model";

type Tab = "tree" | "flame";

/** A plan model, readable: summary, tree or icicle, tips, and the selected node's details. */
export function PlanViewer({ plan }: { plan: PlanModel }) {
  const view = usePlanView(plan);
  const selected = view.selectedId === null ? null : (plan.nodes[view.selectedId] ?? null);
  return (
    <div className="flex flex-col gap-3" data-testid="plan-viewer">
      <PlanSummary plan={plan} />
      <ViewTabs
        tab={view.tab}
        onTab={view.setTab}
        onExpandAll={() => view.setCollapsed(new Set())}
        onCollapseAll={() => view.setCollapsed(collapseBelowTop(plan))}
      />
      {view.tab === "tree" ? (
        <PlanTree
          plan={plan}
          collapsed={view.collapsed}
          selectedId={view.selectedId}
          onToggle={(id) => view.setCollapsed((prev) => toggleCollapsed(prev, id))}
          onSelect={view.setSelectedId}
          revealKey={view.revealKey}
        />
      ) : (
        <PlanFlame plan={plan} selectedId={view.selectedId} onSelect={view.setSelectedId} />
      )}
      <div className="grid gap-3 lg:grid-cols-2">
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Tips ({plan.tips.length})</h3>
          <PlanTips tips={plan.tips} onShowNode={view.showNode} />
        </div>
        {selected ? (
          <PlanNodeDetails node={selected} />
        ) : (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Select a node to see everything the server reported about it.
          </p>
        )}
      </div>
    </div>
  );
}

/** Tab, selection and collapsed nodes of one plan; a new plan starts over. */
function usePlanView(plan: PlanModel) {
  const [tab, setTab] = useState<Tab>("tree");
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [revealKey, setRevealKey] = useState(0);
  const [shown, setShown] = useState(plan);
  if (shown !== plan) {
    // a new plan: reset what pointed into the old one
    setShown(plan);
    setSelectedId(null);
    setCollapsed(new Set());
  }
  /** A tip's "show node": open the tree there, expanded down to it, scrolled into view. */
  const showNode = (id: number) => {
    setCollapsed((prev) => revealNode(plan, prev, id));
    setSelectedId(id);
    setTab("tree");
    setRevealKey((k) => k + 1);
  };
  return { tab, setTab, selectedId, setSelectedId, collapsed, setCollapsed, revealKey, showNode };
}

function ViewTabs({
  tab,
  onTab,
  onExpandAll,
  onCollapseAll,
}: {
  tab: Tab;
  onTab(tab: Tab): void;
  onExpandAll(): void;
  onCollapseAll(): void;
}) {
  const tabClass = (t: Tab) =>
    `rounded px-2 py-1 text-xs font-medium ${tab === t ? "bg-blue-600 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`;
  return (
    <div className="flex items-center gap-1">
      <button
        type="button"
        className={tabClass("tree")}
        onClick={() => onTab("tree")}
        data-testid="plan-tab-tree"
      >
        Tree
      </button>
      <button
        type="button"
        className={tabClass("flame")}
        onClick={() => onTab("flame")}
        data-testid="plan-tab-flame"
      >
        Where time goes
      </button>
      {tab === "tree" && (
        <span className="ml-auto flex gap-1">
          <button
            type="button"
            className="rounded px-2 py-1 text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
            onClick={onExpandAll}
          >
            Expand all
          </button>
          <button
            type="button"
            className="rounded px-2 py-1 text-xs hover:bg-slate-100 dark:hover:bg-slate-800"
            onClick={onCollapseAll}
          >
            Collapse all
          </button>
        </span>
      )}
    </div>
  );
}
